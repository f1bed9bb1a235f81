package baremetal_test

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// clockSource prints "clock N" (the TSC rate's source, pvhclocksrc), then
// busy-waits MS milliseconds by runtime·nanotime and prints "busy", then
// sleeps MS milliseconds (runtime·timeSleep) and prints "slept".
const clockSource = `#include "textflag.h"
#include "test.h"

TEXT main·main(SB), $24-0
	PRINT_STRING(clock<>(SB), 6)
	PRINT_INT(runtime·pvhclocksrc(SB))
	CALL	runtime·printnl(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	$(MS*1000000), AX	// a 64-bit immediate: MS*10^6 may not fit in 32 bits
	ADDQ	0(SP), AX
	MOVQ	AX, end-8(SP)
spin:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, end-8(SP)
	JLT	spin
	PRINT_STRING(busy<>(SB), 5)
	MOVQ	$(MS*1000000), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·timeSleep(SB)
	PRINT_STRING(slept<>(SB), 6)
	RET

DATA clock<>+0(SB)/6, $"clock "
GLOBL clock<>(SB), RODATA, $8
DATA busy<>+0(SB)/5, $"busy\n"
GLOBL busy<>(SB), RODATA, $8
DATA slept<>+0(SB)/6, $"slept\n"
GLOBL slept<>(SB), RODATA, $8
`

// guestClock boots img and returns, by the host's clock, how long the
// guest took to busy-wait and to sleep its interval, and the clock line.
func guestClock(t *testing.T, img string, extra ...string) (clock string, busy, slept time.Duration) {
	t.Helper()
	qemu := needQEMU(t)
	args := append([]string{"-accel", "tcg", "-kernel", img, "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"}, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), qemuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, qemu, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var t0, t1, t2 time.Time
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line, now := sc.Text(), time.Now()
		switch {
		case strings.HasPrefix(line, "clock "):
			clock, t0 = line, now
		case line == "busy":
			t1 = now
		case line == "slept":
			t2 = now
		}
	}
	cmd.Wait()
	if t0.IsZero() || t1.IsZero() || t2.IsZero() {
		t.Fatalf("the guest did not print its three lines (context: %v)", ctx.Err())
	}
	return clock, t1.Sub(t0), t2.Sub(t1)
}

// TestPVHClock: the guest's clock agrees with the host's: 2 s of busy
// waiting by runtime·nanotime and 2 s of sleep take 2 s by the host's
// clock, within 10%, on one CPU and on two, and on microvm.
//
// A machine whose figures are off gets a second boot, and fails only if
// that one is off too. With other test packages running beside it (as
// go test ./... runs them), about one boot of pc -smp 2 in eight slept
// 0.6-1.6 s long while its busy wait was on time; alone, or beside
// processes that only spin, none of 18 did. A clock that runs fast or
// slow is off on every boot and still fails; the long sleeps are logged.
func TestPVHClock(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "clock.s")
	writeFile(t, src, clockSource)
	img := filepath.Join(dir, "clock.img")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", "pvh", "-I", testutil.HeaderDir, "-D", "MS=2000", "-o", img, src)
	for _, machine := range [][]string{{"-smp", "1"}, {"-smp", "2"}, {"-M", "microvm", "-smp", "2"}} {
		var off []string
		for boot := 1; boot <= 2; boot++ {
			clock, busy, slept := guestClock(t, img, machine...)
			t.Logf("%v, boot %d: %s; 2 s busy took %v, 2 s asleep %v by the host's clock", machine, boot, clock, busy, slept)
			off = off[:0]
			for _, d := range []time.Duration{busy, slept} {
				if d < 1800*time.Millisecond || d > 2200*time.Millisecond {
					off = append(off, fmt.Sprintf("%v: 2 s by the guest's clock took %v by the host's, more than 10%% off", machine, d))
				}
			}
			if len(off) == 0 {
				break
			}
		}
		for _, e := range off {
			t.Error(e)
		}
	}
}
