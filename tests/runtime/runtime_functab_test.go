package runtime_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestFunctionTable: a program finds its own function in the table p9as
// writes and the linker keeps: name, file, line, frame size and SP depth,
// whether p9ld, GNU ld or lld links it, and when another linker leaves
// the table out of address order (the runtime sorts it on first use).
// A program that never looks a function up carries no table (every
// program with the runtime does: fatal errors print tracebacks).
func TestFunctionTable(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", "functab.s")
	// The PC looked up is the return address of the CALL to callerpc: the
	// line after it.
	text, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	before, _, ok := strings.Cut(string(text), "CALL\tmain·callerpc(SB)")
	if !ok {
		t.Fatal("functab.s calls no main·callerpc")
	}
	line := strings.Count(before, "\n") + 2
	want := fmt.Sprintf("main.main\n1\n%s\n%d\n64\n72\n0\n", src, line)
	exe := filepath.Join(dir, "p9ld")
	testutil.MustRun(t, dir, "p9ld", "-o", exe, src)
	if r := testutil.MustRun(t, dir, exe); r.Stdout != want {
		t.Errorf("p9ld: got\n%s\nwant\n%s", r.Stdout, want)
	}

	rtObjs := testutil.RuntimeArchiveLinkArgs()
	obj := filepath.Join(dir, "functab.o")
	testutil.MustRun(t, dir, "p9as", "-p", "main", "-I", filepath.Join(testutil.RepoRoot, "runtime-src"), "-o", obj, src)
	for _, c := range []struct {
		name, tool string
		args       []string
	}{
		{"GNU ld", "ld", []string{"-static", "-e", "_rt0_amd64_linux"}},
		{"lld", "ld.lld", []string{"-static", "-e", "_rt0_amd64_linux"}},
		{"GNU ld, table out of order", "ld", []string{"-static", "-e", "_rt0_amd64_linux",
			"-T", filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", "functab_reversed.ld")}},
	} {
		if _, err := exec.LookPath(c.tool); err != nil {
			t.Logf("%s not installed", c.tool)
			continue
		}
		exe := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
		testutil.MustRun(t, dir, c.tool, append(append(c.args, "-o", exe), append(rtObjs, obj)...)...)
		if r := testutil.MustRun(t, dir, exe); r.Stdout != want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, r.Stdout, want)
		}
	}

	// Without the runtime, nothing looks a function up: no table.
	testutil.WriteFiles(t, dir, map[string]string{"bare.s": "#include \"textflag.h\"\n" +
		"TEXT start(SB), NOSPLIT, $0\n\tMOVL $60, AX\n\tMOVL $0, DI\n\tSYSCALL\n"})
	bare := filepath.Join(dir, "bare")
	testutil.MustRun(t, dir, "p9ld", "--no-runtime", "-E", "start", "-o", bare, "bare.s")
	if r := testutil.MustRun(t, dir, "readelf", "-SW", bare); strings.Contains(r.Stdout, "p9_functab") {
		t.Errorf("a program that looks nothing up carries the function table")
	}
}
