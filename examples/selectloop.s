// selectloop: two goroutines each send N/2 values on their own unbuffered
// channel; main takes all N with a select over both.
// Prints "selectloop <N> <ns per select>".
//
//	p9ld -o selectloop examples/selectloop.s && GOMAXPROCS=1 ./selectloop

#include "textflag.h"
#include "bench.h"

#define N	500000

GLOBL main·a(SB), NOPTR, $8
GLOBL main·b(SB), NOPTR, $8

// The producers' funcvals: the code, then the address of the channel.
DATA main·producea+0(SB)/8, $main·produce(SB)
DATA main·producea+8(SB)/8, $main·a(SB)
GLOBL main·producea(SB), RODATA, $16
DATA main·produceb+0(SB)/8, $main·produce(SB)
DATA main·produceb+8(SB)/8, $main·b(SB)
GLOBL main·produceb(SB), RODATA, $16

TEXT main·main(SB), NOSPLIT, $112-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·a(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·b(SB)
	// Two receive cases, both into v.
	MOVQ	main·a(SB), AX
	MOVQ	AX, cs-48(SP)
	LEAQ	v-56(SP), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$2, cs-32(SP)
	MOVQ	main·b(SB), AX
	MOVQ	AX, cs-24(SP)
	LEAQ	v-56(SP), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$2, cs-8(SP)
	LEAQ	main·producea(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	LEAQ	main·produceb(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-64(SP)
	MOVQ	$N, i-72(SP)
loop:
	LEAQ	cs-48(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	DECQ	i-72(SP)
	JNE	loop
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-64(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$10, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"selectlo"
DATA name<>+8(SB)/2, $"op"
GLOBL name<>(SB), RODATA|NOPTR, $10

// produce sends 0 .. N/2-1 on the channel its funcval points to.
TEXT main·produce(SB), NOSPLIT, $32-0
	MOVQ	8(DX), AX
	MOVQ	0(AX), AX
	MOVQ	AX, c-8(SP)
	MOVQ	$0, i-16(SP)
loop:
	MOVQ	c-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	i-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	i-16(SP)
	CMPQ	i-16(SP), $(N/2)
	JLT	loop
	RET
