// preempt_call: goroutine A loops calling a small function until a flag is
// set; goroutine B sets the flag. main starts B only once A is in its
// loop, so with one P, B runs only if A is made to yield: sysmon sees A
// running for 10 ms and poisons its stackguard0, so the next stack-split
// prologue (in tick) enters morestack, which reschedules A (cooperative
// preemption, as Go before 1.14 did it). Prints "preempted ok" and how
// many calls A made before B ran.
//
//	p9ld -o preempt_call examples/preempt_call.s
//	GOMAXPROCS=1 P9DEBUG=asyncpreemptoff=1 ./preempt_call

#include "textflag.h"

GLOBL main·flag(SB), NOPTR, $8
GLOBL main·started(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8
GLOBL main·ticks(SB), NOPTR, $8
// The calls A had made when B ran.
GLOBL main·before(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	LEAQ	main·loopfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	// Yield until the loop is running.
wait:
	CALL	runtime·Gosched(SB)
	CMPQ	main·started(SB), $0
	JEQ	wait
	LEAQ	main·setterfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	LEAQ	ok<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$13, 8(SP)
	CALL	runtime·printstring(SB)
	LEAQ	after<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$16, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	main·before(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	calls<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$7, 8(SP)
	CALL	runtime·printstring(SB)
	RET

DATA ok<>+0(SB)/8, $"preempte"
DATA ok<>+8(SB)/5, $"d ok\n"
GLOBL ok<>(SB), RODATA|NOPTR, $13
DATA after<>+0(SB)/8, $"preempte"
DATA after<>+8(SB)/8, $"d after "
GLOBL after<>(SB), RODATA|NOPTR, $16
DATA calls<>+0(SB)/7, $" calls\n"
GLOBL calls<>(SB), RODATA|NOPTR, $7

DATA main·loopfn+0(SB)/8, $main·loop(SB)
GLOBL main·loopfn(SB), RODATA, $8
DATA main·setterfn+0(SB)/8, $main·setter(SB)
GLOBL main·setterfn(SB), RODATA, $8

// loop calls tick until the flag is set, then reports.
TEXT main·loop(SB), NOSPLIT, $24-0
	MOVQ	$1, main·started(SB)
again:
	CALL	main·tick(SB)
	CMPQ	main·flag(SB), $0
	JEQ	again
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

// tick is not NOSPLIT (and calls a function, so it is no leaf): it starts
// with a stack-split prologue.
TEXT main·tick(SB), $8-0
	CALL	main·count(SB)
	RET

TEXT main·count(SB), NOSPLIT, $0-0
	INCQ	main·ticks(SB)
	RET

// setter notes how many calls the loop made, and sets the flag.
TEXT main·setter(SB), NOSPLIT, $0-0
	MOVQ	main·ticks(SB), AX
	MOVQ	AX, main·before(SB)
	MOVQ	$1, main·flag(SB)
	RET
