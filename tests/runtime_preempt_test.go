package tests

import (
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAsyncPreemption: a goroutine in a loop with no calls is stopped from
// outside (sysmon, SIGURG) so the goroutine that ends the loop can run on
// the only P.
func TestAsyncPreemption(t *testing.T) {
	exe := buildExample(t, "preempt_loop")
	for i := 0; i < runsOf(20); i++ {
		out, errOut, code, err := runWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 0 || out != "preempted ok\n" {
			t.Fatalf("run %d: exit %d, err %v, stdout %q, stderr %q", i, code, err, out, errOut)
		}
	}
}

// runsOf scales a run count down under -short.
func runsOf(n int) int {
	if testing.Short() {
		return max(1, n/5)
	}
	return n
}

// mixChecksum is what tests/testdata/runtime/checksum.s computes for one
// goroutine, written in Go: if preemption ever loses or mixes up a
// register, the program's result differs.
func mixChecksum(id uint64, iters int) uint64 {
	ax, bx, cx, dx, si, di := id, id+1, id+2, id+3, id+4, id+5
	r8, r9, r10, r11, r12, r13, r14, r15 := id+6, id+7, id+8, id+9, id+10, id+11, id+12, id+13
	for i := 0; i < iters; i++ {
		ax += bx
		bx ^= cx
		cx = bits.RotateLeft64(cx, 7)
		cx += dx
		dx ^= si
		si += di
		di = bits.RotateLeft64(di, 13)
		di ^= r8
		r8 += r9
		r9 ^= r10
		r10 = bits.RotateLeft64(r10, 17)
		r10 += r11
		r11 ^= r12
		r12 += r13
		r13 = bits.RotateLeft64(r13, 29)
		r13 ^= r14
		r14 += r15
		r15 ^= ax
	}
	return ax ^ bx ^ cx ^ dx ^ si ^ di ^ r8 ^ r9 ^ r10 ^ r11 ^ r12 ^ r13 ^ r14 ^ r15
}

// TestPreemptionKeepsRegisters runs 8 goroutines of register-heavy,
// call-free work under GOMAXPROCS 1 and 2; asynchronous preemption makes
// them take turns, and every checksum must still be right.
func TestPreemptionKeepsRegisters(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "checksum")
	mustRun(t, repoRoot, "p9ld", "-o", exe, "tests/testdata/runtime/checksum.s")
	const goroutines, iters = 8, 20000000
	want := map[uint64]uint64{}
	for id := uint64(0); id < goroutines; id++ {
		want[id] = mixChecksum(id, iters)
	}
	line := regexp.MustCompile(`^(\d+) (\d+) (\d+)$`)
	for _, procs := range []int{1, 2} {
		interleaved := 0
		n := runsOf(10)
		for i := 0; i < n; i++ {
			out, errOut, code, err := runWithTimeout(exe, procs, 60*time.Second)
			if err != nil || code != 0 {
				t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stderr %q", procs, i, code, err, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != goroutines {
				t.Fatalf("GOMAXPROCS=%d run %d: %d lines, want %d:\n%s", procs, i, len(lines), goroutines, out)
			}
			for j, l := range lines {
				m := line.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("bad line %q", l)
				}
				id, _ := strconv.ParseUint(m[1], 10, 64)
				sum, _ := strconv.ParseUint(m[2], 10, 64)
				started, _ := strconv.Atoi(m[3])
				if sum != want[id] {
					t.Errorf("GOMAXPROCS=%d run %d: goroutine %d checksum %d, want %d", procs, i, id, sum, want[id])
				}
				if j == 0 && started == goroutines {
					interleaved++
				}
			}
		}
		// On one P, the first goroutine to finish saw all the others
		// start only if it was preempted.
		if procs == 1 && interleaved == 0 {
			t.Errorf("GOMAXPROCS=1: no run was preempted (%d runs)", n)
		}
		t.Logf("GOMAXPROCS=%d: %d of %d runs interleaved all goroutines before the first finished", procs, interleaved, n)
	}
}

// TestSyscallsHandOffP: 100 goroutines sleeping 10 ms each on one P finish
// together, because a goroutine blocked in the kernel gives up its P.
func TestSyscallsHandOffP(t *testing.T) {
	exe := buildExample(t, "sleep")
	re := regexp.MustCompile(`^slept 100 in (\d+) ms\n$`)
	for i := 0; i < runsOf(20); i++ {
		start := time.Now()
		out, errOut, code, err := runWithTimeout(exe, 1, 20*time.Second)
		wall := time.Since(start)
		m := re.FindStringSubmatch(out)
		if err != nil || code != 0 || m == nil {
			t.Fatalf("run %d: exit %d, err %v, stdout %q, stderr %q", i, code, err, out, errOut)
		}
		// One after another, the sleeps would take at least 1000 ms.
		if ms, _ := strconv.Atoi(m[1]); ms >= 1000 {
			t.Errorf("run %d: the sleeps took %s ms (process %v): they did not overlap", i, m[1], wall)
		} else if ms >= 200 {
			t.Logf("run %d: %s ms (the machine is busy?)", i, m[1])
		}
	}
}

