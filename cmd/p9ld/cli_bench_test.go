package main

import (
	"io"
	"testing"
)

// BenchmarkVersion is what the command line costs a run before the action
// starts: the flags set up, parsed and checked (cmdline.NamesOnce).
func BenchmarkVersion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if run([]string{"p9ld", "--version"}, io.Discard, io.Discard) != 0 {
			b.Fatal("p9ld --version failed")
		}
	}
}
