// chan: round trips over unbuffered channels between two goroutines.
// Prints "chan <N> <ns per round trip>".
//
//	p9ld -o chan examples/chan.s && GOMAXPROCS=1 ./chan

#include "textflag.h"
#include "bench.h"

#define N	500000

GLOBL main·req(SB), NOPTR, $8
GLOBL main·resp(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·req(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·resp(SB)
	LEAQ	main·echofn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$N, i-16(SP)
loop:
	MOVQ	main·req(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	i-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	MOVQ	main·resp(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	i-16(SP)
	JNE	loop
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$4, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/4, $"chan"
GLOBL name<>(SB), RODATA|NOPTR, $4

DATA main·echofn+0(SB)/8, $main·echo(SB)
GLOBL main·echofn(SB), RODATA, $8

// echo sends back every value it receives.
TEXT main·echo(SB), NOSPLIT, $32-0
loop:
	MOVQ	main·req(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	main·resp(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	JMP	loop
