package baremetal_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestPVHPreempt: the LAPIC timer makes the machine preemptive. With one
// P, a goroutine in a loop with no calls (preempt_loop) and one calling a
// non-NOSPLIT function (preempt_call) give way to the goroutine that ends
// them, on one, two and four CPUs: on one, sysmon's thread gets the CPU
// only because the timer interrupt takes it from the looping thread, and
// the loop then stops because the handler injects asyncPreempt (or
// sysmon's poisoned stack guard stops the calls). Each case runs several
// times; main resumes and the machine exits 0.
func TestPVHPreempt(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	const runs = 3
	for _, name := range []string{"preempt_loop", "preempt_call"} {
		img := testutil.LinkPVH(t, dir, name, "examples/"+name+".s")
		for _, c := range []struct{ smp, env string }{
			{"1", "GOMAXPROCS=1"},
			{"2", "GOMAXPROCS=1"},
			{"4", "GOMAXPROCS=1"},
			// Two Ms on one CPU: the thread running the loop is
			// switched out at the end of its time slice.
			{"1", "GOMAXPROCS=2"},
		} {
			t.Run(fmt.Sprintf("%s-smp%s-%s", name, c.smp, c.env), func(t *testing.T) {
				for i := 0; i < runs; i++ {
					serial, code := boot(t, img, "-smp", c.smp, "-append", c.env)
					if len(serial) < 13 || serial[:13] != "preempted ok\n" || code != 1 {
						t.Fatalf("run %d: serial %q, status %d; want \"preempted ok\", status 1", i, serial, code)
					}
				}
			})
		}
	}
}

// redZoneSource: a goroutine keeps a pattern in the 128 bytes below its
// stack pointer (the red zone gcc's leaf functions use) while it spins
// with no calls, until a second goroutine, which runs only if the first is
// preempted, sets a flag after sleeping 30 ms. Timer interrupts and the
// injected asyncPreempt must leave the red zone alone: the interrupt frame
// goes on the CPU's interrupt stack, asyncPreempt below the red zone.
const redZoneSource = `#include "textflag.h"
#include "test.h"

GLOBL main·flag(SB), NOPTR, $8
GLOBL main·started(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($0)
	MOVQ	AX, main·done(SB)
	GO(spinnerfn<>(SB))
wait:
	CALL	runtime·Gosched(SB)
	CMPQ	main·started(SB), $0
	JEQ	wait
	GO(setterfn<>(SB))
	CHANRECV(main·done(SB), v-8(SP))
	PRINT_INT(v-8(SP))
	CALL	runtime·printnl(SB)
	RET

TEXT main·spinner(SB), NOSPLIT, $24-0
	MOVQ	$0x1122334455667788, AX
	MOVQ	SP, DI
	SUBQ	$128, DI
	MOVQ	$16, CX
fill:
	MOVQ	AX, -8(DI)(CX*8)
	DECQ	CX
	JNE	fill
	MOVQ	$1, main·started(SB)
	MOVQ	$0, BX	// words found changed
spin:
	MOVQ	$16, CX
check:
	CMPQ	AX, -8(DI)(CX*8)
	JEQ	same
	INCQ	BX
	MOVQ	AX, -8(DI)(CX*8)
same:
	DECQ	CX
	JNE	check
	CMPQ	main·flag(SB), $0
	JEQ	spin
	MOVQ	BX, v-8(SP)
	CHANSEND(main·done(SB), v-8(SP))
	RET

TEXT main·setter(SB), NOSPLIT, $8-0
	MOVL	$30000, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	$1, main·flag(SB)
	RET

DATA spinnerfn<>+0(SB)/8, $main·spinner(SB)
GLOBL spinnerfn<>(SB), RODATA, $8
DATA setterfn<>+0(SB)/8, $main·setter(SB)
GLOBL setterfn<>(SB), RODATA, $8
`

// TestPVHRedZone: interrupts and asynchronous preemption never write the
// 128 bytes below a goroutine's stack pointer; the program prints how
// many words of its red zone it found changed.
func TestPVHRedZone(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "redzone.s")
	if err := os.WriteFile(src, []byte(redZoneSource), 0o644); err != nil {
		t.Fatal(err)
	}
	img := testutil.LinkPVH(t, dir, "redzone", src)
	for _, smp := range []string{"1", "2"} {
		serial, code := boot(t, img, "-smp", smp, "-append", "GOMAXPROCS=1")
		if serial != "0\n" || code != 1 {
			t.Errorf("-smp %s: serial %q, status %d; want \"0\" (no word changed), status 1", smp, serial, code)
		}
	}
}
