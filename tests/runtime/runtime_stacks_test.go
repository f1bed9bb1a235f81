package runtime_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// The acceptance checks of growable goroutine stacks, on the examples the
// stack benchmarks run (examples/goroutines1m.s, deeprec.s, nosplitptr.s;
// each takes its size as its first argument): a million goroutines at
// once, a million-deep recursion on any goroutine, Go's 1 GB limit and
// its message past it, and a NOSPLIT runaway caught as a stack overflow.
//
// The deadlines are for hangs: Go's own twins of the first two take a few
// seconds on most machines, but about 15 s (a million goroutines) and
// 20 s (reaching the 1 GB limit) on a virtual machine where a page fault
// costs 10 µs.

// runArgs runs exe with args under GOMAXPROCS=procs and a deadline.
func runArgs(t *testing.T, exe string, procs int, timeout time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v: no exit within %v; stderr %q", filepath.Base(exe), args, timeout, shortStderr(errb.String()))
	}
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// shortStderr keeps a failure message readable: a traceback runs to
// hundreds of lines.
func shortStderr(s string) string {
	if lines := strings.SplitN(s, "\n", 13); len(lines) == 13 {
		return strings.Join(lines[:12], "\n") + "\n..."
	}
	return s
}

// TestStacksGoroutines1M: a million goroutines alive at once, each parked
// on a channel, all released and finished, on one P and on two.
func TestStacksGoroutines1M(t *testing.T) {
	if testing.Short() {
		t.Skip("a million goroutines take seconds; skipped in -short mode")
	}
	exe := testutil.BuildExample(t, "goroutines1m")
	for _, procs := range []int{1, 2} {
		out, errOut, code := runArgs(t, exe, procs, 120*time.Second, "1000000")
		f := strings.Fields(out)
		if code != 0 || len(f) != 3 || f[0] != "goroutines1m" || f[1] != "1000000" {
			t.Errorf("GOMAXPROCS=%d: exit %d, stdout %q, want \"goroutines1m 1000000 <ns>\"; stderr:\n%s", procs, code, out, shortStderr(errOut))
		}
	}
}

// TestStacksDeepRecursion: a function with a 64-byte frame and a
// stack-split prologue recurses a million deep on the main goroutine and
// then on a new one (deeprec does both, in that order).
func TestStacksDeepRecursion(t *testing.T) {
	exe := testutil.BuildExample(t, "deeprec")
	out, errOut, code := runArgs(t, exe, 2, 60*time.Second, "1000000")
	if f := strings.Fields(out); code != 0 || len(f) != 3 || f[0] != "deeprec" || f[1] != "1000000" {
		t.Errorf("exit %d, stdout %q, want \"deeprec 1000000 <ns>\"; stderr:\n%s", code, out, shortStderr(errOut))
	}
}

// TestStacksLimit: past Go's 1 GB limit (20,000,000 frames of at least 72
// bytes), the program stops as Go's does: the limit, "fatal error: stack
// overflow", exit 2, and a traceback of the recursing function.
func TestStacksLimit(t *testing.T) {
	exe := testutil.BuildExample(t, "deeprec")
	_, errOut, code := runArgs(t, exe, 1, 120*time.Second, "20000000")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{"runtime: goroutine stack exceeds 1000000000-byte limit\n", "fatal error: stack overflow\n",
		"main.rec(...)\n\texamples/deeprec.s:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, shortStderr(errOut))
		}
	}
}

// TestStacksNosplitRunaway: with 40,000 goroutines alive, a NOSPLIT
// function recursing through a function pointer (no prologue checks it,
// and the linker cannot see the cycle) is stopped as a stack overflow,
// whatever lies below its stack.
func TestStacksNosplitRunaway(t *testing.T) {
	exe := testutil.BuildExample(t, "nosplitptr")
	_, errOut, code := runArgs(t, exe, 2, 60*time.Second, "40000")
	if code != 2 || !strings.HasPrefix(errOut, "fatal error: stack overflow\n") {
		t.Errorf("exit %d, want 2 and \"fatal error: stack overflow\"; stderr:\n%s", code, shortStderr(errOut))
	}
}

// TestStacksGomaxprocs1000: GOMAXPROCS=1000 gives a thousand Ps, as Go's
// runtime does.
func TestStacksGomaxprocs1000(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), NOSPLIT, $16-0
	CALL	runtime·gomaxprocs(SB)
	MOVLQSX	0(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET
`)
	out, errOut, code := runArgs(t, exe, 1000, 20*time.Second)
	if code != 0 || out != "1000\n" {
		t.Errorf("exit %d, stdout %q, want \"1000\"; stderr %q", code, out, errOut)
	}
}
