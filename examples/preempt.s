// preempt: how long a goroutine spinning in a loop with no calls keeps
// another from running. N times, a spinner starts and spins on a flag;
// once it spins, main starts a setter that sets the flag. With one P the
// setter runs only when sysmon has the spinner preempted, so a round is
// one asynchronous preemption: sysmon's 10 ms, the signal, the saving of
// every register and the XSAVE state, the switch, and back. Prints
// "preempt <N> <ns per round>".
//
//	p9ld -o preempt examples/preempt.s && GOMAXPROCS=1 ./preempt

#include "textflag.h"
#include "bench.h"

#define N	20

GLOBL main·flag(SB), NOPTR, $8
GLOBL main·started(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$N, n-16(SP)
round:
	MOVQ	$0, main·flag(SB)
	MOVQ	$0, main·started(SB)
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
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	n-16(SP)
	JNE	round
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$7, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/7, $"preempt"
GLOBL name<>(SB), RODATA|NOPTR, $7

DATA main·spinnerfn+0(SB)/8, $main·spinner(SB)
GLOBL main·spinnerfn(SB), RODATA, $8
DATA main·setterfn+0(SB)/8, $main·setter(SB)
GLOBL main·setterfn(SB), RODATA, $8

// spinner waits for the flag without calling anything, then tells main.
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

TEXT main·setter(SB), NOSPLIT, $0-0
	MOVQ	$1, main·flag(SB)
	RET
