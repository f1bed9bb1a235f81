package encoder

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/parser"
)

// BenchmarkAssembleRuntime encodes the runtime's sources, parsed once
// beforehand: real functions with frames, FP/SP offsets, branches, TLS
// and data, as p9ld assembles them for every link.
func BenchmarkAssembleRuntime(b *testing.B) {
	files, _ := filepath.Glob("../runtime-src/*.s")
	if len(files) == 0 {
		b.Skip("no runtime-src/*.s")
	}
	var parsed [][]parser.Stmt
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		size += len(src)
		stmts, errs := parser.Parse(f, src, parser.Config{IncludeDirs: []string{"../runtime-src"}})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		parsed = append(parsed, stmts)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, stmts := range parsed {
			if _, errs := Assemble(stmts, files[i], Options{Pkg: "runtime"}); len(errs) > 0 {
				b.Fatal(errs)
			}
		}
	}
}
