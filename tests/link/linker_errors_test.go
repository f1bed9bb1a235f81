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
