// goroutines1m: N goroutines alive at once, each blocked on a receive from
// one shared unbuffered channel; main releases them by sending N values
// and waits until every one has finished. N is 1,000,000, or the first
// command-line argument. Prints "goroutines1m <N> <ns per goroutine>",
// the time from the first spawn to the last goroutine's end.
//
// Each goroutine counts itself ready just before its receive; the last
// one tells main, so all N are alive (and nearly all parked) before the
// first is released. The last to finish tells main it is done.
//
//	p9ld -o goroutines1m examples/goroutines1m.s && GOMAXPROCS=1 ./goroutines1m [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define N	1000000

GLOBL main·n(SB), NOPTR, $8
GLOBL main·ready(SB), NOPTR, $8		// goroutines about to receive
GLOBL main·finished(SB), NOPTR, $8	// goroutines done
GLOBL main·c(SB), NOPTR, $8		// the shared channel
GLOBL main·readyc(SB), NOPTR, $8	// the last ready goroutine sends here
GLOBL main·donec(SB), NOPTR, $8	// the last finished goroutine sends here

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$N, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, $1
	JGE	setn
	MOVQ	$1, AX
setn:
	MOVQ	AX, main·n(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·c(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·readyc(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·donec(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, i-16(SP)
spawn:
	LEAQ	main·waiterfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-16(SP)
	JNE	spawn

	MOVQ	main·readyc(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)

	MOVQ	main·n(SB), AX
	MOVQ	AX, i-16(SP)
release:
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	i-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	DECQ	i-16(SP)
	JNE	release

	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$12, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/8, $"goroutin"
DATA name<>+8(SB)/4, $"es1m"
GLOBL name<>(SB), RODATA|NOPTR, $12

DATA main·waiterfn+0(SB)/8, $main·waiter(SB)
GLOBL main·waiterfn(SB), RODATA, $8

// waiter counts itself ready (the last one tells main), blocks on the
// shared channel, and when released counts itself finished (the last one
// tells main). It has a stack-split prologue, as a Go function has.
TEXT main·waiter(SB), $24-0
	MOVQ	$1, AX
	LOCK
	XADDQ	AX, main·ready(SB)
	INCQ	AX
	CMPQ	AX, main·n(SB)
	JNE	wait
	MOVQ	main·readyc(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
wait:
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	$1, AX
	LOCK
	XADDQ	AX, main·finished(SB)
	INCQ	AX
	CMPQ	AX, main·n(SB)
	JNE	out
	MOVQ	main·donec(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
out:
	RET
