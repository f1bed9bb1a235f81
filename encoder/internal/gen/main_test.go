package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateSmallSpec(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.spec")
	os.WriteFile(spec, []byte("# comment\nADDQ imm8,r/m64 | imm32,RAX\nSETEQ r/m8\nMOVQ {i32,r: B8 +r id; zero-extends}\nPOPQ FS\n"), 0o644)
	src, err := generate("x86.v0.2.csv", spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"ADDQ", "i8,rm: W 83 /0 ib"}`,
		`{"ADDQ", "i32,ax: W 05 id"}`,
		`{"SETEQ", "rm8: 0F 94 /0"}`, // ModRM.reg unused: Go writes 0
		"// zero-extends\n\t{\"MOVQ\", \"i32,r: B8 +r id\"}",
		`{"POPQ", "fs: 0F A1"}`, // not the operand16 row
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated table lacks %s:\n%s", want, src)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, spec := range []string{
		"MOVQ {i32,r: B8 +r id}\n", // literal without a reason
		"ADDQ imm8,r/m99\n",        // unknown operand
		"FROBQ r64,r/m64\n",        // no CSV row
		"ADDQ imm8=i8,r/m64,r64\n", // no CSV row with three operands
	} {
		p := filepath.Join(t.TempDir(), "s.spec")
		os.WriteFile(p, []byte(spec), 0o644)
		if _, err := generate("x86.v0.2.csv", p); err == nil {
			t.Errorf("%q: no error", spec)
		}
	}
}
