package link_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// ldGDB runs gdb in batch mode on exe with the given commands.
func ldGDB(t *testing.T, dir, exe string, cmds ...string) string {
	t.Helper()
	args := []string{"-nx", "-batch"}
	for _, c := range cmds {
		args = append(args, "-ex", c)
	}
	r := testutil.Run(t, dir, "timeout", append(append([]string{"60", "gdb"}, args...), exe)...)
	return r.Stdout + r.Stderr
}

// TestLinkerDebugLineStep: gdb stops in main.main at a line of hello.s and
// next moves to the following source line.
func TestLinkerDebugLineStep(t *testing.T) {
	testutil.NeedTool(t, "gdb", "timeout")
	dir := t.TempDir()
	exe := filepath.Join(dir, "hello")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/hello.s")
	out := ldGDB(t, dir, exe, "break main.main", "run", "info line *$pc", "next", "info line *$pc")
	lines := regexp.MustCompile(`Line (\d+) of "examples/hello.s"`).FindAllStringSubmatch(out, -1)
	if len(lines) != 2 {
		t.Fatalf("gdb did not report two lines of examples/hello.s:\n%s", out)
	}
	if lines[0][1] == lines[1][1] {
		t.Errorf("next stayed on line %s:\n%s", lines[0][1], out)
	}
	if !strings.Contains(out, "main.main () at examples/hello.s:") {
		t.Errorf("gdb does not show main.main's source position:\n%s", out)
	}
}

// TestLinkerDebugRuntimeBacktrace: a breakpoint in a runtime function shows its
// runtime-src file and line, and the backtrace reaches main.main's caller
// in the runtime.
func TestLinkerDebugRuntimeBacktrace(t *testing.T) {
	testutil.NeedTool(t, "gdb", "timeout", "nm")
	dir := t.TempDir()
	exe := filepath.Join(dir, "hello")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/hello.s")
	out := ldGDB(t, dir, exe, "set backtrace past-main on", "break runtime.write", "run", "info line *$pc", "bt")
	if !regexp.MustCompile(`Line \d+ of "runtime-src/\w+\.s"`).MatchString(out) {
		t.Errorf("no runtime-src line for runtime.write:\n%s", out)
	}
	if !regexp.MustCompile(`#1 .* in main\.main \(\) at examples/hello\.s:\d+`).MatchString(out) ||
		!regexp.MustCompile(`#2 .* in runtime\.\w+ \(\) at runtime-src/\w+\.s:\d+`).MatchString(out) {
		t.Errorf("backtrace does not go runtime.write ← main.main ← its runtime caller:\n%s", out)
	}
}

// TestLinkerDebugSchedule is the acceptance check on a program with
// goroutines: a breakpoint on runtime.schedule shows a runtime-src line
// and a backtrace.
func TestLinkerDebugSchedule(t *testing.T) {
	testutil.NeedTool(t, "gdb", "timeout", "nm")
	dir := t.TempDir()
	exe := filepath.Join(dir, "prog")
	src := "examples/goroutines.s"
	if r := testutil.Run(t, testutil.RepoRoot, "p9ld", "-o", exe, src); r.Code != 0 {
		t.Skipf("%s does not link yet: %s", src, r.Stderr)
	}
	if !strings.Contains(testutil.MustRun(t, dir, "nm", exe).Stdout, " T runtime.schedule\n") {
		t.Skip("the runtime has no runtime.schedule yet")
	}
	out := ldGDB(t, dir, exe, "break runtime.schedule", "run", "info line *$pc", "bt")
	if !regexp.MustCompile(`Line \d+ of "runtime-src/\w+\.s"`).MatchString(out) {
		t.Errorf("no runtime-src line at runtime.schedule:\n%s", out)
	}
	if !regexp.MustCompile(`#0 .*runtime\.schedule \(\) at runtime-src/\w+\.s:\d+`).MatchString(out) ||
		!strings.Contains(out, "#1 ") {
		t.Errorf("no backtrace from runtime.schedule:\n%s", out)
	}
}

// TestLinkerDWARFValid: readelf decodes the debug sections of a linked
// program without complaint, with and without dead-code elimination, and
// llvm-dwarfdump, where installed, verifies them.
func TestLinkerDWARFValid(t *testing.T) {
	testutil.NeedTool(t, "readelf")
	dir := t.TempDir()
	for _, flags := range [][]string{nil, {"--no-gc"}} {
		exe := filepath.Join(dir, "prog")
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", append(append([]string{"-o", exe}, flags...), "examples/hello.s")...)
		r := testutil.MustRun(t, dir, "readelf", "--debug-dump=info,abbrev,line,frames", exe)
		if r.Stderr != "" || !strings.Contains(r.Stdout, "DW_TAG_subprogram") || !strings.Contains(r.Stdout, "DW_CFA_def_cfa_offset") {
			t.Errorf("%v: readelf: stderr %q; output lacks subprograms or CFA rules", flags, r.Stderr)
		}
		if _, err := exec.LookPath("llvm-dwarfdump"); err == nil {
			v := testutil.Run(t, dir, "llvm-dwarfdump", "--verify", exe)
			if v.Code != 0 || !strings.Contains(v.Stdout, "No errors.") {
				t.Errorf("%v: llvm-dwarfdump --verify:\n%s%s", flags, v.Stdout, v.Stderr)
			}
		}
	}
}

// TestLinkerDebugRuntimeSources: with --runtime-src, p9ld writes the
// runtime's sources to the directory and names them there, so gdb lists a
// runtime function's source from anywhere; without it, the runtime's
// files are named runtime-src/..., which gdb cannot open outside a
// checkout.
func TestLinkerDebugRuntimeSources(t *testing.T) {
	testutil.NeedTool(t, "gdb", "timeout", "nm")
	dir := t.TempDir()
	src := filepath.Join(dir, "rt")
	for _, c := range []struct {
		name  string
		flags []string
		want  *regexp.Regexp
	}{
		{"hello-src", []string{"--runtime-src", src}, regexp.MustCompile(`(?m)^\d+\s+TEXT runtime·write\(SB\)`)},
		{"hello", nil, regexp.MustCompile(`runtime-src/\w+\.s: No such file or directory`)},
	} {
		exe := filepath.Join(dir, c.name)
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", append(append([]string{"-o", exe}, c.flags...), "examples/hello.s")...)
		out := ldGDB(t, dir, exe, "break runtime.write", "run", "list runtime.write")
		if !c.want.MatchString(out) {
			t.Errorf("%s: gdb's list of runtime.write does not match %v:\n%s", c.name, c.want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "textflag.h")); err != nil {
		t.Errorf("the runtime's headers are not written out: %v", err)
	}
	// A directory that cannot be made is a clear error.
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := testutil.Run(t, testutil.RepoRoot, "p9ld", "--runtime-src", filepath.Join(blocker, "rt"), "-o", filepath.Join(dir, "x"), "examples/hello.s")
	if r.Code == 0 || !strings.Contains(r.Stderr, "--runtime-src") || strings.Contains(r.Stderr, "panic") {
		t.Errorf("--runtime-src under a file: exit %d, stderr %q", r.Code, r.Stderr)
	}
}
