package asm_test

import (
	"os"
	"testing"
)

// TestSemanticsMisc compares pseudo-registers, immediates, TLS forms,
// branches, RET forms, data in text, float constants and data symbols with
// every GLOBL flag against go tool asm.
func TestSemanticsMisc(t *testing.T) {
	src, err := os.ReadFile("testdata/semantics_misc.s")
	if err != nil {
		t.Fatal(err)
	}
	want := encGoAsm(t, string(src))
	if len(want) < 25 {
		t.Fatalf("go tool asm defined only %d symbols", len(want))
	}
	encCompare(t, string(src), func(s string) string { return "semantics_misc.s: " + s })
}
