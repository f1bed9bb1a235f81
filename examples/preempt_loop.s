// preempt_loop: goroutine A spins in a loop with no calls until a flag is
// set; goroutine B sets the flag. main starts B only once A is spinning,
// so with one P, B runs only if A is stopped from outside: sysmon sees A
// running for 10 ms and sends its thread SIGURG, and the signal handler
// makes A yield (asynchronous preemption). Prints "preempted ok"; with
// P9DEBUG=asyncpreemptoff=1 and one P it never finishes.
//
//	p9ld -o preempt_loop examples/preempt_loop.s && GOMAXPROCS=1 ./preempt_loop

#include "textflag.h"

GLOBL main·flag(SB), NOPTR, $8
GLOBL main·started(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	LEAQ	main·spinnerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	// Yield until the spinner is in its loop.
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
	RET

DATA ok<>+0(SB)/8, $"preempte"
DATA ok<>+8(SB)/5, $"d ok\n"
GLOBL ok<>(SB), RODATA|NOPTR, $13

DATA main·spinnerfn+0(SB)/8, $main·spinner(SB)
GLOBL main·spinnerfn(SB), RODATA, $8
DATA main·setterfn+0(SB)/8, $main·setter(SB)
GLOBL main·setterfn(SB), RODATA, $8

// spinner waits for the flag without calling anything, then reports.
TEXT main·spinner(SB), NOSPLIT, $24-0
	MOVQ	$1, main·started(SB)
spin:
	CMPQ	main·flag(SB), $0
	JEQ	spin
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

// setter sets the flag.
TEXT main·setter(SB), NOSPLIT, $0-0
	MOVQ	$1, main·flag(SB)
	RET
