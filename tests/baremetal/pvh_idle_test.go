package baremetal_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// sleepersSource: 10 goroutines each sleep 200 ms; main prints how many
// milliseconds (by nanotime) it took for all of them to finish.
const sleepersSource = `#include "textflag.h"
#include "test.h"

#define N	10
#define US	200000

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MAKECHAN($N)
	MOVQ	AX, main·done(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$N, i-16(SP)
spawn:
	GO(sleeperfn<>(SB))
	DECQ	i-16(SP)
	JNE	spawn
	MOVQ	$N, i-16(SP)
collect:
	CHANRECV(main·done(SB), v-24(SP))
	DECQ	i-16(SP)
	JNE	collect
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

TEXT main·sleeper(SB), NOSPLIT, $24-0
	MOVL	$US, 0(SP)
	CALL	runtime·usleep(SB)
	CHANSEND(main·done(SB), v-8(SP))
	RET

DATA sleeperfn<>+0(SB)/8, $main·sleeper(SB)
GLOBL sleeperfn<>(SB), RODATA, $8
`

// TestPVHSleepers: with one CPU, 10 goroutines sleeping 200 ms each finish
// in at most 300 ms by the machine's clock: the idle M's deadline (osidle)
// is the LAPIC timer's, not slices of a millisecond.
func TestPVHSleepers(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "sleepers.s")
	writeFile(t, src, sleepersSource)
	img := testutil.LinkPVH(t, dir, "sleepers", src)
	serial, code := boot(t, img, "-smp", "1")
	m := regexp.MustCompile(`^(\d+)\n$`).FindStringSubmatch(serial)
	if m == nil || code != 1 {
		t.Fatalf("serial %q, status %d; want a number of milliseconds, status 1", serial, code)
	}
	ms, _ := strconv.Atoi(m[1])
	t.Logf("10 sleeps of 200 ms took %d ms", ms)
	if ms < 200 || ms > 300 {
		t.Errorf("10 sleeps of 200 ms took %d ms by the machine's clock; want 200-300", ms)
	}
}

// sleptMS runs f up to n times and returns the least of the times it
// reports in "slept 100 in <ms> ms".
func sleptMS(t *testing.T, n int, f func() string) int {
	t.Helper()
	best := -1
	re := regexp.MustCompile(`slept 100 in (\d+) ms\n`)
	for i := 0; i < n; i++ {
		out := f()
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("output %q; want \"slept 100 in <n> ms\"", out)
		}
		ms, _ := strconv.Atoi(m[1])
		if best < 0 || ms < best {
			best = ms
		}
	}
	return best
}

// TestPVHSleepsOverlap: examples/sleep.s (100 goroutines sleeping 10 ms)
// finishes on one and two CPUs about as soon as on Linux with one P (the
// best of three runs each, by each one's own clock, logged): the sleeps
// overlap, where before the bare-metal timers they took about 1 s.
func TestPVHSleepsOverlap(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	exe := filepath.Join(dir, "sleep")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/sleep.s")
	linux := sleptMS(t, 3, func() string {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("sleep on Linux: %v", err)
		}
		return string(out)
	})
	img := testutil.LinkPVH(t, dir, "sleep", "examples/sleep.s")
	for _, smp := range []string{"1", "2"} {
		pvh := sleptMS(t, 3, func() string {
			serial, code := boot(t, img, "-smp", smp, "-append", "GOMAXPROCS=1")
			if code != 1 {
				t.Fatalf("-smp %s: status %d, serial %q", smp, code, serial)
			}
			return serial
		})
		// The ratio to Linux is a measurement (README: 11-19 ms against
		// 10-14 under QEMU TCG), not a pass mark: a few milliseconds of
		// emulation noise doubles it. What must hold is that the sleeps
		// overlap: one after another they take 1,000 ms.
		t.Logf("-smp %s: %d ms; Linux %d ms", smp, pvh, linux)
		if pvh > 200 {
			t.Errorf("-smp %s: 100 sleeps of 10 ms took %d ms (Linux %d ms): they did not overlap", smp, pvh, linux)
		}
	}
}

// idleSource sleeps 2 s on the main goroutine.
const idleSource = `#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $8-0
	MOVL	$2000000, 0(SP)
	CALL	runtime·usleep(SB)
	RET
`

// TestPVHIdleHalts: CPUs with nothing to run halt (HLT) until their LAPIC
// timer or an IPI, so a machine that sleeps 2 s on two CPUs costs QEMU
// far less than 2 s of processor time (CPUs spinning would cost 2-4 s).
func TestPVHIdleHalts(t *testing.T) {
	qemu := needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "idle.s")
	writeFile(t, src, idleSource)
	img := testutil.LinkPVH(t, dir, "idle", src)
	ctx, cancel := context.WithTimeout(context.Background(), qemuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, qemu, "-accel", "tcg", "-kernel", img, "-display", "none",
		"-serial", "stdio", "-monitor", "none", "-no-reboot", "-smp", "2",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04")
	var out bytes.Buffer
	cmd.Stdout = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("idle: %v, serial %q; want status 1", err, out.String())
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	t.Logf("a 2 s sleep on two CPUs: %v of QEMU's processor time in %v", cpu.Round(time.Millisecond), wall.Round(time.Millisecond))
	if wall < 2*time.Second || cpu > time.Second {
		t.Errorf("a 2 s sleep on two CPUs: %v of processor time in %v; want under 1 s in at least 2 s", cpu, wall)
	}
}

// TestPVHLockLostWakeup: tests/runtime/testdata/lostwake.s on bare metal,
// on one CPU (the Ms taking turns) and on two. A lock's sleep is a futex
// wait whose deadline the PVH futex keeps (runtime·futex's ts); without
// it the sleeper whose wake-up was lost would never run again.
func TestPVHLockLostWakeup(t *testing.T) {
	needQEMU(t)
	img := testutil.LinkPVH(t, t.TempDir(), "lostwake", "tests/runtime/testdata/lostwake.s")
	for _, smp := range []string{"1", "2"} {
		serial, code := boot(t, img, "-smp", smp, "-append", "GOMAXPROCS=2 P9DEBUG=asyncpreemptoff=1")
		if serial != "took the lock\n" || code != 1 {
			t.Errorf("-smp %s: serial %q, status %d; want \"took the lock\\n\", 1", smp, serial, code)
		}
	}
}
