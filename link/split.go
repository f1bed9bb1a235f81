package link

import (
	"cmp"
	"debug/elf"
	"slices"
	"sort"
)

// splitSections cuts each allocated section of a p9as object into one
// piece per symbol, so dead-code elimination can drop single functions
// and data symbols. A section stays whole unless its symbols cover every
// relocated byte without overlapping and nothing refers to the section
// through its STT_SECTION symbol. Bytes between symbols (alignment
// padding) are left out; layout re-creates the alignment.
func splitSections(obj *object) {
	// Sections are numbered as the object numbers them (inSection.index);
	// split runs before bind, while every symbol in obj.syms is the
	// object's own.
	bySection := make([][]*symbol, len(obj.secs))
	for _, s := range obj.defs {
		i := s.sec.index
		bySection[i] = append(bySection[i], s)
	}
	sectionRefs := make([]bool, len(obj.secs))
	for _, sec := range obj.secs {
		if sec == nil {
			continue
		}
		for i := range sec.relocs {
			if r := &sec.relocs[i]; r.sym.typ == elf.STT_SECTION && r.sym.sec != nil {
				sectionRefs[r.sym.sec.index] = true
			}
		}
	}
	var out []*inSection
	remap := make([][]*inSection, len(obj.secs))
	split := false
	for i, sec := range obj.secs {
		if sec == nil {
			continue
		}
		if !sec.alloc() || sectionRefs[i] {
			out = append(out, sec)
			continue
		}
		pieces := cutSection(sec, bySection[i])
		if pieces == nil {
			out = append(out, sec)
			continue
		}
		remap[i], split = pieces, true
		out = append(out, pieces...)
	}
	obj.secs = out
	if !split {
		return
	}
	for _, s := range obj.syms {
		if s == nil || s.kind != symDefined {
			continue
		}
		pieces := remap[s.sec.index]
		if pieces == nil {
			continue
		}
		p := pieceAt(pieces, s.val)
		if p == nil {
			// Only a section symbol can point between pieces, and
			// splitting required that nothing refers to it.
			s.kind, s.sec = symDropped, nil
			continue
		}
		s.sec, s.val = p, s.val-p.start
	}
}

// cutSection returns the pieces of sec, one per distinct symbol range, or
// nil if the section cannot be cut.
func cutSection(sec *inSection, syms []*symbol) []*inSection {
	if len(syms) == 0 {
		return nil
	}
	type span struct{ start, end uint64 }
	spans := make([]span, 0, len(syms))
	for _, s := range syms {
		spans = append(spans, span{s.val, s.val + s.size})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	merged := make([]span, 0, len(spans))
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
	slab := make([]inSection, len(merged))
	for i, sp := range merged {
		p := &slab[i]
		*p = inSection{obj: sec.obj, name: sec.name, typ: sec.typ, flags: sec.flags,
			size: sp.end - sp.start, align: pieceAlign(sec.align, sp.start), start: sp.start}
		if sec.data != nil {
			p.data = sec.data[sp.start:sp.end]
		}
		pieces[i] = p
	}
	// Each piece's relocations are a run of the section's when those are
	// in order of offset, as assemblers write them; otherwise copies.
	sorted := slices.IsSortedFunc(sec.relocs, func(a, b reloc) int { return cmp.Compare(a.off, b.off) })
	for i := range sec.relocs {
		r := &sec.relocs[i]
		p := pieceAt(pieces, r.off)
		if p == nil || r.off+uint64(relocSize(r.typ)) > p.start+p.size {
			return nil // a relocation outside every symbol
		}
		if !sorted {
			rc := *r
			rc.off -= p.start
			p.relocs = append(p.relocs, rc)
			continue
		}
		if p.relocs == nil {
			p.relocs = sec.relocs[i:i:len(sec.relocs)]
		}
		p.relocs = p.relocs[:len(p.relocs)+1]
	}
	if sorted {
		for _, p := range pieces {
			for i := range p.relocs {
				p.relocs[i].off -= p.start
			}
			p.relocs = p.relocs[:len(p.relocs):len(p.relocs)]
		}
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
	// The first piece that ends after off.
	i := sort.Search(len(pieces), func(i int) bool { return pieces[i].start+pieces[i].size > off })
	if i < len(pieces) && pieces[i].start <= off {
		return pieces[i]
	}
	return nil
}
