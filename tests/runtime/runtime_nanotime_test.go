package runtime_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// monotonicNow is CLOCK_MONOTONIC read with the system call, the clock
// runtime·nanotime reads through the vDSO.
func monotonicNow(t *testing.T) int64 {
	t.Helper()
	var ts syscall.Timespec
	const clockMonotonic = 1
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockMonotonic, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		t.Fatalf("clock_gettime: %v", e)
	}
	return ts.Nano()
}

// TestNanotime: nanotime is CLOCK_MONOTONIC (a reading the program
// prints falls between two the test takes around the run), measures a
// 50 ms sleep as 50 ms, and never goes backwards in 4 goroutines calling
// it 1,000,000 times each at GOMAXPROCS 2, preempted meanwhile.
func TestNanotime(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "nanotime")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/nanotime.s")
	re := regexp.MustCompile(`^start (\d+)\nslept (\d+)\nmonotonic ok\nend (\d+)\n$`)
	for i := 0; i < runsOf(5); i++ {
		before := monotonicNow(t)
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		after := monotonicNow(t)
		m := re.FindStringSubmatch(out.String())
		if err != nil || m == nil {
			t.Fatalf("run %d: %v\nstdout:\n%s\nstderr:\n%s", i, err, out.String(), errOut.String())
		}
		start, _ := strconv.ParseInt(m[1], 10, 64)
		slept, _ := strconv.ParseInt(m[2], 10, 64)
		end, _ := strconv.ParseInt(m[3], 10, 64)
		if start < before || end > after || end < start+slept {
			t.Errorf("run %d: the test's clock read %d and %d around the run; the program's start %d, end %d, slept %d",
				i, before, after, start, end, slept)
		}
		if slept < 50*int64(time.Millisecond) || slept > 100*int64(time.Millisecond) {
			t.Errorf("run %d: a 50 ms usleep measured %d ns", i, slept)
		}
	}
}

// TestNanotimeNoSystemCall: 1000 calls of nanotime make no clock_gettime
// system call (strace counts them); with the vDSO off they make one each.
func TestNanotimeNoSystemCall(t *testing.T) {
	testutil.NeedTool(t, "strace")
	exe := testutil.BuildExample(t, "nanotime")
	calls := func(env string) int {
		t.Helper()
		log := filepath.Join(t.TempDir(), "strace")
		cmd := exec.Command("strace", "-f", "-e", "trace=clock_gettime", "-o", log, exe, "1000")
		cmd.Env = append(os.Environ(), env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("strace %q: %v\n%s", env, err, out)
		}
		if !strings.Contains(string(out), "nanotime 1000 ") {
			t.Fatalf("strace %q: output %q", env, out)
		}
		text, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(text), "clock_gettime(")
	}
	if n := calls("P9DEBUG=vdsooff=1"); n < 1000 {
		t.Fatalf("with the vDSO off, strace saw %d clock_gettime calls for 1000 nanotimes: it cannot see them", n)
	}
	if n := calls(""); n != 0 {
		t.Errorf("1000 nanotimes made %d clock_gettime system calls; want none (the vDSO)", n)
	}
}
