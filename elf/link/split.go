package link

import (
	"debug/elf"
	"sort"
)

// splitSections cuts each allocated section of a p9as object into one
// piece per symbol, so dead-code elimination can drop single functions
// and data symbols. A section stays whole unless its symbols cover every
// relocated byte without overlapping and nothing refers to the section
// through its STT_SECTION symbol. Bytes between symbols (alignment
// padding) are left out; layout re-creates the alignment.
func splitSections(obj *object) {
	bySection := map[*inSection][]*symbol{}
	for _, s := range obj.defs {
		bySection[s.sec] = append(bySection[s.sec], s)
	}
	sectionRefs := map[*inSection]bool{}
	for _, sec := range obj.secs {
		if sec == nil {
			continue
		}
		for _, r := range sec.relocs {
			if r.sym.typ == elf.STT_SECTION && r.sym.sec != nil {
				sectionRefs[r.sym.sec] = true
			}
		}
	}
	var out []*inSection
	remap := map[*inSection][]*inSection{}
	for _, sec := range obj.secs {
		if sec == nil {
			continue
		}
		if !sec.alloc() || sectionRefs[sec] {
			out = append(out, sec)
			continue
		}
		pieces := cutSection(sec, bySection[sec])
		if pieces == nil {
			out = append(out, sec)
			continue
		}
		remap[sec] = pieces
		out = append(out, pieces...)
	}
	if len(remap) == 0 {
		obj.secs = out
		return
	}
	moved := map[*symbol]bool{}
	move := func(s *symbol) {
		if s == nil || moved[s] || s.kind != symDefined {
			return
		}
		pieces := remap[s.sec]
		if pieces == nil {
			return
		}
		moved[s] = true
		p := pieceAt(pieces, s.val)
		if p == nil {
			// Only a section symbol can point between pieces, and
			// splitting required that nothing refers to it.
			s.kind, s.sec = symDropped, nil
			return
		}
		s.sec, s.val = p, s.val-p.start
	}
	for _, s := range obj.syms {
		move(s)
	}
	for _, s := range obj.defs {
		move(s)
	}
	obj.secs = out
}

// cutSection returns the pieces of sec, one per distinct symbol range, or
// nil if the section cannot be cut.
func cutSection(sec *inSection, syms []*symbol) []*inSection {
	if len(syms) == 0 {
		return nil
	}
	type span struct{ start, end uint64 }
	var spans []span
	for _, s := range syms {
		spans = append(spans, span{s.val, s.val + s.size})
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var merged []span
	for _, sp := range spans {
		if sp.end > sec.size {
			return nil
		}
		if n := len(merged); n > 0 {
			last := merged[n-1]
			switch {
			case sp == last:
				continue // an alias
			case sp.start == sp.end && sp.start >= last.start && sp.start < last.end:
				continue // a label inside another symbol
			case sp.start < last.end:
				return nil // overlapping symbols
			}
		}
		if sp.start == sp.end {
			return nil // a label outside any sized symbol
		}
		merged = append(merged, sp)
	}
	pieces := make([]*inSection, len(merged))
	for i, sp := range merged {
		p := &inSection{obj: sec.obj, name: sec.name, typ: sec.typ, flags: sec.flags,
			size: sp.end - sp.start, align: pieceAlign(sec.align, sp.start), start: sp.start}
		if sec.data != nil {
			p.data = sec.data[sp.start:sp.end]
		}
		pieces[i] = p
	}
	for _, r := range sec.relocs {
		p := pieceAt(pieces, r.off)
		if p == nil || r.off+uint64(relocSize(r.typ)) > p.start+p.size {
			return nil // a relocation outside every symbol
		}
		r.off -= p.start
		p.relocs = append(p.relocs, r)
	}
	return pieces
}

// pieceAlign keeps the alignment a piece had within its section.
func pieceAlign(secAlign, off uint64) uint64 {
	if off == 0 {
		return secAlign
	}
	return min(secAlign, off&-off)
}

// pieceAt returns the piece holding offset off of the original section.
func pieceAt(pieces []*inSection, off uint64) *inSection {
	i := sort.Search(len(pieces), func(i int) bool { return pieces[i].start+pieces[i].size > off })
	if i < len(pieces) && pieces[i].start <= off {
		return pieces[i]
	}
	return nil
}
