// hotsplit: a goroutine whose frame nearly fills its first stack segment
// calls a function with a 256-byte frame N times (10,000,000, or the first
// command-line argument): every call finds too little room and runs on a
// new segment, and every return leaves it (a "hot split"). The segment
// left is kept for the next call, so after the first nothing is
// allocated. Prints "hotsplit <N> <ns per call>".
//
// Go's stacks grow by copying and stay grown: there, only the first call
// pays. bench/peers/hotsplit does the same work in Go.
//
//	p9ld -o hotsplit examples/hotsplit.s && ./hotsplit [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define N	10000000

GLOBL main·n(SB), NOPTR, $8
GLOBL main·donec(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$N, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·n(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·donec(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	LEAQ	main·hotfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	CMPQ	AX, $1
	JGE	report
	MOVQ	$1, AX
report:
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$8, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"hotsplit"
GLOBL name<>(SB), RODATA|NOPTR, $8

DATA main·hotfn+0(SB)/8, $main·hot(SB)
GLOBL main·hotfn(SB), RODATA, $8

// hot's 1000-byte frame leaves less room than leaf's prologue asks for
// (its 256-byte frame and the 928-byte guard): each call of leaf splits.
TEXT main·hot(SB), $1000-0
	MOVQ	main·n(SB), CX
	MOVQ	CX, n-8(SP)
	MOVQ	$0, sum-16(SP)
loop:
	CMPQ	n-8(SP), $0
	JLE	done
	MOVQ	n-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·leaf(SB)
	MOVQ	8(SP), AX
	ADDQ	AX, sum-16(SP)
	DECQ	n-8(SP)
	JMP	loop
done:
	// The sum of n+1 over n = N..1, checked: results came back each time.
	MOVQ	main·n(SB), AX
	LEAQ	3(AX), CX
	IMULQ	AX, CX
	SHRQ	$1, CX
	CMPQ	CX, sum-16(SP)
	JEQ	ok
	CALL	runtime·abort(SB)
ok:
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

// leaf(n) returns n+1, writing the ends of its 256-byte frame.
TEXT main·leaf(SB), $256-16
	MOVQ	n+0(FP), AX
	MOVQ	AX, hi-8(SP)
	MOVQ	AX, lo-256(SP)
	INCQ	AX
	MOVQ	AX, ret+8(FP)
	RET
