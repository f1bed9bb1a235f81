// pingpong: two goroutines pass a counter back and forth over two
// unbuffered channels, 100,000 round trips; ping adds nothing, pong adds
// one, so the counter ends at the number of round trips.
//
//	p9ld -o pingpong examples/pingpong.s && ./pingpong

#include "textflag.h"

#define N	100000

GLOBL main·ping(SB), NOPTR, $8	// ping → pong
GLOBL main·pong(SB), NOPTR, $8	// pong → ping
GLOBL main·done(SB), NOPTR, $8
GLOBL main·pingfn(SB), NOPTR, $8	// funcvals
GLOBL main·pongfn(SB), NOPTR, $8

// mkchan(size) leaves a new channel of 8-byte elements in AX.
#define mkchan(size)	MOVQ $8, 0(SP); MOVQ $size, 8(SP); CALL runtime·makechan(SB); MOVQ 16(SP), AX

TEXT main·main(SB), NOSPLIT, $40-0
	mkchan(0)
	MOVQ	AX, main·ping(SB)
	mkchan(0)
	MOVQ	AX, main·pong(SB)
	mkchan(0)
	MOVQ	AX, main·done(SB)
	LEAQ	main·pinger(SB), AX
	MOVQ	AX, main·pingfn(SB)
	LEAQ	main·ponger(SB), AX
	MOVQ	AX, main·pongfn(SB)
	LEAQ	main·pingfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	LEAQ	main·pongfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)

	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)

	LEAQ	label<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$9, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	v-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA label<>+0(SB)/8, $"pingpong"
DATA label<>+8(SB)/1, $" "
GLOBL label<>(SB), RODATA|NOPTR, $9

// pinger sends the counter and waits for it to come back, N times, then
// reports it on done.
TEXT main·pinger(SB), NOSPLIT, $40-0
	MOVQ	$0, v-8(SP)
	MOVQ	$N, left-16(SP)
loop:
	MOVQ	main·ping(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	MOVQ	main·pong(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	left-16(SP)
	JNE	loop
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

// ponger returns each counter it receives, plus one.
TEXT main·ponger(SB), NOSPLIT, $40-0
	MOVQ	$N, left-16(SP)
loop:
	MOVQ	main·ping(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	INCQ	v-8(SP)
	MOVQ	main·pong(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	DECQ	left-16(SP)
	JNE	loop
	RET
