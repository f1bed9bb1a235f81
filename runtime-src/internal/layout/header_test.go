package layout

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedHeader regenerates runtime-src/go_asm.h and strings_amd64.s
// from layout.txt and compares them with the committed files, so they never
// drift apart.
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
		t.Error("runtime-src/go_asm.h is stale: run go generate in the repository root")
	}
	wantAsm, err := StringsAsm("runtime-src/layout.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	gotAsm, err := os.ReadFile(filepath.Join(dir, "strings_amd64.s"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotAsm, wantAsm) {
		t.Error("runtime-src/strings_amd64.s is stale: run go generate in the repository root")
	}
}
