// allocchurn: N times (10,000,000, or the first command-line argument),
// malloc a 64-byte block, write each of its eight words, and free it.
// Prints "allocchurn <N> <ns/op>". An allocator that reuses a freed block
// keeps the program small; one that never frees grows by 64 bytes a
// block.
//
//	p9ld -o allocchurn examples/allocchurn.s && ./allocchurn [N]

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
	MOVQ	DI, 0(SP)
	CALL	runtime·free(SB)
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
	MOVQ	$10, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"allocchu"
DATA name<>+8(SB)/2, $"rn"
GLOBL name<>(SB), RODATA|NOPTR, $10
