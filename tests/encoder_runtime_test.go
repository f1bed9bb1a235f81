package tests

import (
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/parser"
)

// TestEncoderProjectSources compares the project's own assembly (the
// runtime and the examples) with go tool asm, symbol by symbol.
func TestEncoderProjectSources(t *testing.T) {
	inc := filepath.Join("..", "runtime-src")
	for _, set := range []struct{ glob, pkg string }{
		{filepath.Join("..", "runtime-src", "*.s"), "runtime"},
		{filepath.Join("..", "examples", "*.s"), "main"},
	} {
		files, _ := filepath.Glob(set.glob)
		for _, f := range files {
			stmts, errs := parser.ParseFile(f, parser.Config{IncludeDirs: []string{inc}})
			if len(errs) > 0 {
				t.Errorf("%s: %v", f, errs)
				continue
			}
			got, res, errs := encAssemble(stmts, f, set.pkg)
			if len(errs) > 0 {
				t.Errorf("%s: %v", f, errs)
				continue
			}
			want, err := encGoAsmFile(t, f, "-p", set.pkg, "-I", inc)
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			n := encCompareSyms(t, want, got, func(s string) string { return f + ": " + s })
			t.Logf("%s: %d/%d symbols identical", f, n, len(want))
			encCheckDecodes(t, res)
		}
	}
}
