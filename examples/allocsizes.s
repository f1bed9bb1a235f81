// allocsizes: 4 goroutines, each making M allocations (2,000,000, or the
// first command-line argument) whose sizes go round the powers of two
// from 8 to 32,768 bytes; each block's first byte is written and the
// block freed. Prints "allocsizes <4*M> <ns per allocation>", the time
// from the first goroutine's start to the last one's end over all 4*M
// allocations.
//
//	p9ld -o allocsizes examples/allocsizes.s && GOMAXPROCS=4 ./allocsizes [M]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define M	2000000
#define WORKERS	4
#define NSIZES	13

GLOBL main·m(SB), NOPTR, $8
GLOBL main·donec(SB), NOPTR, $8	// each goroutine sends here when done

// The sizes, 8 << k for k = 0..12.
DATA main·sizes+0(SB)/8, $8
DATA main·sizes+8(SB)/8, $16
DATA main·sizes+16(SB)/8, $32
DATA main·sizes+24(SB)/8, $64
DATA main·sizes+32(SB)/8, $128
DATA main·sizes+40(SB)/8, $256
DATA main·sizes+48(SB)/8, $512
DATA main·sizes+56(SB)/8, $1024
DATA main·sizes+64(SB)/8, $2048
DATA main·sizes+72(SB)/8, $4096
DATA main·sizes+80(SB)/8, $8192
DATA main·sizes+88(SB)/8, $16384
DATA main·sizes+96(SB)/8, $32768
GLOBL main·sizes(SB), RODATA|NOPTR, $(NSIZES*8)

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$M, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, $1
	JGE	setm
	MOVQ	$1, AX
setm:
	MOVQ	AX, main·m(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$WORKERS, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·donec(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$WORKERS, w-16(SP)
spawn:
	LEAQ	main·workerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	w-16(SP)
	JNE	spawn

	MOVQ	$WORKERS, w-16(SP)
wait:
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	w-16(SP)
	JNE	wait

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·m(SB), AX
	IMULQ	$WORKERS, AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$10, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"allocsiz"
DATA name<>+8(SB)/2, $"es"
GLOBL name<>(SB), RODATA|NOPTR, $10

DATA main·workerfn+0(SB)/8, $main·worker(SB)
GLOBL main·workerfn(SB), RODATA, $8

// worker makes main·m allocations, going round the sizes, writes the
// first byte of each block and frees it, then tells main. It has a
// stack-split prologue, as a Go function has.
TEXT main·worker(SB), $32-0
	MOVQ	$0, i-8(SP)	// allocations made
	MOVQ	$0, k-16(SP)	// the index of the next size
loop:
	MOVQ	k-16(SP), AX
	LEAQ	main·sizes(SB), CX
	MOVQ	0(CX)(AX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	i-8(SP), AX
	MOVB	AX, 0(DI)
	MOVQ	DI, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	k-16(SP), AX
	INCQ	AX
	CMPQ	AX, $NSIZES
	JLT	setk
	MOVQ	$0, AX
setk:
	MOVQ	AX, k-16(SP)
	MOVQ	i-8(SP), AX
	INCQ	AX
	MOVQ	AX, i-8(SP)
	CMPQ	AX, main·m(SB)
	JLT	loop

	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	i-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET
