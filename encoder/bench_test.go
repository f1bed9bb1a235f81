package encoder

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// BenchmarkAssemble assembles the conformance table (one function per line).
func BenchmarkAssemble(b *testing.B) {
	data, err := os.ReadFile("../tests/asm/testdata/core.s")
	if err != nil {
		b.Skip(err)
	}
	var src strings.Builder
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
			fmt.Fprintf(&src, "TEXT ·t%d(SB), 516, $0-0\n\t%s\n", n, l)
			n++
		}
	}
	stmts, errs := parser.Parse("core.s", []byte(src.String()), parser.Config{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Assemble(stmts, "core.s", Options{}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
