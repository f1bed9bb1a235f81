// gcpause: the pause of a full collection with about 100 MB live: a list
// of N 64-byte blocks (1,600,000, or the first argument) reachable from a
// global, then runtime·GC timed three times. Prints "gcpause <N> <ns>",
// the fastest of the three.
//
//	p9ld -o gcpause examples/gcpause.s && ./gcpause [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define N	1600000

GLOBL main·n(SB), NOPTR, $8
GLOBL main·head(SB), NOPTR, $8
GLOBL main·best(SB), NOPTR, $8

TEXT main·main(SB), $48-0
	MOVQ	$N, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, $1
	JGE	setn
	MOVQ	$1, AX
setn:
	MOVQ	AX, main·n(SB)
	MOVQ	AX, i-8(SP)
build:
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	main·head(SB), AX
	MOVQ	AX, 0(DI)
	MOVQ	i-8(SP), AX
	MOVQ	AX, 8(DI)
	MOVQ	DI, main·head(SB)
	DECQ	i-8(SP)
	JNE	build

	MOVQ	$0x7fffffffffffffff, AX
	MOVQ	AX, main·best(SB)
	MOVQ	$3, i-8(SP)
again:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	CALL	runtime·GC(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-16(SP), AX
	CMPQ	AX, main·best(SB)
	JGE	notbest
	MOVQ	AX, main·best(SB)
notbest:
	DECQ	i-8(SP)
	JNE	again

	// report prints ns/N: pass the pause times N for the pause itself.
	MOVQ	main·best(SB), AX
	IMULQ	main·n(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$7, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/7, $"gcpause"
GLOBL name<>(SB), RODATA|NOPTR, $7
