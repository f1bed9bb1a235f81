package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseAmd64enc parses Go's ≈10,000-instruction encoder test
// file; it reports MB/s and statements per second.
func BenchmarkParseAmd64enc(b *testing.B) {
	path := filepath.Join(asmTestdata(b), "amd64enc.s")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		stmts, errs := Parse(path, src, Config{})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		n += len(stmts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "stmts/s")
}
