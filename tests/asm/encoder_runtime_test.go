package asm_test

import (
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/parser"
)

// TestEncoderProjectSources compares the project's own assembly (the
// runtime and the examples) with go tool asm, symbol by symbol.
func TestEncoderProjectSources(t *testing.T) {
	inc := filepath.Join("..", "..", "runtime-src")
	for _, set := range []struct{ glob, pkg string }{
		{filepath.Join("..", "..", "runtime-src", "*.s"), "runtime"},
		{filepath.Join("..", "..", "examples", "*.s"), "main"},
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

// TestPVHSourcesMatchGoAsm assembles runtime-src/pvh (and malloc_amd64.s
// with GOOS_pvh defined, as p9ld -H pvh does) with p9as's encoder and
// with go tool asm, and compares them symbol by symbol: the 32-bit entry
// relies on exact encodings.
func TestPVHSourcesMatchGoAsm(t *testing.T) {
	inc := filepath.Join("..", "..", "runtime-src")
	files, _ := filepath.Glob(filepath.Join(inc, "pvh", "*.s"))
	if len(files) == 0 {
		t.Fatal("no runtime-src/pvh/*.s")
	}
	files = append(files, filepath.Join(inc, "malloc_amd64.s"))
	for _, f := range files {
		stmts, errs := parser.ParseFile(f, parser.Config{IncludeDirs: []string{inc}, Defines: []string{"GOOS_pvh"}})
		if len(errs) > 0 {
			t.Errorf("%s: %v", f, errs)
			continue
		}
		got, res, errs := encAssemble(stmts, f, "runtime")
		if len(errs) > 0 {
			t.Errorf("%s: %v", f, errs)
			continue
		}
		want, err := encGoAsmFile(t, f, "-p", "runtime", "-I", inc, "-D", "GOOS_pvh")
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		n := encCompareSyms(t, want, got, func(s string) string { return f + ": " + s })
		t.Logf("%s: %d/%d symbols identical", filepath.Base(f), n, len(want))
		if n != len(want) || n == 0 {
			t.Errorf("%s: %d of %d symbols identical", f, n, len(want))
		}
		encCheckDecodes(t, res)
	}
}