// TestSchedtrace: P9DEBUG=schedtrace=N prints a line of scheduler state
// every N ms on standard error. The program only sleeps, so every line
// shows the same known state.
func TestSchedtrace(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
// main sleeps 10 ms ten times.
TEXT main·main(SB), NOSPLIT, $16-0
	MOVQ	$10, n-8(SP)
again:
	MOVL	$10000, 0(SP)
	CALL	runtime·usleep(SB)
	DECQ	n-8(SP)
	JNE	again
	RET
`})
	mustRun(t, dir, "p9ld", "-o", "p", "p.s")
	cmd := exec.Command(filepath.Join(dir, "p"))
	cmd.Env = append(os.Environ(), "GOMAXPROCS=3", "P9DEBUG=schedtrace=5")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	re := regexp.MustCompile(`^SCHED (\d+)ms: gomaxprocs=3 idleprocs=([0-3]) threads=(\d+) spinningthreads=(\d+) idlethreads=(\d+) runqueue=(\d+) \[(\d+) (\d+) (\d+)\]$`)
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want several trace lines in a run of 100 ms, got:\n%s", stderr.String())
	}
	last := -1
	for _, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q does not match %v", l, re)
		}
		ms, _ := strconv.Atoi(m[1])
		if ms < last {
			t.Errorf("time went back: %q after %d ms", l, last)
		}
		last = ms
		// Nothing is runnable: at most main's P is not idle, no queue
		// holds a goroutine, and the threads are m0 and sysmon (and at
		// most one more that looked for work).
		idle, _ := strconv.Atoi(m[2])
		threads, _ := strconv.Atoi(m[3])
		if idle < 2 || threads < 2 || threads > 3 || m[6] != "0" || m[7] != "0" || m[8] != "0" || m[9] != "0" {
			t.Errorf("line %q: want idleprocs >= 2, 2-3 threads, empty queues", l)
		}
	}
	if last < 50 {
		t.Errorf("the last line is at %d ms of a run of about 100 ms", last)
	}
}

// TestInitTrace: P9DEBUG=inittrace=1 prints one line per package init.
func TestInitTrace(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
TEXT main·init(SB), NOSPLIT, $0
	RET
TEXT other·init(SB), NOSPLIT, $0
	RET
TEXT main·main(SB), NOSPLIT, $0
	RET
`})
	mustRun(t, dir, "p9ld", "-o", "p", "p.s")
	cmd := exec.Command(filepath.Join(dir, "p"))
	cmd.Env = append(os.Environ(), "P9DEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	re := regexp.MustCompile(`^init (main|other) @\d+\.\d{3} ms, \d+\.\d{3} ms clock$`)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got:\n%s", out)
	}
	for i, pkg := range []string{"main", "other"} {
		m := re.FindStringSubmatch(lines[i])
		if m == nil || m[1] != pkg {
			t.Errorf("line %d %q: want init %s @... ms, ... ms clock", i, lines[i], pkg)
		}
	}
}

// TestStackGuardPage: touching the guard page below a goroutine's stack
// ends the program with a clear message, not a bare segfault.
func TestStackGuardPage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"
TEXT main·main(SB), NOSPLIT, $0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	(g_stack+stack_lo)(AX), AX
	MOVQ	$1, -8(AX)	// the guard page
	RET
`})
	mustRun(t, dir, "p9ld", "-o", "p", "p.s")
	out, errOut, code, err := runWithTimeout(filepath.Join(dir, "p"), 1, 10*time.Second)
	if err != nil || code != 2 || out != "" {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q; want exit 2", code, err, out, errOut)
	}
	if want := "fatal error: stack overflow\n\ngoroutine 1 [running]:\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

// TestUnexpectedSignal: any other fault names the signal, the address and
// the instruction.
func TestUnexpectedSignal(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
TEXT main·main(SB), NOSPLIT, $0
	MOVQ	$0x10, AX
	MOVQ	$1, 0(AX)
	RET
`})
	mustRun(t, dir, "p9ld", "-o", "p", "p.s")
	out, errOut, code, err := runWithTimeout(filepath.Join(dir, "p"), 1, 10*time.Second)
	if err != nil || code != 2 || out != "" {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q; want exit 2", code, err, out, errOut)
	}
	re := regexp.MustCompile(`^fatal error: unexpected signal 11 addr=0x10 pc=0x[0-9a-f]+\n\ngoroutine 1 \[running\]:\n$`)
	if !re.MatchString(errOut) {
		t.Errorf("stderr %q does not match %v", errOut, re)
	}
}

// TestCooperativePreemption: with signals off, a goroutine that keeps
// calling a function with a stack-split prologue is stopped there: sysmon
// poisons its stackguard0 and morestack reschedules it.
func TestCooperativePreemption(t *testing.T) {
	exe := buildExample(t, "preempt_call")
	for i := 0; i < runsOf(20); i++ {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "P9DEBUG=asyncpreemptoff=1")
		done := make(chan struct{})
		timer := time.AfterFunc(20*time.Second, func() {
			cmd.Process.Kill()
			close(done)
		})
		out, err := cmd.Output()
		timer.Stop()
		select {
		case <-done:
			t.Fatalf("run %d hung", i)
		default:
		}
		if err != nil || string(out) != "preempted ok\n" {
			t.Fatalf("run %d: %v, stdout %q", i, err, out)
		}
	}
}

// TestStackOverflow: unbounded recursion through stack-split prologues ends
// with "fatal error: stack overflow" and exit status 2.
func TestStackOverflow(t *testing.T) {
	exe := buildExample(t, "overflow")
	for i := 0; i < runsOf(20); i++ {
		procs := 1 + i%4
		out, errOut, code, err := runWithTimeout(exe, procs, 10*time.Second)
		if err != nil || code != 2 || out != "" {
			t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q; want exit 2", procs, code, err, out, errOut)
		}
		if want := "fatal error: stack overflow\n\ngoroutine 1 [running]:\n"; errOut != want {
			t.Errorf("GOMAXPROCS=%d: stderr %q, want %q", procs, errOut, want)
		}
	}
}
