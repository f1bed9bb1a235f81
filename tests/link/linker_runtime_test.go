package link_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestLinkerRuntimeUntouchedByUserFlags: -D and -I are for the user's
// sources: the runtime p9ld carries is assembled ahead of time, so
// defining GOOS_pvh (which the runtime's sources test) does not turn a
// Linux program's runtime into the bare-metal one.
func TestLinkerRuntimeUntouchedByUserFlags(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"linux", "pvh"} {
		plain := filepath.Join(dir, format+"-plain")
		flagged := filepath.Join(dir, format+"-flagged")
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", format, "-o", plain, "examples/hello.s")
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", format, "-D", "GOOS_pvh", "-D", "GOOS_linux", "-I", dir, "-o", flagged, "examples/hello.s")
		if !sameBytes(t, plain, flagged) {
			t.Errorf("-H %s: -D and -I changed the output", format)
		}
	}
}

// TestLinkerDeterministic: the same inputs give the same bytes, whatever
// GOMAXPROCS p9ld runs with.
func TestLinkerDeterministic(t *testing.T) {
	dir := t.TempDir()
	var first string
	for i, procs := range []string{"1", "4", "1", "2"} {
		out := filepath.Join(dir, "goroutines"+procs+"-"+string(rune('a'+i)))
		cmd := exec.Command(testutil.Exe("p9ld"), "-o", out, "examples/goroutines.s")
		cmd.Dir = testutil.RepoRoot
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("GOMAXPROCS=%s: %v\n%s", procs, err, b)
		}
		if first == "" {
			first = out
		} else if !sameBytes(t, first, out) {
			t.Errorf("GOMAXPROCS=%s: the output differs from the first link's", procs)
		}
	}
}

// sameBytes reports whether two files hold the same bytes.
func sameBytes(t *testing.T, a, b string) bool {
	t.Helper()
	da, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(da, db)
}
