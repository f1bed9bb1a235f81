package link_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestUndefinedSymbol: a link with an undefined symbol names it and the
// function that refers to it, and exits 1 without writing the output.
func TestUndefinedSymbol(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"u.s": "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0\n\tCALL main·missing(SB)\n\tRET\n"})
	r := testutil.Run(t, dir, "p9ld", "-o", "u", "u.s")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.Code, r.Stderr)
	}
	if !strings.Contains(r.Stderr, "main.missing") || !strings.Contains(r.Stderr, "main.main") {
		t.Errorf("error does not name the symbol and its referrer:\n%s", r.Stderr)
	}
	if !strings.HasPrefix(r.Stderr, "p9ld: ") || strings.HasPrefix(r.Stderr, "p9ld: p9ld:") {
		t.Errorf("error does not start with one \"p9ld: \": %q", r.Stderr)
	}
	if strings.Contains(r.Stderr, "panic") || strings.Contains(r.Stderr, "goroutine ") {
		t.Errorf("p9ld panicked:\n%s", r.Stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "u")); err == nil {
		t.Errorf("a failed link wrote its output")
	}
}

// TestUndefinedLocalSymbol: as with go tool asm, a file may refer to a
// name<> it never defines; the link then names it as undefined.
func TestUndefinedLocalSymbol(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"u.s": "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0\n\tCALL ·helper<>(SB)\n\tRET\n"})
	testutil.MustRun(t, dir, "p9as", "-I", filepath.Join(testutil.RepoRoot, "runtime-src"), "u.s")
	r := testutil.Run(t, dir, "p9ld", "-o", "u", "u.s")
	if r.Code != 1 || !strings.Contains(r.Stderr, "undefined: main.helper<> (referenced from main.main") {
		t.Errorf("exit %d, stderr %q; want the undefined main.helper<> named", r.Code, r.Stderr)
	}
}

// TestErrorLimit: p9ld prints the first 10 problems and says how many it
// left out, as p9as and go tool asm do; -e prints every one.
func TestErrorLimit(t *testing.T) {
	dir := t.TempDir()
	src := "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0\n"
	for i := 0; i < 13; i++ {
		src += "\tCALL main·missing" + string(rune('a'+i)) + "(SB)\n"
	}
	testutil.WriteFiles(t, dir, map[string]string{"u.s": src + "\tRET\n"})
	r := testutil.Run(t, dir, "p9ld", "-o", "u", "u.s")
	lines := strings.Split(strings.TrimSuffix(r.Stderr, "\n"), "\n")
	if r.Code != 1 || len(lines) != 11 || lines[10] != "too many errors (3 more; -e prints all)" {
		t.Errorf("without -e: exit %d, stderr:\n%s\nwant 10 errors and a line for the 3 more", r.Code, r.Stderr)
	}
	r = testutil.Run(t, dir, "p9ld", "-e", "-o", "u", "u.s")
	if n := strings.Count(r.Stderr, "p9ld: undefined: main.missing"); r.Code != 1 || n != 13 {
		t.Errorf("with -e: exit %d, %d undefined symbols named, want 13:\n%s", r.Code, n, r.Stderr)
	}
}

// TestEntryFlag: -E (or --entry) names the entry point, as Go's linker
// spells it.
func TestEntryFlag(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"e.s": "#include \"textflag.h\"\n" +
		"TEXT start(SB), NOSPLIT, $0\n\tMOVL $60, AX\n\tMOVL $7, DI\n\tSYSCALL\n"})
	for _, flag := range []string{"-E", "--entry"} {
		exe := filepath.Join(dir, "e"+flag)
		testutil.MustRun(t, dir, "p9ld", "--no-runtime", flag, "start", "-o", exe, "e.s")
		if r := testutil.Run(t, dir, exe); r.Code != 7 {
			t.Errorf("%s start: the program exits %d, want 7 (its own exit call)", flag, r.Code)
		}
	}
}
