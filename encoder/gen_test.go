package encoder

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTableUpToDate regenerates the instruction table and compares it with
// the committed table_gen.go, so the table never drifts from its sources.
func TestTableUpToDate(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	out := filepath.Join(t.TempDir(), "table_gen.go")
	cmd := exec.Command(goBin, "run", "./internal/gen", "-csv", "internal/gen/x86.v0.2.csv", "-xed", "internal/gen/xed", "-spec", "internal/gen/core.spec,internal/gen/legacy.spec,internal/gen/x87.spec,internal/gen/vex.spec", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("table_gen.go is stale: run go generate ./encoder")
	}
}

// TestTableParses parses every entry of the generated table, which the
// encoder otherwise parses only when a mnemonic is first used.
func TestTableParses(t *testing.T) {
	n := 0
	for name := range mnemonics {
		g := formGroupOf(name)
		fs := g.forms
		if g.err != nil {
			t.Error(g.err)
		}
		n += len(fs)
	}
	if n != len(generatedForms) {
		t.Errorf("%d of %d entries parsed", n, len(generatedForms))
	}
	for i := 1; i < len(generatedForms); i++ {
		if generatedForms[i].name < generatedForms[i-1].name {
			t.Fatalf("table not sorted at %s", generatedForms[i].name)
		}
	}
}

// TestFormIndex checks that the generated index finds every mnemonic's
// whole range of entries, and nothing for names the table lacks.
func TestFormIndex(t *testing.T) {
	n := 0
	for lo := 0; lo < len(generatedForms); {
		name := generatedForms[lo].name
		hi := lo + 1
		for hi < len(generatedForms) && generatedForms[hi].name == name {
			hi++
		}
		if glo, ghi := formRange(name); glo != lo || ghi != hi {
			t.Errorf("formRange(%s) = %d, %d; want %d, %d", name, glo, ghi, lo, hi)
		}
		lo, n = hi, n+1
	}
	if n < 1000 {
		t.Errorf("only %d mnemonics in the table", n)
	}
	for _, name := range []string{"", "MOV", "ADDX", "addq", "VPADDDX", "TEXT", "RET sym", "\x00"} {
		if lo, hi := formRange(name); lo != hi {
			t.Errorf("formRange(%q) = %d, %d; want no entries", name, lo, hi)
		}
	}
}
