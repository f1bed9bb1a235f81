package asm_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestAssemblyErrors feeds p9as one mistake of each kind; each must give
// exactly one "file:line: message" at the right line, and exit status 1.
func TestAssemblyErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		line  string // the file:line the error must name
		match string // a regexp the message must match
	}{
		{"unknown instruction", map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n\tFROBQ AX, BX\n\tRET\n"}, "a.s:2", `(?i)unknown|unrecognized|instruction`},
		{"bad operand", map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n\tMOVQ AX, $1\n\tRET\n"}, "a.s:2", `.`},
		{"undefined label", map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n\tJMP nowhere\n\tRET\n"}, "a.s:2", `nowhere`},
		{"unterminated ifdef", map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n#ifdef X\n\tRET\n"}, "a.s:2", `(?i)#ifdef|unterminated`},
		{"broken TEXT line", map[string]string{"a.s": "TEXT ·f(SB), 4, $0(\n\tMOVQ AX, CX\n\tJMP l\n\tRET\n"}, "a.s:1", `TEXT`},
		{"include cycle", map[string]string{"a.s": "// a\n#include \"b.h\"\n", "b.h": "\n#include \"a.s\"\n"}, "", `(?i)cycle|recursive`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			testutil.WriteFiles(t, dir, c.files)
			r := testutil.Run(t, dir, "p9as", "a.s")
			if r.Code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", r.Code, r.Stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.Stderr), "\n")
			if len(lines) != 1 {
				t.Fatalf("want exactly one error, got:\n%s", r.Stderr)
			}
			if !regexp.MustCompile(`^[^:\s]+:\d+: .+`).MatchString(lines[0]) {
				t.Errorf("error is not file:line: message: %q", lines[0])
			}
			if c.line != "" && !strings.HasPrefix(lines[0], c.line+": ") {
				t.Errorf("error %q is not at %s", lines[0], c.line)
			}
			if !regexp.MustCompile(c.match).MatchString(lines[0]) {
				t.Errorf("error %q does not match %s", lines[0], c.match)
			}
			if _, err := os.Stat(filepath.Join(dir, "a.o")); err == nil {
				t.Errorf("a failed assembly wrote a.o")
			}
		})
	}
}

// TestUsage: no inputs is a usage error, and --help describes the flags.
func TestUsage(t *testing.T) {
	for _, cmd := range []string{"p9as", "p9ld"} {
		r := testutil.Run(t, t.TempDir(), cmd)
		if r.Code != 2 || !strings.Contains(r.Stderr, "no input files") {
			t.Errorf("%s with no inputs: exit %d, stderr %q", cmd, r.Code, r.Stderr)
		}
		h := testutil.Run(t, t.TempDir(), cmd, "--help")
		if h.Code != 0 || !strings.Contains(h.Stdout, "-o ") {
			t.Errorf("%s --help: exit %d, output:\n%s", cmd, h.Code, h.Stdout)
		}
	}
}

// TestEveryErrorReported: syntax errors and encoding errors in one file
// all come out, once each, in line order.
func TestEveryErrorReported(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n\tMOVQ 8(FP), AX\n\tFROB\n\tMOVQ $1\n\tRET\n\tADDQ (AX)(BX*3), CX\n"})
	r := testutil.Run(t, dir, "p9as", "a.s")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1", r.Code)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(r.Stderr), "\n") {
		lines = append(lines, l[:strings.Index(l, ": ")])
	}
	if got, want := strings.Join(lines, " "), "a.s:2 a.s:3 a.s:4 a.s:6"; got != want {
		t.Errorf("errors at %s, want %s:\n%s", got, want, r.Stderr)
	}
}

// TestSemanticsErrors holds p9's rejections to go tool asm's: each source
// must be rejected by both, and p9 must report the line given with a
// message containing msg (Go's wording where p9's encoder gives it).
func TestSemanticsErrors(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	dir := t.TempDir()
	for i, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"GLOBL ·d(SB), 0, $16\nDATA ·d+8(SB)/8, $1\nDATA ·d+0(SB)/8, $2\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/8, $1\nDATA ·d+4(SB)/4, $2\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/8, $1\nDATA ·d+0(SB)/8, $1\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nGLOBL ·d(SB), 0, $8\n", 2, "symbol main.d redeclared"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/3, $2\n", 2, "bad int size for DATA argument: 3"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/2, $2.5\n", 2, "bad float size for DATA argument: 2"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/4, $\"abcdef\"\n", 2, "bad string size: 4 < 6"},
		{"GLOBL ·d(SB), 256, $8\nDATA ·d+0(SB)/8, $1\n", 1, "cannot supply data for STLSBSS var main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/4, $·d(SB)\n", 2, "bad addr size for DATA argument: 4"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d-8(SB)/8, $1\n", 2, "out of range"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ 8(FP), AX\n\tRET\n", 2, "cannot reference FP without a symbol"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ (SB), AX\n\tRET\n", 2, "cannot reference SB without a symbol"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ AX, FP\n\tRET\n", 2, "FP"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ x+0(AX), BX\n\tRET\n", 2, ""},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ ·g(SB)(AX*8), AX\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ 8(PC), AX\n\tRET\n", 2, "invalid instruction: MOVQ\t8(PC), AX"},
		{"TEXT ·f(SB), 4, $0\n\tRET $8\n", 2, "invalid instruction: RET\t$8"},
		{"TEXT ·f(SB), 4, $16\n\tRET $8\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tRET AX\n", 2, "invalid instruction: RET\tAX"},
		{"TEXT ·f(SB), 4, $0\n\tBYTE AX\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tQUAD $·g(SB)\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tLONG ·g(SB)\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $8-0\n\tPUSHQ AX\n\tRET\n", 3, "unbalanced PUSH/POP"},
		{"TEXT ·f(SB), 4, $12-0\n\tRET\n", 1, "unaligned stack size 20"},
		{"TEXT ·f(SB), 0, $12-0\n\tCALL ·f(SB)\n\tRET\n", 1, "unaligned stack size 20"},
		{"TEXT ·f(SB), 4, $0-0\n\tADJSP $0\n\tRET\n", 2, "invalid instruction"},
	} {
		file := filepath.Join(dir, "e.s")
		if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(goBin, "tool", "asm", "-p", "main", "-o", filepath.Join(dir, "e.o"), file).CombinedOutput(); err == nil {
			t.Errorf("case %d: go tool asm accepts %q: the case is wrong", i, tc.src)
			continue
		} else if strings.Contains(string(out), "panic:") {
			t.Logf("case %d: go tool asm crashes on %q; p9 must report an error", i, tc.src)
		}
		stmts, perrs := parser.Parse("e.s", []byte(tc.src), parser.Config{})
		errs := perrs
		if len(perrs) == 0 {
			_, _, errs = encAssemble(stmts, "e.s", "main")
		}
		if len(errs) == 0 {
			t.Errorf("case %d: p9 accepts %q", i, tc.src)
			continue
		}
		e := errs[0]
		if e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("case %d: %q: p9 says %v, want line %d containing %q", i, tc.src, e, tc.line, tc.msg)
		}
	}
}

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
