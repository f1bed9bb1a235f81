package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
)

// TestEncoderCoreRejects checks that every line go tool asm rejects (found
// with go tool asm when the table was made) is rejected by p9 with exactly
// one error on that line.
func TestEncoderCoreRejects(t *testing.T) {
	data, err := os.ReadFile("testdata/core_reject.s")
	if err != nil {
		t.Fatal(err)
	}
	n, ok := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		n++
		src := fmt.Sprintf("TEXT ·f(SB), 516, $0-0\n\t%s\n", line)
		stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
		if len(errs) == 0 {
			_, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
		}
		switch {
		case len(errs) != 1:
			t.Errorf("%s: want 1 error, got %d: %v", line, len(errs), errs)
		case errs[0].Pos.Line != 2:
			t.Errorf("%s: error on line %d, want 2: %v", line, errs[0].Pos.Line, errs[0])
		default:
			ok++
		}
	}
	t.Logf("%d/%d rejected", ok, n)
}

// TestEncoderGoErrorCases checks that every line of Go's amd64error.s (lines
// go tool asm must reject) is rejected by p9 too, with the error on its line.
func TestEncoderGoErrorCases(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("go not found")
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "src", "cmd", "asm", "internal", "asm", "testdata", "amd64error.s"))
	if err != nil {
		t.Skip(err)
	}
	n, ok := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		ins, _, found := strings.Cut(line, "// ERROR")
		if !found {
			continue
		}
		n++
		src := fmt.Sprintf("TEXT ·f(SB), 516, $0-0\n\t%s\n", strings.TrimSpace(ins))
		stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
		if len(errs) == 0 {
			_, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
		}
		switch {
		case len(errs) == 0:
			t.Errorf("accepted: %s", strings.TrimSpace(ins))
		case errs[0].Pos.Line != 2:
			t.Errorf("%s: error on line %d: %v", strings.TrimSpace(ins), errs[0].Pos.Line, errs[0])
		default:
			ok++
		}
	}
	t.Logf("%d/%d of amd64error.s rejected", ok, n)
}

// TestEncoderGoErrorFile assembles Go's amd64error.s as one file: every
// line marked ERROR must be reported at its line, and no other line.
func TestEncoderGoErrorFile(t *testing.T) {
	path := filepath.Join(encTestdataDir(t), "amd64error.s")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	want := map[int]bool{}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "// ERROR") {
			want[i+1] = true
		}
	}
	stmts, errs := parser.Parse("amd64error.s", data, parser.Config{})
	if len(errs) == 0 {
		_, errs = encoder.Assemble(stmts, "amd64error.s", encoder.Options{Pkg: "main"})
	}
	got := map[int]bool{}
	for _, e := range errs {
		got[e.Pos.Line] = true
		if !want[e.Pos.Line] {
			t.Errorf("unmarked line reported: %v", e)
		}
	}
	for l := range want {
		if !got[l] {
			t.Errorf("amd64error.s:%d: ERROR line not reported", l)
		}
	}
	t.Logf("%d ERROR lines, %d reported", len(want), len(got))
}
