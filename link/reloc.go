package link

import (
	"cmp"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// relocAction is how a relocation is applied, decided by scanRelocs.
type relocAction uint8

const (
	actDirect    relocAction = iota // the formula of the relocation type
	actGOT                          // PC-relative to a .got slot holding the address
	actGOTTPOFF                     // PC-relative to a .got slot holding the TP offset
	actRelaxLea                     // MOV foo@GOTPCREL(%rip) becomes LEA foo(%rip)
	actRelaxCall                    // CALL *foo@GOTPCREL(%rip) becomes ADDR32 CALL foo
	actRelaxJmp                     // JMP *foo@GOTPCREL(%rip) becomes JMP foo; NOP
)

// gotKey names a .got slot: a symbol's address, or its TP offset.
type gotKey struct {
	sym   *symbol
	tpoff bool
}

// site is a place a relocation patches, for messages.
type site struct {
	obj *object
	sec *inSection
	off uint64
}

// scanRelocs checks that every relocation's target exists, chooses how to
// apply each and collects the .got slots they need. It runs before layout,
// which must know the size of .got.
func (l *linker) scanRelocs() {
	l.gotMap = map[gotKey]int{}
	undefRefs := map[*symbol][]site{}
	var undefOrder []*symbol
	for _, obj := range l.objs {
		for _, sec := range obj.secs {
			if sec == nil || !sec.alloc() {
				continue
			}
			for i := range sec.relocs {
				r := &sec.relocs[i]
				s := r.sym
				switch {
				case s.kind == symUndef && s.special == nil && !(s.weakRef && s.bind == elf.STB_WEAK):
					if undefRefs[s] == nil {
						undefOrder = append(undefOrder, s)
					}
					undefRefs[s] = append(undefRefs[s], site{obj, sec, r.off})
					continue
				case s.kind == symDropped && sec.name == ".eh_frame":
					continue // unwind entries of dropped code point nowhere
				case s.kind == symDropped:
					l.errorf(obj.name, "relocation at %s refers to %s, which is in a discarded section",
						l.siteName(site{obj, sec, r.off}, true), displayName(s))
					continue
				}
				switch r.typ {
				case elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX:
					r.action = relaxGOTPCRELX(sec.data, r.off)
				case elf.R_X86_64_GOTPCREL:
					r.action = actGOT
				case elf.R_X86_64_GOTTPOFF:
					r.action = actGOTTPOFF
				}
				if r.action == actGOT || r.action == actGOTTPOFF {
					k := gotKey{s, r.action == actGOTTPOFF}
					if _, ok := l.gotMap[k]; !ok {
						l.gotMap[k] = len(l.gotEnt)
						l.gotEnt = append(l.gotEnt, k)
					}
				}
			}
		}
	}
	for _, s := range undefOrder {
		var refs []string
		seen := map[string]bool{}
		for _, st := range undefRefs[s] {
			ref := l.siteName(st, false) + " in " + st.obj.name
			if !seen[ref] {
				seen[ref] = true
				refs = append(refs, ref)
			}
		}
		l.errorf("", "undefined: %s (referenced from %s)", s.name, strings.Join(refs, ", "))
	}
	if e := l.globals[l.opts.Entry]; e == nil || !e.defined() {
		l.errorf("", "entry symbol %s is not defined", l.opts.Entry)
	}
}

// relaxGOTPCRELX decides whether a GOT load can be rewritten to use the
// symbol directly, which a static executable always allows for these
// instruction forms.
func relaxGOTPCRELX(data []byte, off uint64) relocAction {
	if off < 2 {
		return actGOT
	}
	op, modrm := data[off-2], data[off-1]
	switch {
	case op == 0x8b:
		return actRelaxLea
	case op == 0xff && modrm == 0x15:
		return actRelaxCall
	case op == 0xff && modrm == 0x25:
		return actRelaxJmp
	}
	return actGOT
}

// relocate builds the loadable part of the image: the section contents,
// patched by their relocations, and the .got. The debug sections are
// relocated and compressed meanwhile (startDebug); their errors join the
// image's in input order.
func (l *linker) relocate() <-chan []zsec {
	var size uint64
	for _, seg := range l.segs {
		size = max(size, seg.off+seg.filesz)
	}
	debug := l.startDebug()
	// What write appends (debug sections, symbol table, headers) gets
	// room now: growing the image then would copy all of it to fresh
	// memory, and room left unused is never touched.
	l.image = make([]byte, size, size+uint64(l.tailBound()))
	for _, o := range l.outs {
		if o.flags&elf.SHF_EXECINSTR != 0 && o.typ != elf.SHT_NOBITS {
			// Gaps between functions trap if executed, as in p9as objects.
			fill := l.image[o.off : o.off+o.size]
			for i := range fill {
				fill[i] = 0xcc
			}
		}
	}
	errs := l.relocateSections(true)
	for i, k := range l.gotEnt {
		v := k.sym.addr()
		if k.tpoff {
			v -= l.tls.end()
		}
		binary.LittleEndian.PutUint64(l.image[l.got.off+8*uint64(i):], v)
	}
	d := <-debug
	if len(errs)+len(d.errs) > 0 {
		// Both lists in the order of the inputs, as one pass over
		// them would have found the errors.
		errs = append(errs, d.errs...)
		slices.SortStableFunc(errs, func(a, b relocError) int {
			return cmp.Or(cmp.Compare(a.obj, b.obj), cmp.Compare(a.sec, b.sec))
		})
		for _, e := range errs {
			l.errs = append(l.errs, e.err)
		}
	}
	return d.compressed
}

// relocError is an error relocating section sec of object obj (their
// indices in l.objs and its secs).
type relocError struct {
	obj, sec int
	err      *Error
}

// relocateSections copies the allocated sections into the image, or the
// debug sections into their output sections' data, and applies their
// relocations.
func (l *linker) relocateSections(alloc bool) []relocError {
	var errs []relocError
	for oi, obj := range l.objs {
		for si, sec := range obj.secs {
			if sec == nil || sec.data == nil || sec.alloc() != alloc {
				continue
			}
			// The image is read only for its own sections: the
			// debug sections' goroutine runs while it is made.
			var buf []byte
			var base uint64
			if alloc {
				buf, base = l.image, sec.out.off+sec.off
			} else {
				buf, base = sec.out.data, sec.off
			}
			copy(buf[base:], sec.data)
			for i := range sec.relocs {
				if err := l.apply(obj, sec, &sec.relocs[i], buf, base+sec.relocs[i].off); err != nil {
					errs = append(errs, relocError{oi, si, err})
				}
			}
		}
	}
	return errs
}

// debugResult is what the debug sections' goroutine reports: once they
// are relocated, the errors doing it; then the sections as write stores
// them.
type debugResult struct {
	errs       []relocError
	compressed <-chan []zsec
}

// zsec is a debug section's contents in the output: compressed or not.
type zsec struct {
	data  []byte
	flags elf.SectionFlag
	align uint64
}

// startDebug relocates the debug sections and compresses them, beside the
// image's relocation and the symbol table: compression is the longest
// part of writing.
func (l *linker) startDebug() <-chan debugResult {
	res := make(chan debugResult, 1)
	compressed := make(chan []zsec, 1)
	go func() {
		for _, o := range l.debug {
			o.data = make([]byte, o.size)
		}
		errs := l.relocateSections(false)
		res <- debugResult{errs, compressed}
		zs := make([]zsec, len(l.debug))
		if errs == nil {
			var zc debugCompressor
			for i, o := range l.debug {
				zs[i] = zsec{o.data, 0, o.align}
				if z, ok := zc.compress(o.data, o.align); ok {
					zs[i] = zsec{z, elf.SHF_COMPRESSED, 8}
				}
			}
		}
		compressed <- zs
	}()
	return res
}

// apply patches one relocation whose field is at pos in img. It may run
// on two goroutines at once, for the image and the debug sections: it
// reads the linker's state and returns its error.
func (l *linker) apply(obj *object, sec *inSection, r *reloc, img []byte, pos uint64) *Error {
	le := binary.LittleEndian
	field := img[pos:]
	S, A, P := r.sym.addr(), uint64(r.addend), sec.addr()+r.off
	if !sec.alloc() && r.sym.kind == symDropped && r.typ == elf.R_X86_64_64 {
		// Debug info of dropped code gets the tombstone address lld
		// uses, which debuggers skip, rather than 0, where it would
		// overlap other dropped code.
		le.PutUint64(field, ^uint64(0))
		return nil
	}
	var v uint64
	switch r.action {
	case actGOT, actGOTTPOFF:
		v = l.got.addr + 8*uint64(l.gotMap[gotKey{r.sym, r.action == actGOTTPOFF}]) + A - P
	case actRelaxLea, actRelaxCall:
		v = S + A - P
	case actRelaxJmp:
		v = S + A - P + 1
	case actDirect:
		switch r.typ {
		case elf.R_X86_64_64, elf.R_X86_64_32, elf.R_X86_64_32S, elf.R_X86_64_16, elf.R_X86_64_8:
			v = S + A
		case elf.R_X86_64_PC64, elf.R_X86_64_PC32, elf.R_X86_64_PLT32, elf.R_X86_64_PC16, elf.R_X86_64_PC8:
			v = S + A - P
		case elf.R_X86_64_TPOFF64, elf.R_X86_64_TPOFF32:
			if !l.tls.present {
				return inputError(obj.name, "%v relocation at %s against %s, but the program has no TLS section",
					r.typ, l.siteName(site{obj, sec, r.off}, true), displayName(r.sym))
			}
			v = S + A - l.tls.end()
		case elf.R_X86_64_DTPOFF64, elf.R_X86_64_DTPOFF32:
			// Offset in the TLS block, as debug info for TLS variables
			// uses it.
			v = S + A - l.tls.addr
		}
	}
	signed := r.typ != elf.R_X86_64_32 && r.typ != elf.R_X86_64_16 && r.typ != elf.R_X86_64_8
	bits := 8 * relocSize(r.typ)
	if !fits(v, signed, bits) {
		what := "value"
		switch r.typ {
		case elf.R_X86_64_PC32, elf.R_X86_64_PLT32, elf.R_X86_64_PC16, elf.R_X86_64_PC8,
			elf.R_X86_64_GOTPCREL, elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX, elf.R_X86_64_GOTTPOFF:
			what = "distance"
		}
		kind := "unsigned"
		if signed {
			kind = "signed"
		}
		return inputError(obj.name, "relocation %v at %s against %s out of range: %s %d (%#x) does not fit in %d %s bits",
			r.typ, l.siteName(site{obj, sec, r.off}, true), displayName(r.sym), what, int64(v), v, bits, kind)
	}
	switch r.action {
	case actRelaxLea:
		img[pos-2] = 0x8d
	case actRelaxCall:
		img[pos-2], img[pos-1] = 0x67, 0xe8
	case actRelaxJmp:
		img[pos-2] = 0xe9
		le.PutUint32(img[pos-1:], uint32(v))
		img[pos+3] = 0x90
		return nil
	}
	switch bits {
	case 64:
		le.PutUint64(field, v)
	case 32:
		le.PutUint32(field, uint32(v))
	case 16:
		le.PutUint16(field, uint16(v))
	case 8:
		field[0] = byte(v)
	}
	return nil
}

// fits reports whether v fits a field of the given width (any value
// fits 64 bits). Unsigned
// fields also accept negative values whose bits fit, as GNU ld does for
// R_X86_64_16 and R_X86_64_8; R_X86_64_32 is zero-extended and does not.
func fits(v uint64, signed bool, bits int) bool {
	sv := int64(v)
	switch {
	case bits == 64:
		return true
	case signed:
		return sv >= -(1<<(bits-1)) && sv < 1<<(bits-1)
	case bits == 32:
		return v < 1<<32
	}
	return sv >= -(1<<(bits-1)) && sv < 1<<bits
}

// siteName names the symbol containing a relocated place, with the offset
// into it when withOffset is set.
func (l *linker) siteName(st site, withOffset bool) string {
	// The innermost symbol that contains the place wins; a sized symbol
	// beats a label, a function beats other symbols.
	var best *symbol
	score := func(s *symbol) (int, uint64) {
		n := 0
		if s.size > 0 {
			n += 2
		}
		if s.typ == elf.STT_FUNC {
			n++
		}
		return n, s.val
	}
	for _, s := range st.obj.syms {
		if s == nil || s.kind != symDefined || s.sec != st.sec || s.typ == elf.STT_SECTION || s.name == "" {
			continue
		}
		if s.val > st.off || s.size > 0 && st.off >= s.val+s.size {
			continue
		}
		if best == nil {
			best = s
			continue
		}
		n, v := score(s)
		bn, bv := score(best)
		if n > bn || n == bn && v > bv {
			best = s
		}
	}
	if best == nil {
		return fmt.Sprintf("%s+%#x", st.sec.name, st.off)
	}
	if withOffset && st.off != best.val {
		return fmt.Sprintf("%s+%#x", best.name, st.off-best.val)
	}
	return best.name
}

func displayName(s *symbol) string {
	if s.name == "" && s.sec != nil {
		return s.sec.name
	}
	return s.name
}
