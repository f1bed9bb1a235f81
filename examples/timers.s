// timers: N goroutines (10,000, or the first command-line argument) each
// sleep 100 ms at once in runtime·timeSleep, joined by a wait group. A
// sleeping goroutine is parked on a timer in its P's heap and holds no
// thread: the program takes about 100 ms and a few OS threads, whatever
// N. Prints "timers <N> <wall ns per sleeper>", then "threads <OS
// threads at the end>" (threads are never given back, so the most it
// had).
//
//	p9ld -o timers examples/timers.s && GOMAXPROCS=1 ./timers [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define N	10000
#define SLEEP	100000000	// ns

GLOBL main·n(SB), NOPTR, $8
GLOBL main·wg(SB), NOPTR, $16

TEXT main·main(SB), NOSPLIT, $40-0
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
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·wgAdd(SB)
	MOVQ	main·n(SB), AX
	MOVQ	AX, i-16(SP)
spawn:
	LEAQ	main·sleeperfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-16(SP)
	JNE	spawn
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$6, 24(SP)
	CALL	main·report(SB)
	CALL	main·threads(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t-24(SP)
	LEAQ	threadsName<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	t-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA name<>+0(SB)/6, $"timers"
GLOBL name<>(SB), RODATA|NOPTR, $6
DATA threadsName<>+0(SB)/8, $"threads "
GLOBL threadsName<>(SB), RODATA|NOPTR, $8

DATA main·sleeperfn+0(SB)/8, $main·sleeper(SB)
GLOBL main·sleeperfn(SB), RODATA, $8

// sleeper sleeps, then says it is done. It has a stack-split prologue, as
// a Go function has.
TEXT main·sleeper(SB), $16-0
	MOVQ	$SLEEP, 0(SP)
	CALL	runtime·timeSleep(SB)
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET
