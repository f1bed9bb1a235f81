package tests

import (
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/internal/goasm"
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
	return encSyms(goasm.FromResult(res)), res, nil
}
