package runtime_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// cgocallWant is what testdata/cgocall.s prints when runtime·asmcgocall
// works: gcc code using 132 KiB of stack returns its result from a
// goroutine, its frame is 16-byte aligned, eight goroutines run C at once
// without touching each other's stacks, a C call blocked in the kernel
// lets another goroutine run on the same P, and a call from g0 runs in
// place.
const cgocallWant = `big 16136
align 0
fill 720
sleep 50
others ran 1
g0 16136 0
`

// TestAsmcgocall links testdata/cgocall.s with gcc's cgocall.c, with p9ld
// and (when installed) GNU ld and lld, and runs each program at
// GOMAXPROCS 1, 2 and 4.
func TestAsmcgocall(t *testing.T) {
	testutil.NeedTool(t, "gcc")
	dir := t.TempDir()
	cobj := filepath.Join(dir, "cgocall_c.o")
	testutil.MustRun(t, dir, "gcc", "-O2", "-fno-pic", "-fno-stack-protector", "-ffreestanding", "-c",
		filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", "cgocall.c"), "-o", cobj)

	exes := map[string]string{"p9ld": filepath.Join(dir, "cgocall")}
	// The C functions are only reached through asmcgocall, never called
	// directly: p9ld has nothing to warn about.
	r := testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exes["p9ld"], "tests/runtime/testdata/cgocall.s", cobj)
	if r.Stderr != "" {
		t.Errorf("p9ld warns:\n%s", r.Stderr)
	}
	// Other linkers get the runtime assembled by p9as.
	var objs []string
	for _, ld := range []string{"ld", "ld.lld"} {
		if _, err := exec.LookPath(ld); err != nil {
			t.Logf("%s not installed", ld)
			continue
		}
		if objs == nil {
			objs = assembleRuntimeWith(t, dir, "tests/runtime/testdata/cgocall.s")
			objs = append(objs, cobj)
		}
		exes[ld] = filepath.Join(dir, "cgocall-"+ld)
		testutil.MustRun(t, dir, ld, append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", exes[ld]}, objs...)...)
	}

	for ld, exe := range exes {
		for _, procs := range []int{1, 2, 4} {
			for i := 0; i < runsOf(5); i++ {
				out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 30*time.Second)
				if err != nil || code != 0 || out != cgocallWant {
					t.Fatalf("linked with %s, GOMAXPROCS=%d, run %d: exit %d, err %v, stderr %q, stdout:\n%s\nwant:\n%s",
						ld, procs, i, code, err, errOut, out, cgocallWant)
				}
			}
		}
	}
}

// assembleRuntimeWith assembles runtime-src/*.s (package runtime) and the
// program src (package main) with p9as into dir, as a user linking with
// another linker would, and returns the objects.
func assembleRuntimeWith(t *testing.T, dir, src string) []string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no runtime sources: %v", err)
	}
	var objs []string
	for _, s := range srcs {
		o := filepath.Join(dir, "rt_"+strings.TrimSuffix(filepath.Base(s), ".s")+".o")
		testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", o, s)
		objs = append(objs, o)
	}
	o := filepath.Join(dir, "main_"+strings.TrimSuffix(filepath.Base(src), ".s")+".o")
	testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", o, src)
	return append(objs, o)
}

// TestAsmcgocallFault: C code called through asmcgocall faults on g0's
// stack; the fatal error's traceback goes on to the goroutine that called
// it, from the state asmcgocall saved in its g.
func TestAsmcgocallFault(t *testing.T) {
	testutil.NeedTool(t, "gcc")
	dir := t.TempDir()
	cobj := filepath.Join(dir, "cgocall_c.o")
	testutil.MustRun(t, dir, "gcc", "-O2", "-fno-pic", "-fno-stack-protector", "-ffreestanding", "-c",
		filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", "cgocall.c"), "-o", cobj)
	exe := buildRuntimeProgram(t, "cgocrash", cobj)
	_, errOut, code, err := testutil.RunWithTimeout(exe, 2, 20*time.Second)
	if err != nil || code != 2 {
		t.Fatalf("exit %d, err %v (want 2); stderr %q", code, err, errOut)
	}
	want := []string{
		"fatal error: unexpected signal 11 addr=0x0 pc=0x",
		"\n\ngoroutine 2 [syscall]:\n",
		"\nmain.callcrash(...)\n\ttests/runtime/testdata/cgocrash.s:25 +0x",
		"\nmain.crasher(...)\n\ttests/runtime/testdata/cgocrash.s:18 +0x",
		"\ncreated by main.main in goroutine 1\n\ttests/runtime/testdata/cgocrash.s:12 +0x",
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
}
