// select: fan-in with timeouts. Two producers each send N numbers on a
// channel of their own (a: 1..N, b: N+1..2N); main selects over both
// channels and a timeout from runtime·after (made once: the whole fan-in
// gives up after GIVEUP), counting and summing what each sends. Once all
// 2N values are in, nothing sends again: a select over the two channels
// and a short timeout ends on the timeout. Then a select that does not
// block (block false) finds nothing ready. Prints
//
//	a 1000 500500
//	b 1000 1500500
//	timeout
//	nothing ready
//
//	p9ld -o select examples/select.s && ./select

#include "textflag.h"

#define N	1000
#define GIVEUP	10000000000	// ns: the fan-in's deadline, a failsafe
#define QUIET	50000000	// ns: the last select's timeout

// An scase is {c *hchan; elem unsafe.Pointer; dir int64}: 24 bytes.
#define caseRecv	2

GLOBL main·a(SB), NOPTR, $8
GLOBL main·b(SB), NOPTR, $8

// main's frame: the three cases (72 bytes at cases-72), the received
// value, counts and sums per channel, and selectgo's arguments.
TEXT main·main(SB), $160-0
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
	LEAQ	producerAfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	LEAQ	producerBfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	$0, na-88(SP)
	MOVQ	$0, suma-96(SP)
	MOVQ	$0, nb-104(SP)
	MOVQ	$0, sumb-112(SP)

	// case 0: v = <-a; case 1: v = <-b; case 2: <-timeout (set each round)
	MOVQ	main·a(SB), AX
	MOVQ	AX, cases-72(SP)
	LEAQ	v-80(SP), AX
	MOVQ	AX, cases-64(SP)
	MOVQ	$caseRecv, cases-56(SP)
	MOVQ	main·b(SB), AX
	MOVQ	AX, cases-48(SP)
	LEAQ	v-80(SP), AX
	MOVQ	AX, cases-40(SP)
	MOVQ	$caseRecv, cases-32(SP)
	MOVQ	$0, cases-16(SP)	// received times are dropped
	MOVQ	$caseRecv, cases-8(SP)
	MOVQ	$GIVEUP, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·after(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, cases-24(SP)
loop:
	MOVQ	na-88(SP), AX
	ADDQ	nb-104(SP), AX
	CMPQ	AX, $(2*N)
	JEQ	quiet
	LEAQ	cases-72(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$3, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	MOVQ	24(SP), AX	// chosen
	CMPQ	AX, $0
	JEQ	fromA
	CMPQ	AX, $1
	JEQ	fromB
	JMP	gaveup
fromA:
	INCQ	na-88(SP)
	MOVQ	v-80(SP), AX
	ADDQ	AX, suma-96(SP)
	JMP	loop
fromB:
	INCQ	nb-104(SP)
	MOVQ	v-80(SP), AX
	ADDQ	AX, sumb-112(SP)
	JMP	loop
quiet:
	// Everything is in: the same select with a short timeout in place of
	// the deadline ends on the timeout.
	MOVQ	$QUIET, 0(SP)
	CALL	runtime·after(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, cases-24(SP)
	LEAQ	cases-72(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$3, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	CMPQ	24(SP), $2
	JNE	ready
	LEAQ	aName<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	na-88(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	suma-96(SP), AX
	MOVQ	AX, 16(SP)
	CALL	main·printcount(SB)
	LEAQ	bName<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	nb-104(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	sumb-112(SP), AX
	MOVQ	AX, 16(SP)
	CALL	main·printcount(SB)
	LEAQ	timeoutStr<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)

	// The same select without the timeout, not blocking: nothing is ready.
	LEAQ	cases-72(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·selectgo(SB)
	CMPQ	24(SP), $-1
	JNE	ready
	LEAQ	nothingStr<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$14, 8(SP)
	CALL	runtime·printstring(SB)
	RET
ready:
	LEAQ	readyStr<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$20, 8(SP)
	CALL	runtime·printstring(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET
gaveup:
	LEAQ	gaveupStr<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

// printcount prints "<name> <n> <sum>" (name: 2 bytes, "a " or "b ").
TEXT main·printcount(SB), $16-24
	MOVQ	name+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	n+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	space<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	sum+16(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

// producerA sends 1..N on a; producerB sends N+1..2N on b. Each jumps to
// produce with no frame of its own, so produce returns for it.
TEXT main·producerA(SB), NOSPLIT|NOFRAME, $0-0
	MOVQ	main·a(SB), AX
	MOVQ	$1, BX
	JMP	main·produce(SB)

TEXT main·producerB(SB), NOSPLIT|NOFRAME, $0-0
	MOVQ	main·b(SB), AX
	MOVQ	$(N+1), BX
	JMP	main·produce(SB)

// produce sends N numbers from BX up on the channel AX.
TEXT main·produce(SB), $40-0
	MOVQ	AX, c-8(SP)
	MOVQ	BX, v-16(SP)
	MOVQ	$N, i-24(SP)
send:
	MOVQ	c-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	v-16(SP)
	DECQ	i-24(SP)
	JNE	send
	RET

DATA producerAfn<>+0(SB)/8, $main·producerA(SB)
GLOBL producerAfn<>(SB), RODATA, $8
DATA producerBfn<>+0(SB)/8, $main·producerB(SB)
GLOBL producerBfn<>(SB), RODATA, $8
DATA aName<>+0(SB)/2, $"a "
GLOBL aName<>(SB), RODATA|NOPTR, $2
DATA bName<>+0(SB)/2, $"b "
GLOBL bName<>(SB), RODATA|NOPTR, $2
DATA space<>+0(SB)/1, $" "
GLOBL space<>(SB), RODATA|NOPTR, $1
DATA timeoutStr<>+0(SB)/8, $"timeout\n"
GLOBL timeoutStr<>(SB), RODATA|NOPTR, $8
DATA nothingStr<>+0(SB)/8, $"nothing "
DATA nothingStr<>+8(SB)/6, $"ready\n"
GLOBL nothingStr<>(SB), RODATA|NOPTR, $14
DATA readyStr<>+0(SB)/8, $"unexpect"
DATA readyStr<>+8(SB)/8, $"edly rea"
DATA readyStr<>+16(SB)/4, $"dy!\n"
GLOBL readyStr<>(SB), RODATA|NOPTR, $20
DATA gaveupStr<>+0(SB)/8, $"gave up\n"
GLOBL gaveupStr<>(SB), RODATA|NOPTR, $8
