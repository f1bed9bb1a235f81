package goasm

import (
	"debug/elf"
	"sort"
	"strings"

	pelf "github.com/p9tools/p9/elf"
	"github.com/p9tools/p9/encoder"
)

var kindName = map[pelf.SectionKind]string{
	pelf.Text: "TEXT", pelf.Rodata: "RODATA", pelf.Data: "DATA", pelf.Bss: "BSS",
	pelf.NoptrData: "NOPTRDATA", pelf.NoptrBss: "NOPTRBSS", pelf.TLSBss: "TLSBSS",
}

// FromResult returns the symbols p9's encoder defined, in the shape Parse
// gives for go tool asm, with instructions from the listing.
func FromResult(res *encoder.Result) []*Symbol {
	var syms []*Symbol
	byName := map[string]*Symbol{}
	obj := res.Object
	for _, s := range obj.Symbols {
		if !s.Defined {
			continue
		}
		sec := obj.Sections[s.Section]
		g := &Symbol{Name: s.Name, Kind: kindName[s.Section], Size: int(s.Size)}
		if !s.Section.IsNoBits() {
			g.Bytes = append([]byte(nil), sec.Data[s.Value:s.Value+s.Size]...)
		}
		var rs []pelf.Reloc
		for _, r := range sec.Relocs {
			if r.Offset >= s.Value && r.Offset < s.Value+s.Size {
				rs = append(rs, r)
			}
		}
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Offset < rs[j].Offset })
		for _, r := range rs {
			size := 4
			if elf.R_X86_64(r.Type) == elf.R_X86_64_64 {
				size = 8
			}
			g.Relocs = append(g.Relocs, Reloc{Off: int(r.Offset - s.Value), Size: size,
				Type: elf.R_X86_64(r.Type).String(), Sym: goName(r.Sym.Name), Addend: r.Addend})
		}
		syms = append(syms, g)
		if s.Section == pelf.Text {
			byName[s.Name] = g
		}
	}
	for _, l := range res.Listing {
		g := byName[l.Symbol]
		if g == nil || len(l.Bytes) == 0 {
			continue
		}
		op, _, _ := strings.Cut(l.Text, "\t")
		if op == "" {
			continue
		}
		g.Insts = append(g.Insts, Inst{Off: l.Offset, Pos: l.Pos.String(), Line: l.Pos.Line, Text: l.Text})
	}
	return syms
}

// goName is how go tool asm -S names a relocation's target: a file-local
// symbol the file only refers to is written name<> in p9's object (see
// encoder's exportUndefinedLocals), and plain name in Go's listing.
func goName(elfName string) string {
	return strings.TrimSuffix(elfName, "<>")
}
