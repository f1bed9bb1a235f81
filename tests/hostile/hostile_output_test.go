package hostile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// sameFile fails unless path still holds want with its old modification
// time, and no temporary file was left beside it.
func sameFile(t *testing.T, path string, want []byte, mtime time.Time) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the previous output is gone: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the previous output changed: %d bytes, was %d", len(got), len(want))
	}
	if st, err := os.Stat(path); err != nil || !st.ModTime().Equal(mtime) {
		t.Errorf("the previous output was rewritten")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestFailedRunsKeepOutput: a good object and executable are built, then
// failing p9as and p9ld runs aimed at the same paths leave them exactly
// as they were.
func TestFailedRunsKeepOutput(t *testing.T) {
	dir := t.TempDir()
	// Numeric flags (NOSPLIT|NOFRAME) and no runtime: the test depends on
	// nothing but the commands.
	testutil.WriteFiles(t, dir, map[string]string{
		"good.s":    "TEXT _rt0_amd64_linux(SB), 516, $0\n\tMOVL $60, AX\n\tMOVL $0, DI\n\tSYSCALL\n",
		"bad.s":     "TEXT _rt0_amd64_linux(SB), 516, $0\n\tFROB\n\tRET\n",
		"undef.s":   "TEXT _rt0_amd64_linux(SB), 516, $0\n\tCALL main·nowhere(SB)\n\tRET\n",
		"garbage.o": "\x7fELF this is not an object",
		"noentry.s": "TEXT main·f(SB), 516, $0\n\tRET\n",
	})
	if r := testutil.Run(t, dir, "p9as", "-o", "out.o", "good.s"); r.Code != 0 {
		t.Fatalf("p9as good.s: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := testutil.Run(t, dir, "p9ld", "--no-runtime", "-o", "prog", "good.s"); r.Code != 0 {
		t.Fatalf("p9ld good.s: exit %d\n%s", r.Code, r.Stderr)
	}
	obj, _ := os.ReadFile(filepath.Join(dir, "out.o"))
	exe, _ := os.ReadFile(filepath.Join(dir, "prog"))
	// Old enough that a rewrite within the same clock tick still shows.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, f := range []string{"out.o", "prog"} {
		if err := os.Chtimes(filepath.Join(dir, f), old, old); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		cmd  string
		args []string
		out  string
		want []byte
	}{
		{"p9as", []string{"-o", "out.o", "bad.s"}, "out.o", obj},
		{"p9as", []string{"-o", "out.o", "missing.s"}, "out.o", obj},
		{"p9ld", []string{"--no-runtime", "-o", "prog", "bad.s"}, "prog", exe},
		{"p9ld", []string{"--no-runtime", "-o", "prog", "undef.s"}, "prog", exe},
		{"p9ld", []string{"--no-runtime", "-o", "prog", "garbage.o"}, "prog", exe},
		{"p9ld", []string{"--no-runtime", "-o", "prog", "noentry.s"}, "prog", exe},
		{"p9ld", []string{"-o", "prog", "bad.s"}, "prog", exe},
	} {
		r := testutil.Run(t, dir, c.cmd, c.args...)
		if r.Code != 1 {
			t.Errorf("%s %s: exit %d, want 1\n%s", c.cmd, strings.Join(c.args, " "), r.Code, r.Stderr)
		}
		sameFile(t, filepath.Join(dir, c.out), c.want, old)
	}
}

// TestOutputIsDirectory: an output path naming a directory is an error,
// and the directory is left alone.
func TestOutputIsDirectory(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"good.s": "TEXT ·f(SB), 4, $0\n\tRET\n", "taken/keep": "x"})
	for _, c := range [][]string{{"p9as", "-o", "taken", "good.s"}, {"p9ld", "--no-runtime", "-E", "main.f", "-o", "taken", "good.s"}} {
		r := testutil.Run(t, dir, c[0], c[1:]...)
		if r.Code == 0 || strings.Contains(r.Stderr, "panic") {
			t.Errorf("%v: exit %d\n%s", c, r.Code, r.Stderr)
		}
		if data, err := os.ReadFile(filepath.Join(dir, "taken", "keep")); err != nil || string(data) != "x" {
			t.Errorf("%v: the directory's contents changed", c)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
			t.Errorf("%v: temporary files left behind: %v", c, left)
		}
	}
}
