package driver

import (
	"path/filepath"
	"testing"
)

// BenchmarkLinkHello is p9ld's default path in process: examples/hello.s
// assembled and linked with the runtime p9ld carries. A link is a
// short-lived process whose collector does not run, so every byte it
// allocates is a page it touches for the first time: B/op is the cost to
// watch, beside ns/op.
func BenchmarkLinkHello(b *testing.B) {
	hello := filepath.Join("..", "..", "examples", "hello.s")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Link([]string{hello}, LinkConfig{}); err != nil {
			b.Fatal(err)
		}
	}
}
