// nanotime: N calls of runtime·nanotime, the monotonic clock (N from the
// first argument, default 10,000,000). Prints "nanotime <N> <ns per call>".
//
//	p9ld -o nanotime examples/nanotime.s && ./nanotime 1000000

#include "textflag.h"
#include "args.h"
#include "bench.h"

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$10000000, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, n-8(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	MOVQ	n-8(SP), AX
	MOVQ	AX, left-24(SP)
	// Each reading is kept (added up), as the Go twin keeps time.Now's.
	MOVQ	$0, sum-32(SP)
loop:
	CMPQ	left-24(SP), $0
	JLE	done
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	AX, sum-32(SP)
	DECQ	left-24(SP)
	JMP	loop
done:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	n-8(SP), AX
	CMPQ	AX, $0
	JGT	ops
	MOVQ	$1, AX	// no calls: no division by zero
ops:
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$8, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"nanotime"
GLOBL name<>(SB), RODATA|NOPTR, $8
