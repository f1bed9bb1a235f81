package runtime_test

import (
	"context"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestAsyncPreemption: a goroutine in a loop with no calls is stopped from
// outside (sysmon, SIGURG) so the goroutine that ends the loop can run on
// the only P. With asynchronous preemption off, the program never ends:
// the loop is already spinning when the goroutine that would end it is
// started.
func TestAsyncPreemption(t *testing.T) {
	exe := testutil.BuildExample(t, "preempt_loop")
	for i := 0; i < runsOf(20); i++ {
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 0 || out != "preempted ok\n" {
			t.Fatalf("run %d: exit %d, err %v, stdout %q, stderr %q", i, code, err, out, errOut)
		}
	}
	expectHang(t, exe, "P9DEBUG=asyncpreemptoff=1")
}

// expectHang runs exe at GOMAXPROCS=1 with env added and checks that it is
// still running after 3 seconds: what the program shows cannot happen
// without the feature env switches off.
func expectHang(t *testing.T, exe string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), append([]string{"GOMAXPROCS=1"}, env...)...)
	out, _ := cmd.CombinedOutput()
	if ctx.Err() == nil {
		t.Errorf("%s with %v finished (output %q); it cannot without preemption, so the test does not test preemption",
			filepath.Base(exe), env, out)
	}
}

// cpuHas reports whether /proc/cpuinfo lists every flag.
func cpuHas(t *testing.T, flags ...string) bool {
	t.Helper()
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no /proc/cpuinfo: %v", err)
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(info), "\n") {
		if name, list, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			for _, f := range strings.Fields(list) {
				have[f] = true
			}
			break
		}
	}
	for _, f := range flags {
		if !have[f] {
			return false
		}
	}
	return true
}

// TestPreemptionKeepsVectorState: goroutines holding all-ones in every
// vector register (Y0-Y15; Z0-Z31 and K0-K7 with AVX-512) take turns
// with goroutines zeroing them, by asynchronous preemption only; every
// bit must survive, at GOMAXPROCS 1, 2 and 4.
func TestPreemptionKeepsVectorState(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string // the CPU's
		args  []string // p9ld's
	}{
		{"avx2", []string{"avx2"}, nil},
		{"avx512", []string{"avx512f", "avx512bw"}, []string{"-D", "AVX512"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !cpuHas(t, tc.flags...) {
				t.Skipf("the CPU lacks %v", tc.flags)
			}
			exe := filepath.Join(t.TempDir(), "vecstate")
			testutil.MustRun(t, testutil.RepoRoot, "p9ld", append(tc.args, "-o", exe, "tests/runtime/testdata/vecstate.s")...)
			for _, procs := range []int{1, 2, 4} {
				for i := 0; i < runsOf(20); i++ {
					out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 30*time.Second)
					if err != nil || code != 0 || out != "-1\n" {
						t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stdout %q (want -1: every bit kept), stderr %q",
							procs, i, code, err, out, errOut)
					}
				}
			}
			expectHang(t, exe, "P9DEBUG=asyncpreemptoff=1")
		})
	}
}

// TestPreemptionKeepsRedZone: gcc code keeping a local in the red zone
// below its stack pointer is preempted in its loop (the program cannot
// finish otherwise), and the local survives.
func TestPreemptionKeepsRedZone(t *testing.T) {
	testutil.NeedTool(t, "gcc", "objdump")
	dir := t.TempDir()
	src := filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", "redzone.c")
	obj := filepath.Join(dir, "redzone.o")
	testutil.MustRun(t, dir, "gcc", "-O2", "-fno-pic", "-fno-stack-protector", "-ffreestanding", "-c", src, "-o", obj)
	// The test means something only if gcc put the local below SP.
	if dis := testutil.MustRun(t, dir, "objdump", "-d", obj).Stdout; !regexp.MustCompile(`\$0x1234,-0x[0-9a-f]+\(%rsp\)`).MatchString(dis) {
		t.Fatalf("gcc did not keep the local in the red zone:\n%s", dis)
	}
	exe := buildRuntimeProgram(t, "redzone", obj)
	for i := 0; i < runsOf(20); i++ {
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 0 || out != "4660\n" {
			t.Fatalf("run %d: exit %d, err %v, stdout %q (want 4660), stderr %q", i, code, err, out, errOut)
		}
	}
	expectHang(t, exe, "P9DEBUG=asyncpreemptoff=1")
}

// runsOf scales a run count down under -short.
func runsOf(n int) int {
	if testing.Short() {
		return max(1, n/5)
	}
	return n
}

// mixChecksum is what tests/runtime/testdata/checksum.s computes for one
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
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/checksum.s")
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
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 60*time.Second)
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

// TestSleepsOverlap: 100 goroutines sleeping 10 ms each on one P finish
// together, because a sleeping goroutine is parked on a timer, not
// blocked in the kernel. (A C call blocked in the kernel giving up its P
// is TestAsmcgocall's.)
func TestSleepsOverlap(t *testing.T) {
	exe := testutil.BuildExample(t, "sleep")
	re := regexp.MustCompile(`^slept 100 in (\d+) ms\n$`)
	for i := 0; i < runsOf(20); i++ {
		start := time.Now()
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
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
	exe := testutil.LinkProgram(t, `#include "textflag.h"
// main sleeps 10 ms ten times.
TEXT main·main(SB), NOSPLIT, $16-0
	MOVQ	$10, n-8(SP)
again:
	MOVL	$10000, 0(SP)
	CALL	runtime·usleep(SB)
	DECQ	n-8(SP)
	JNE	again
	RET
`)
	cmd := exec.Command(exe)
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
		// holds a goroutine, and the threads are m0, sysmon and at most
		// one more for each of the other Ps (Ms that looked for work,
		// or ran the timer that woke main; Go's own trace of this
		// program shows 5 threads too). A sleep holds no thread. An M
		// still looking for work (spinning) holds a P it has found
		// nothing for: that P counts as idle here (at start-up, about
		// one run in five shows one).
		idle, _ := strconv.Atoi(m[2])
		threads, _ := strconv.Atoi(m[3])
		spinning, _ := strconv.Atoi(m[4])
		if idle+spinning < 2 || spinning > 1 || threads < 2 || threads > 5 || m[6] != "0" || m[7] != "0" || m[8] != "0" || m[9] != "0" {
			t.Errorf("line %q: want idleprocs (with a spinning M's P) >= 2, 2-5 threads, empty queues", l)
		}
	}
	if last < 50 {
		t.Errorf("the last line is at %d ms of a run of about 100 ms", last)
	}
}

// TestInitTrace: P9DEBUG=inittrace=1 prints one line per package init.
func TestInitTrace(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·init(SB), NOSPLIT, $0
	RET
TEXT other·init(SB), NOSPLIT, $0
	RET
TEXT main·main(SB), NOSPLIT, $0
	RET
`)
	cmd := exec.Command(exe)
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

// TestStackCanary: a store over the canary at the bottom of a goroutine's
// stack segment (an overrun no stack-split prologue saw) ends the program
// at the goroutine's next switch, with a traceback from there.
func TestStackCanary(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"
TEXT main·main(SB), NOSPLIT, $0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	(g_stack+stack_lo)(AX), AX
	MOVQ	$1, 0(AX)	// the canary
	CALL	runtime·Gosched(SB)
	RET
`)
	out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 10*time.Second)
	if err != nil || code != 2 || out != "" {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q; want exit 2", code, err, out, errOut)
	}
	if frames, _ := parseTraceback(t, errOut, "fatal error: stack overflow"); !hasFrame(frames, "main.main", "p.s", "9") {
		t.Errorf("the traceback does not name main.main at p.s:9, the switch that found the canary changed:\n%s", errOut)
	}
}

// TestUnexpectedSignal: any other fault names the signal, the address and
// the instruction.
func TestUnexpectedSignal(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), NOSPLIT, $0
	MOVQ	$0x10, AX
	MOVQ	$1, 0(AX)
	RET
`)
	out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 10*time.Second)
	if err != nil || code != 2 || out != "" {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q; want exit 2", code, err, out, errOut)
	}
	re := regexp.MustCompile(`^fatal error: unexpected signal 11 addr=0x10 pc=0x[0-9a-f]+\n`)
	if !re.MatchString(errOut) {
		t.Errorf("stderr %q does not match %v", errOut, re)
	}
	header := errOut[:strings.Index(errOut, "\n")]
	if frames, _ := parseTraceback(t, errOut, header); !hasFrame(frames, "main.main", "p.s", "4") {
		t.Errorf("the traceback does not name main.main at p.s:4, the faulting store:\n%s", errOut)
	}
}

// TestCooperativePreemption: with signals off, a goroutine that keeps
// calling a function with a stack-split prologue is stopped there: sysmon
// poisons its stackguard0 and morestack reschedules it. The program says
// how many calls ran before; the same program with the prologue taken
// away (tick made NOSPLIT) never finishes.
func TestCooperativePreemption(t *testing.T) {
	exe := testutil.BuildExample(t, "preempt_call")
	re := regexp.MustCompile(`^preempted ok\npreempted after (\d+) calls\n$`)
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
		m := re.FindStringSubmatch(string(out))
		if err != nil || m == nil {
			t.Fatalf("run %d: %v, stdout %q, want %v", i, err, out, re)
		}
		if n, _ := strconv.Atoi(m[1]); n <= 1 {
			t.Errorf("run %d: preempted after %d calls: the loop was not running when the setter started", i, n)
		}
	}

	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot, "examples", "preempt_call.s"))
	if err != nil {
		t.Fatal(err)
	}
	const prologue = "TEXT main·tick(SB), $8-0"
	if !strings.Contains(string(src), prologue) {
		t.Fatalf("examples/preempt_call.s has no %q", prologue)
	}
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"p.s": strings.Replace(string(src), prologue, "TEXT main·tick(SB), NOSPLIT, $8-0", 1)})
	testutil.MustRun(t, dir, "p9ld", "-o", "p", "p.s")
	expectHang(t, filepath.Join(dir, "p"), "P9DEBUG=asyncpreemptoff=1")
}

// TestStackOverflow: unbounded recursion through stack-split prologues
// ends at the 1 GB stack limit with "fatal error: stack overflow" and exit
// status 2, whatever GOMAXPROCS.
func TestStackOverflow(t *testing.T) {
	exe := testutil.BuildExample(t, "overflow")
	for _, procs := range []int{1, 4} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 60*time.Second)
		if err != nil || code != 2 || out != "" {
			t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %.2000q; want exit 2", procs, code, err, out, errOut)
		}
		limit := stackLimitLines.FindString(errOut)
		if limit == "" {
			t.Fatalf("GOMAXPROCS=%d: no stack limit lines:\n%.2000s", procs, errOut)
		}
		if frames, _ := parseTraceback(t, errOut[len(limit):], "fatal error: stack overflow"); !hasFrame(frames, "main.recurse", "examples/overflow.s", "17") {
			t.Errorf("GOMAXPROCS=%d: the traceback has no main.recurse at overflow.s:17:\n%s", procs, errOut)
		}
	}
}
