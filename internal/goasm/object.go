package goasm

import (
	"debug/elf"
	"sort"
	"strings"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/obj"
)

var kindName = map[obj.SectionKind]string{
	obj.Text: "TEXT", obj.Rodata: "RODATA", obj.Data: "DATA", obj.Bss: "BSS",
	obj.NoptrData: "NOPTRDATA", obj.NoptrBss: "NOPTRBSS", obj.TLSBss: "TLSBSS",
}

// FromResult returns the symbols p9's encoder defined, in the shape Parse
// gives for go tool asm, with instructions from the listing.
func FromResult(res *encoder.Result) []*Symbol {
	var syms []*Symbol
	byName := map[string]*Symbol{}
	o := res.Object
	ends := dataEnds(o)
	for _, s := range o.Symbols {
		if !s.Defined {
			continue
		}
		sec := o.Sections[s.Section]
		g := &Symbol{Name: s.Name, Kind: kindName[s.Section], Size: int(s.Size)}
		end := s.Value + s.Size
		if s.Section != obj.Text && !s.Section.IsNoBits() {
			// DATA may have written past the symbol's size (see
			// encoder's finishData): its bytes run to the next symbol.
			end = ends[s]
		}
		if !s.Section.IsNoBits() {
			g.Bytes = trimData(append([]byte(nil), sec.Data[s.Value:end]...), g)
		}
		var rs []obj.Reloc
		for _, r := range sec.Relocs {
			if r.Offset >= s.Value && r.Offset < end {
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
		if s.Section == obj.Text {
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

// dataEnds returns, for each defined data symbol, where its bytes end:
// at the next symbol of its section, or the section's end.
func dataEnds(o *obj.Object) map[*obj.Symbol]uint64 {
	bySec := map[obj.SectionKind][]*obj.Symbol{}
	for _, s := range o.Symbols {
		if s.Defined && s.Section != obj.Text && !s.Section.IsNoBits() {
			bySec[s.Section] = append(bySec[s.Section], s)
		}
	}
	ends := map[*obj.Symbol]uint64{}
	for k, syms := range bySec {
		sort.SliceStable(syms, func(i, j int) bool { return syms[i].Value < syms[j].Value })
		for i, s := range syms {
			end := uint64(len(o.Sections[k].Data))
			for _, n := range syms[i+1:] {
				if n.Value > s.Value {
					end = min(end, n.Value)
					break
				}
			}
			ends[s] = max(end, s.Value+s.Size)
		}
	}
	return ends
}

// trimData drops the zero bytes past a data symbol's size: what go tool
// asm lists past the size is what DATA wrote there, and the object pads
// to the next symbol's alignment.
func trimData(b []byte, s *Symbol) []byte {
	if s.Kind == "TEXT" {
		return b
	}
	n := len(b)
	for n > s.Size && b[n-1] == 0 {
		n--
	}
	return b[:n]
}

// goName is how go tool asm -S names a relocation's target: a file-local
// symbol the file only refers to is written name<> in p9's object (see
// encoder's exportUndefinedLocals), and plain name in Go's listing.
func goName(elfName string) string {
	return strings.TrimSuffix(elfName, "<>")
}
