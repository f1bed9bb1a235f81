package obj_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// BenchmarkWrite writes the objects of the runtime's sources: sections,
// symbols, relocations, the frame section and DWARF line tables, as p9as
// writes them. The bytes are the objects written.
func BenchmarkWrite(b *testing.B) {
	files, _ := filepath.Glob("../runtime-src/*.s")
	if len(files) == 0 {
		b.Skip("no runtime-src/*.s")
	}
	var objs []*obj.Object
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		stmts, errs := parser.Parse(f, src, parser.Config{IncludeDirs: []string{"../runtime-src"}})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		res, errs := encoder.Assemble(stmts, f, encoder.Options{Pkg: "runtime"})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		data, err := obj.Write(res.Object)
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
		objs = append(objs, res.Object)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, o := range objs {
			if _, err := obj.Write(o); err != nil {
				b.Fatal(err)
			}
		}
	}
}
