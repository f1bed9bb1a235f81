// deeprec: a function with a 64-byte frame and a stack-split prologue
// calls itself D deep (1,000,000, or the first command-line argument),
// once on the main goroutine and once on a goroutine started for it.
// Prints "deeprec <D> <ns per call>", the mean over both recursions.
//
// Go's goroutine stacks grow, up to 1 GB: at D = 1,000,000 the recursion
// takes about 80 MB, and at 20,000,000 it passes the limit, where Go's
// runtime stops with "fatal error: stack overflow".
//
//	p9ld -o deeprec examples/deeprec.s && ./deeprec [D]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define D	1000000

GLOBL main·d(SB), NOPTR, $8
GLOBL main·donec(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$D, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·d(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·donec(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	main·d(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·rec(SB)
	LEAQ	main·recgfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	SHRQ	$1, AX		// the mean of the two recursions
	MOVQ	AX, 0(SP)
	MOVQ	main·d(SB), AX
	CMPQ	AX, $1
	JGE	report
	MOVQ	$1, AX
report:
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$7, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/7, $"deeprec"
GLOBL name<>(SB), RODATA|NOPTR, $7

DATA main·recgfn+0(SB)/8, $main·recg(SB)
GLOBL main·recgfn(SB), RODATA, $8

// recg recurses on a goroutine of its own, then tells main.
TEXT main·recg(SB), $16-0
	MOVQ	main·d(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·rec(SB)
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

// rec(d) calls rec(d-1) until d is 0. It writes the lowest and the
// highest word of its frame, so every frame's memory is touched.
TEXT main·rec(SB), $64-8
	MOVQ	d+0(FP), AX
	MOVQ	AX, top-8(SP)
	MOVQ	AX, 0(SP)
	CMPQ	AX, $0
	JLE	done
	DECQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·rec(SB)
done:
	RET
