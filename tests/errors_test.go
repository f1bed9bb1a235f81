package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
			writeFiles(t, dir, c.files)
			r := run(t, dir, "p9as", "a.s")
			if r.code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if len(lines) != 1 {
				t.Fatalf("want exactly one error, got:\n%s", r.stderr)
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

// TestUndefinedSymbol: a link with an undefined symbol names it and the
// function that refers to it, and exits 1 without writing the output.
func TestUndefinedSymbol(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"u.s": "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0\n\tCALL main·missing(SB)\n\tRET\n"})
	r := run(t, dir, "p9ld", "-o", "u", "u.s")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "main.missing") || !strings.Contains(r.stderr, "main.main") {
		t.Errorf("error does not name the symbol and its referrer:\n%s", r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "p9ld: ") || strings.HasPrefix(r.stderr, "p9ld: p9ld:") {
		t.Errorf("error does not start with one \"p9ld: \": %q", r.stderr)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("p9ld panicked:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "u")); err == nil {
		t.Errorf("a failed link wrote its output")
	}
}

// TestUsage: no inputs is a usage error, and --help describes the flags.
func TestUsage(t *testing.T) {
	for _, cmd := range []string{"p9as", "p9ld"} {
		r := run(t, t.TempDir(), cmd)
		if r.code != 2 || !strings.Contains(r.stderr, "no input files") {
			t.Errorf("%s with no inputs: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
		h := run(t, t.TempDir(), cmd, "--help")
		if h.code != 0 || !strings.Contains(h.stdout, "-o ") {
			t.Errorf("%s --help: exit %d, output:\n%s", cmd, h.code, h.stdout)
		}
	}
}

// TestEveryErrorReported: syntax errors and encoding errors in one file
// all come out, once each, in line order.
func TestEveryErrorReported(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.s": "TEXT ·f(SB), 4, $0\n\tMOVQ 8(FP), AX\n\tFROB\n\tMOVQ $1\n\tRET\n\tADDQ (AX)(BX*3), CX\n"})
	r := run(t, dir, "p9as", "a.s")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		lines = append(lines, l[:strings.Index(l, ": ")])
	}
	if got, want := strings.Join(lines, " "), "a.s:2 a.s:3 a.s:4 a.s:6"; got != want {
		t.Errorf("errors at %s, want %s:\n%s", got, want, r.stderr)
	}
}

// TestUndefinedLocalSymbol: as with go tool asm, a file may refer to a
// name<> it never defines; the link then names it as undefined.
func TestUndefinedLocalSymbol(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"u.s": "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0\n\tCALL ·helper<>(SB)\n\tRET\n"})
	mustRun(t, dir, "p9as", "-I", filepath.Join(repoRoot, "runtime-src"), "u.s")
	r := run(t, dir, "p9ld", "-o", "u", "u.s")
	if r.code != 1 || !strings.Contains(r.stderr, "undefined: main.helper<> (referenced from main.main") {
		t.Errorf("exit %d, stderr %q; want the undefined main.helper<> named", r.code, r.stderr)
	}
}
