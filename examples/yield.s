// yield: two goroutines take turns through runtime·Gosched, N times each.
// Prints "yield <N> <ns per Gosched>".
//
//	p9ld -o yield examples/yield.s && GOMAXPROCS=1 ./yield

#include "textflag.h"
#include "bench.h"

#define N	1000000

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$8, 0(SP)
	MOVQ	$2, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	LEAQ	main·yielderfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	LEAQ	main·yielderfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$(2*N), 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$5, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/5, $"yield"
GLOBL name<>(SB), RODATA|NOPTR, $5

DATA main·yielderfn+0(SB)/8, $main·yielder(SB)
GLOBL main·yielderfn(SB), RODATA, $8

TEXT main·yielder(SB), NOSPLIT, $24-0
	MOVQ	$N, left-8(SP)
loop:
	CALL	runtime·Gosched(SB)
	DECQ	left-8(SP)
	JNE	loop
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	left-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET
