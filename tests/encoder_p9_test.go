package tests

import (
	"debug/elf"
	"sort"
	"strconv"
	"testing"

	pelf "github.com/p9tools/p9/elf"
	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
)

// encP9 assembles src with the library path and returns its symbols in
// the same shape as encGoAsm.
func encP9(t *testing.T, src string) (map[string]*encSym, *encoder.Result, parser.ErrorList) {
	t.Helper()
	stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return encAssemble(stmts, "x.s", "main")
}

// encAssemble assembles parsed statements and collects symbols like encGoAsm.
func encAssemble(stmts []parser.Stmt, file, pkg string) (map[string]*encSym, *encoder.Result, parser.ErrorList) {
	res, errs := encoder.Assemble(stmts, file, encoder.Options{Pkg: pkg})
	if len(errs) > 0 {
		return nil, nil, errs
	}
	syms := map[string]*encSym{}
	for _, s := range res.Object.Symbols {
		if !s.Defined {
			continue
		}
		sec := res.Object.Sections[s.Section]
		g := &encSym{name: s.Name}
		if !s.Section.IsNoBits() {
			g.bytes = append([]byte(nil), sec.Data[s.Value:s.Value+s.Size]...)
		}
		var rs []pelf.Reloc
		for _, r := range sec.Relocs {
			if r.Offset >= s.Value && r.Offset < s.Value+s.Size {
				rs = append(rs, r)
			}
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].Offset < rs[j].Offset })
		for _, r := range rs {
			size := 4
			if elf.R_X86_64(r.Type) == elf.R_X86_64_64 {
				size = 8
			}
			g.relocs = append(g.relocs, strconv.Itoa(int(r.Offset-s.Value))+"+"+strconv.Itoa(size)+" "+
				elf.R_X86_64(r.Type).String()+" "+r.Sym.Name+strconv.FormatInt(r.Addend, 10))
		}
		syms[s.Name] = g
	}
	return syms, res, nil
}
