// gcchurn: N times (10,000,000, or the first command-line argument),
// malloc a 64-byte block, write each of its eight words, and forget it,
// as a Go program does. Prints "gcchurn <N> <ns/op>". Without a collector
// the program grows by 64 bytes a block; with one it stays small.
//
//	p9ld -o gcchurn examples/gcchurn.s && ./gcchurn [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define N	10000000
#define SIZE	64

GLOBL main·n(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$N, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, $1
	JGE	setn
	MOVQ	$1, AX
setn:
	MOVQ	AX, main·n(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$0, i-16(SP)
loop:
	MOVQ	$SIZE, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	i-16(SP), AX
	MOVQ	AX, 0(DI)
	MOVQ	AX, 8(DI)
	MOVQ	AX, 16(DI)
	MOVQ	AX, 24(DI)
	MOVQ	AX, 32(DI)
	MOVQ	AX, 40(DI)
	MOVQ	AX, 48(DI)
	MOVQ	AX, 56(DI)
	MOVQ	i-16(SP), AX
	INCQ	AX
	MOVQ	AX, i-16(SP)
	CMPQ	AX, main·n(SB)
	JLT	loop

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$7, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/7, $"gcchurn"
GLOBL name<>(SB), RODATA|NOPTR, $7
