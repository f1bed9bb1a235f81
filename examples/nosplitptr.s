// nosplitptr: with G goroutines alive and blocked (40,000, or the first
// command-line argument), a goroutine runs a NOSPLIT function that calls
// itself through a function pointer, without end. NOSPLIT functions have
// no stack check, and a call through a register hides the recursion from
// the linker's check of NOSPLIT call chains: only the runtime can stop
// it. The expected end is "fatal error: stack overflow" and exit status 2,
// whatever memory lies below the goroutine's stack.
//
//	p9ld -o nosplitptr examples/nosplitptr.s && ./nosplitptr [G]

#include "textflag.h"
#include "args.h"

#define G	40000

GLOBL main·n(SB), NOPTR, $8
GLOBL main·ready(SB), NOPTR, $8
GLOBL main·c(SB), NOPTR, $8		// never sent on
GLOBL main·readyc(SB), NOPTR, $8	// the last blocker to start sends here

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$G, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, $1
	JGE	setn
	MOVQ	$1, AX
setn:
	MOVQ	AX, main·n(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·c(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·readyc(SB)

	MOVQ	main·n(SB), AX
	MOVQ	AX, i-8(SP)
spawn:
	LEAQ	main·blockerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-8(SP)
	JNE	spawn
	MOVQ	main·readyc(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)

	// Every blocker is alive; start the runaway recursion and wait on
	// the channel no one sends on.
	LEAQ	main·runawayfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET

DATA main·blockerfn+0(SB)/8, $main·blocker(SB)
GLOBL main·blockerfn(SB), RODATA, $8

DATA main·runawayfn+0(SB)/8, $main·runaway(SB)
GLOBL main·runawayfn(SB), RODATA, $8

// blocker counts itself (the last one tells main) and blocks for good.
TEXT main·blocker(SB), $24-0
	MOVQ	$1, AX
	LOCK
	XADDQ	AX, main·ready(SB)
	INCQ	AX
	CMPQ	AX, main·n(SB)
	JNE	wait
	MOVQ	main·readyc(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
wait:
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET

// runaway calls itself through a function pointer, for ever: each call
// takes 40 bytes of stack (its 32-byte frame and the return address) and
// writes its frame.
TEXT main·runaway(SB), NOSPLIT, $32-0
	MOVQ	SP, 0(SP)
	MOVQ	SP, 24(SP)
	MOVQ	main·runawaypc(SB), AX
	CALL	AX
	RET

DATA main·runawaypc+0(SB)/8, $main·runaway(SB)
GLOBL main·runawaypc(SB), RODATA, $8
