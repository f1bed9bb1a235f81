// selectmany: 4 producers send 1..100,000 between them, each value by a
// select over two channels (one unbuffered, one buffered); 4 consumers
// take them with a select over both, a channel no one sends on and a nil
// one. Every value must arrive once: prints the count, the sum and how
// many values did not arrive exactly once, as selectmany.go does.

#include "textflag.h"
#include "test.h"

#define P	4
#define C	4
#define N	25000
#define T	100000

GLOBL main·c1(SB), NOPTR, $8
GLOBL main·c2(SB), NOPTR, $8
GLOBL main·idle(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8
GLOBL main·count(SB), NOPTR, $8
GLOBL main·sum(SB), NOPTR, $8
GLOBL main·seen(SB), NOPTR, $800008	// seen[v] for v in 1..T

#define MK(size, dst)	MOVQ $8, 0(SP); MOVQ $size, 8(SP); CALL runtime·makechan(SB); MOVQ 16(SP), AX; MOVQ AX, dst

TEXT main·main(SB), $40-0
	MK(0, main·c1(SB))
	MK(4, main·c2(SB))
	MK(0, main·idle(SB))
	MK(0, main·done(SB))
	MOVQ	$0, j-8(SP)
spawn:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·producer(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	j-8(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	GO(main·consumerfn(SB))
	INCQ	j-8(SP)
	CMPQ	j-8(SP), $P
	JLT	spawn
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	$0, bad-16(SP)
	MOVQ	$1, CX
check:
	LEAQ	main·seen(SB), AX
	CMPQ	(AX)(CX*8), $1
	JEQ	once
	INCQ	bad-16(SP)
once:
	INCQ	CX
	CMPQ	CX, $T
	JLE	check
	MOVQ	main·count(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·pr(SB)
	MOVQ	main·sum(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·pr(SB)
	PRINT_INT(bad-16(SP))
	CALL	runtime·printnl(SB)
	RET

// func pr(v int64): v and a space.
TEXT main·pr(SB), $16-8
	PRINT_INT(v+0(FP))
	PRINT_STRING(space<>(SB), 1)
	RET

DATA space<>+0(SB)/1, $" "
GLOBL space<>(SB), RODATA|NOPTR, $1

DATA main·consumerfn+0(SB)/8, $main·consumer(SB)
GLOBL main·consumerfn(SB), RODATA, $8

// producer (closure data: j) sends j*N+1 .. j*N+N, each on c1 or c2.
TEXT main·producer(SB), $104-0
	MOVQ	8(DX), AX
	IMULQ	$N, AX
	MOVQ	AX, v-8(SP)
	MOVQ	$N, i-16(SP)
	MOVQ	main·c1(SB), AX
	MOVQ	AX, cs-64(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-56(SP)
	MOVQ	$1, cs-48(SP)
	MOVQ	main·c2(SB), AX
	MOVQ	AX, cs-40(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-32(SP)
	MOVQ	$1, cs-24(SP)
loop:
	INCQ	v-8(SP)
	LEAQ	cs-64(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	DECQ	i-16(SP)
	JNE	loop
	RET

// consumer receives values for ever, counting each.
TEXT main·consumer(SB), $144-0
	MOVQ	main·c1(SB), AX
	MOVQ	AX, cs-104(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-96(SP)
	MOVQ	$2, cs-88(SP)
	MOVQ	main·idle(SB), AX
	MOVQ	AX, cs-80(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-72(SP)
	MOVQ	$1, cs-64(SP)
	MOVQ	main·c2(SB), AX
	MOVQ	AX, cs-56(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-48(SP)
	MOVQ	$2, cs-40(SP)
	MOVQ	$0, cs-32(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, cs-24(SP)
	MOVQ	$2, cs-16(SP)
loop:
	MOVQ	$0, v-8(SP)
	LEAQ	cs-104(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	MOVQ	v-8(SP), CX
	CMPQ	CX, $T
	JHI	outofrange
	LEAQ	main·seen(SB), AX
	LOCK
	INCQ	(AX)(CX*8)
outofrange:
	LOCK
	XADDQ	CX, main·sum(SB)
	MOVQ	$1, AX
	LOCK
	XADDQ	AX, main·count(SB)
	CMPQ	AX, $(T-1)
	JNE	loop
	CHANSEND(main·done(SB), v-8(SP))
	JMP	loop
