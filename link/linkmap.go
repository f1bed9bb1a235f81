package link

import (
	"bufio"
	"debug/elf"
	"fmt"
	"io"
	"sort"
)

// writeMap prints the link map: the segments, then each output section
// with the input sections (or symbol pieces) it holds and the symbols
// defined in them, then the symbols the linker defines.
func (l *linker) writeMap(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Segments\n")
	fmt.Fprintf(b, "  %-8s %-4s %-18s %-18s %-10s %s\n", "type", "flag", "vaddr", "offset", "filesz", "memsz")
	for _, s := range l.segs {
		fmt.Fprintf(b, "  %-8s %-4s 0x%016x 0x%016x 0x%08x 0x%08x\n", "LOAD", progFlags(s.flags), s.vaddr, s.off, s.filesz, s.memsz)
	}
	if l.tls.present {
		t := &l.tls
		fmt.Fprintf(b, "  %-8s %-4s 0x%016x 0x%016x 0x%08x 0x%08x\n", "TLS", "R", t.addr, t.off, t.filesz, t.memsz)
	}

	symsIn := map[*inSection][]*symbol{}
	seen := map[*symbol]bool{}
	for _, obj := range l.objs {
		for _, s := range obj.syms {
			if s == nil || seen[s] || s.kind != symDefined || s.name == "" || s.typ == elf.STT_SECTION || s.typ == elf.STT_FILE {
				continue
			}
			seen[s] = true
			symsIn[s.sec] = append(symsIn[s.sec], s)
		}
	}
	fmt.Fprintf(b, "\nSections and symbols\n")
	for _, o := range append(append([]*outSection(nil), l.outs...), l.debug...) {
		if o.size == 0 {
			continue
		}
		fmt.Fprintf(b, "%-16s 0x%016x 0x%08x align %d\n", o.name, o.addr, o.size, o.align)
		for _, in := range o.ins {
			if in.size == 0 && len(symsIn[in]) == 0 {
				continue
			}
			fmt.Fprintf(b, "  0x%016x 0x%08x %s(%s)\n", in.addr(), in.size, in.obj.name, in.name)
			syms := symsIn[in]
			sort.SliceStable(syms, func(i, j int) bool { return syms[i].val < syms[j].val })
			for _, s := range syms {
				fmt.Fprintf(b, "    0x%016x 0x%08x %s\n", s.addr(), s.size, s.name)
			}
		}
	}
	var linkerDefined []*symbol
	for _, g := range l.gorder {
		if g.special != nil {
			linkerDefined = append(linkerDefined, g)
		}
	}
	if len(linkerDefined) > 0 {
		fmt.Fprintf(b, "\nLinker-defined symbols\n")
		for _, g := range linkerDefined {
			fmt.Fprintf(b, "  0x%016x %s\n", g.addr(), g.name)
		}
	}
	return b.Flush()
}

func progFlags(f elf.ProgFlag) string {
	s := []byte("---")
	if f&elf.PF_R != 0 {
		s[0] = 'R'
	}
	if f&elf.PF_W != 0 {
		s[1] = 'W'
	}
	if f&elf.PF_X != 0 {
		s[2] = 'X'
	}
	return string(s)
}
