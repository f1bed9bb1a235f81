package runtime_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestTimers: testdata/timers.s's sleeps never end early, runtime·after
// sends a time at least its delay after the call (and at once for a delay
// of 0 or less), and timeSleep of 0 or less returns, at GOMAXPROCS 1, 2
// and 4.
func TestTimers(t *testing.T) {
	exe := buildRuntimeProgram(t, "timers")
	const want = "early 0\nafter ok\nafter0 ok\nsleep0 ok\n"
	for _, procs := range []int{1, 2, 4} {
		for i := 0; i < runsOf(5); i++ {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 30*time.Second)
			if err != nil || code != 0 || out != want {
				t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stderr %q, stdout:\n%s\nwant:\n%s", procs, i, code, err, errOut, out, want)
			}
		}
	}
}

// TestTimerOnBusyP: a goroutine that never calls anything and is never
// preempted (P9DEBUG=asyncpreemptoff=1) keeps its P for good; main's
// sleeps, whose timers may be in that P's heap, still end, run by an M
// with the other P.
func TestTimerOnBusyP(t *testing.T) {
	exe := buildRuntimeProgram(t, "timerspin")
	t.Setenv("P9DEBUG", "asyncpreemptoff=1")
	for i := 0; i < runsOf(10); i++ {
		out, errOut, code, err := testutil.RunWithTimeout(exe, 2, 20*time.Second)
		if err != nil || code != 0 || out != "woke 5\n" {
			t.Fatalf("run %d: exit %d, err %v, stderr %q, stdout %q", i, code, err, errOut, out)
		}
	}
}

// TestSleepersHoldNoThread: examples/timers.s's 10,000 goroutines sleep
// 100 ms at once, each parked on a timer: the process never has more than
// GOMAXPROCS + 4 OS threads (m0, sysmon, an M per P, and a few that
// looked for work), where a thread per sleeper would be 10,000. The
// program reports its thread count at the end; threads are never given
// back, so that is the most it had.
func TestSleepersHoldNoThread(t *testing.T) {
	exe := testutil.BuildExample(t, "timers")
	re := regexp.MustCompile(`^timers 10000 \d+\nthreads (\d+)\n$`)
	for _, procs := range []int{1, 2, 4} {
		for i := 0; i < runsOf(3); i++ {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 60*time.Second)
			m := re.FindStringSubmatch(out)
			if err != nil || code != 0 || m == nil {
				t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stderr %q, stdout %q", procs, i, code, err, errOut, out)
			}
			if n, _ := strconv.Atoi(m[1]); n < 2 || n > procs+4 {
				t.Errorf("GOMAXPROCS=%d run %d: %d threads, want 2 to %d", procs, i, n, procs+4)
			}
		}
	}
}

// TestDeadlockAfterTimers: goroutines parked only on timers are not a
// deadlock, but once the last timer has run and nothing can run again,
// the program ends as Go's does: main blocks for ever on a receive while
// a goroutine sleeps 50 ms, prints "slept" and exits; then, and only
// then, "all goroutines are asleep - deadlock!".
func TestDeadlockAfterTimers(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
#include "test.h"
TEXT main·main(SB), $32-0
	MAKECHAN($0)
	MOVQ	AX, c<>(SB)
	GO(sleeperfn<>(SB))
	CHANRECV(c<>(SB), v-8(SP))
	RET

TEXT main·sleeper(SB), $16-0
	MOVQ	$50000000, 0(SP)
	CALL	runtime·timeSleep(SB)
	PRINT_STRING(slept<>(SB), 6)
	RET

GLOBL c<>(SB), NOPTR, $8
DATA sleeperfn<>+0(SB)/8, $main·sleeper(SB)
GLOBL sleeperfn<>(SB), RODATA, $8
DATA slept<>+0(SB)/6, $"slept\n"
GLOBL slept<>(SB), RODATA|NOPTR, $6
`)
	for _, procs := range []int{1, 2, 4} {
		for i := 0; i < runsOf(5); i++ {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 20*time.Second)
			if err != nil || code != 2 || out != "slept\n" ||
				!strings.HasPrefix(errOut, "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n") {
				t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stdout %q, stderr:\n%s", procs, i, code, err, out, errOut)
			}
		}
	}
}

// TestRunnextInheritsTimeSlice: two goroutines handing the only P to each
// other through runnext (testdata/runnext.s) do not starve a third
// waiting in the P's queue: a g taken from runnext inherits the time
// slice, so sysmon sees one goroutine running 10 ms and preempts it.
func TestRunnextInheritsTimeSlice(t *testing.T) {
	exe := buildRuntimeProgram(t, "runnext")
	for i := 0; i < runsOf(10); i++ {
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 0 || out != "C ran\n" {
			t.Fatalf("run %d: exit %d, err %v, stderr %q, stdout %q", i, code, err, errOut, out)
		}
	}
}
