package layout

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedHeader regenerates runtime-src/go_asm.h from layout.txt and
// compares it with the committed file, so the two never drift apart.
func TestGeneratedHeader(t *testing.T) {
	dir := filepath.Join("..", "..")
	src, err := os.ReadFile(filepath.Join(dir, "layout.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Header("runtime-src/layout.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "go_asm.h"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("runtime-src/go_asm.h is stale: run go generate in the repository root")
	}
}
