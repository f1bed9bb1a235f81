package tests

import (
	"os"
	"testing"
)

// TestEncoderFrames compares whole functions with frames, FP and
// pseudo-SP references, epilogues, PCALIGN, TLS and data symbols.
func TestEncoderFrames(t *testing.T) {
	src, err := os.ReadFile("testdata/core_frames.s")
	if err != nil {
		t.Fatal(err)
	}
	encCompare(t, string(src), func(s string) string { return s })
}
