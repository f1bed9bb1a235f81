// spawn: start goroutines that each finish at once, and wait for them (a
// counter, and a channel the last one signals): ROUNDS rounds of BATCH
// goroutines. Prints "spawn <N> <ns per goroutine>".
//
// Rounds keep the number of live goroutines bounded, as the Go twin's
// do: this times starting and finishing goroutines, not holding many at
// once (goroutines1m in bench/ does that).
//
//	p9ld -o spawn examples/spawn.s && GOMAXPROCS=1 ./spawn

#include "textflag.h"
#include "bench.h"

#define BATCH	10000
#define ROUNDS	100
#define N	(BATCH*ROUNDS)

GLOBL main·left(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $64-0
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$ROUNDS, round-32(SP)
round:
	MOVQ	$BATCH, main·left(SB)
	MOVQ	$BATCH, i-16(SP)
loop:
	LEAQ	main·childfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-16(SP)
	JNE	loop
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	round-32(SP)
	JNE	round
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$5, 24(SP)
	CALL	main·report(SB)
	RET

DATA name<>+0(SB)/5, $"spawn"
GLOBL name<>(SB), RODATA|NOPTR, $5

DATA main·childfn+0(SB)/8, $main·child(SB)
GLOBL main·childfn(SB), RODATA, $8

// child counts itself done; the last one wakes main.
TEXT main·child(SB), NOSPLIT, $24-0
	MOVQ	$-1, AX
	LOCK
	XADDQ	AX, main·left(SB)
	CMPQ	AX, $1
	JNE	done
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
done:
	RET
