// mutex: 8 goroutines each lock a mutex, increment one counter and unlock
// it N times (200,000, or the first command-line argument); main waits
// for them with a wait group and checks that the counter is exactly 8N
// (else it says so and exits 1). Prints "mutex <8N> <ns per
// lock/unlock>".
//
//	p9ld -o mutex examples/mutex.s && GOMAXPROCS=4 ./mutex [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define WORKERS	8

GLOBL main·mu(SB), NOPTR, $8	// a sync.Mutex: 8 zero bytes
GLOBL main·wg(SB), NOPTR, $16	// a sync.WaitGroup: 16 zero bytes
GLOBL main·counter(SB), NOPTR, $8
GLOBL main·n(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$200000, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·n(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$WORKERS, 8(SP)
	CALL	runtime·wgAdd(SB)
	MOVQ	$WORKERS, i-16(SP)
spawn:
	LEAQ	main·workerfn(SB), AX
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
	IMULQ	$WORKERS, AX
	CMPQ	AX, main·counter(SB)
	JNE	wrong
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$5, 24(SP)
	CALL	main·report(SB)
	RET
wrong:
	LEAQ	wrong<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$15, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	main·counter(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA name<>+0(SB)/5, $"mutex"
GLOBL name<>(SB), RODATA|NOPTR, $5
DATA wrong<>+0(SB)/8, $"mutex: c"
DATA wrong<>+8(SB)/7, $"ounter "
GLOBL wrong<>(SB), RODATA|NOPTR, $15

DATA main·workerfn+0(SB)/8, $main·worker(SB)
GLOBL main·workerfn(SB), RODATA, $8

// worker locks, increments and unlocks N times, then calls Done.
TEXT main·worker(SB), NOSPLIT, $16-0
	MOVQ	main·n(SB), AX
	MOVQ	AX, i-8(SP)
loop:
	LEAQ	main·mu(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexLock(SB)
	MOVQ	main·counter(SB), AX	// not atomic: the mutex guards it
	INCQ	AX
	MOVQ	AX, main·counter(SB)
	LEAQ	main·mu(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexUnlock(SB)
	DECQ	i-8(SP)
	JNE	loop
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET
