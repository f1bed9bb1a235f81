// checksum: 8 goroutines each mix 14 registers through ITERS rounds of a
// call-free loop and print the result; only asynchronous preemption lets
// them take turns on one P. Each prints "<id> <checksum> <started>", where
// started is how many goroutines had started when it finished: below 8
// for the first finisher means no interleaving happened.

#include "textflag.h"
#include "test.h"

#define G	8
#define ITERS	20000000

GLOBL main·started(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MAKECHAN($G)
	MOVQ	AX, main·done(SB)
	MOVQ	$0, i-8(SP)
spawn:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·mixer(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	i-8(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $G
	JLT	spawn
	MOVQ	$G, i-8(SP)
wait:
	CHANRECV(main·done(SB), v-16(SP))
	DECQ	i-8(SP)
	JNE	wait
	RET

// mixer: closure {fn, id}.
TEXT main·mixer(SB), NOSPLIT, $40-0
	MOVQ	8(DX), AX
	MOVQ	AX, id-8(SP)
	LOCK
	INCQ	main·started(SB)
	// Seed every register from the id.
	MOVQ	id-8(SP), AX
	LEAQ	1(AX), BX
	LEAQ	2(AX), CX
	LEAQ	3(AX), DX
	LEAQ	4(AX), SI
	LEAQ	5(AX), DI
	LEAQ	6(AX), R8
	LEAQ	7(AX), R9
	LEAQ	8(AX), R10
	LEAQ	9(AX), R11
	LEAQ	10(AX), R12
	LEAQ	11(AX), R13
	LEAQ	12(AX), R14
	LEAQ	13(AX), R15
	MOVQ	$ITERS, BP
loop:
	ADDQ	BX, AX
	XORQ	CX, BX
	ROLQ	$7, CX
	ADDQ	DX, CX
	XORQ	SI, DX
	ADDQ	DI, SI
	ROLQ	$13, DI
	XORQ	R8, DI
	ADDQ	R9, R8
	XORQ	R10, R9
	ROLQ	$17, R10
	ADDQ	R11, R10
	XORQ	R12, R11
	ADDQ	R13, R12
	ROLQ	$29, R13
	XORQ	R14, R13
	ADDQ	R15, R14
	XORQ	AX, R15
	DECQ	BP
	JNE	loop
	// Fold them into one word.
	XORQ	BX, AX
	XORQ	CX, AX
	XORQ	DX, AX
	XORQ	SI, AX
	XORQ	DI, AX
	XORQ	R8, AX
	XORQ	R9, AX
	XORQ	R10, AX
	XORQ	R11, AX
	XORQ	R12, AX
	XORQ	R13, AX
	XORQ	R14, AX
	XORQ	R15, AX
	MOVQ	AX, sum-16(SP)
	MOVQ	main·started(SB), AX
	MOVQ	AX, started-24(SP)
	// One line: "<id> <sum> <started>\n".
	MOVQ	id-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	sum-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	started-24(SP), AX
	MOVQ	AX, 16(SP)
	CALL	main·report(SB)
	CHANSEND(main·done(SB), sum-16(SP))
	RET

// report(id, sum, started int64) prints one line with one write: the
// numbers in decimal (sum as unsigned), separated by spaces.
TEXT main·report(SB), NOSPLIT, $96-24
	LEAQ	end-0(SP), DI
	DECQ	DI
	MOVB	$'\n', 0(DI)
	MOVQ	started+16(FP), AX
	CALL	main·digits(SB)
	DECQ	DI
	MOVB	$' ', 0(DI)
	MOVQ	sum+8(FP), AX
	CALL	main·digits(SB)
	DECQ	DI
	MOVB	$' ', 0(DI)
	MOVQ	id+0(FP), AX
	CALL	main·digits(SB)
	MOVQ	DI, 0(SP)
	LEAQ	end-0(SP), AX
	SUBQ	DI, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·printstring(SB)
	RET

// digits writes AX in decimal (unsigned) ending just below DI, and moves
// DI to the first digit.
TEXT main·digits(SB), NOSPLIT, $0
	MOVQ	$10, CX
next:
	MOVQ	$0, DX
	DIVQ	CX
	ADDL	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	TESTQ	AX, AX
	JNE	next
	RET
