// workerpool: 8 workers take jobs from one channel and send their results
// on another. A producer sends the jobs 1..N (1,000,000, or the first
// command-line argument) and closes the jobs channel; each worker sends
// back twice its job until the channel is closed; main adds up N results
// and checks the sum is N(N+1) (else it says so and exits 1). Both
// channels hold B elements (100, or the second argument; 0 makes them
// unbuffered). Prints "workerpool <N> <ns per job>".
//
//	p9ld -o workerpool examples/workerpool.s && GOMAXPROCS=2 ./workerpool [N [B]]

#include "textflag.h"
#include "bench.h"
#include "args.h"

#define WORKERS	8

GLOBL main·jobs(SB), NOPTR, $8
GLOBL main·results(SB), NOPTR, $8
GLOBL main·n(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $56-0
	MOVQ	$1000000, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·n(SB)
	MOVQ	$2, 0(SP)
	MOVQ	$100, 8(SP)
	CALL	main·argn(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, buf-8(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	MOVQ	$8, 0(SP)
	MOVQ	buf-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·jobs(SB)
	MOVQ	$8, 0(SP)
	MOVQ	buf-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·results(SB)
	MOVQ	$WORKERS, i-24(SP)
spawn:
	LEAQ	main·workerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-24(SP)
	JNE	spawn
	LEAQ	main·producerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	$0, sum-32(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, i-24(SP)
	CMPQ	AX, $0
	JLE	timed
collect:
	MOVQ	main·results(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-40(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	v-40(SP), AX
	ADDQ	AX, sum-32(SP)
	DECQ	i-24(SP)
	JNE	collect
timed:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	main·n(SB), AX
	MOVQ	AX, 8(SP)
	INCQ	AX
	IMULQ	main·n(SB), AX
	CMPQ	AX, sum-32(SP)
	JNE	wrong
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$10, 24(SP)
	CALL	main·report(SB)
	RET
wrong:
	LEAQ	wrong<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$16, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	sum-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA name<>+0(SB)/8, $"workerpo"
DATA name<>+8(SB)/2, $"ol"
GLOBL name<>(SB), RODATA|NOPTR, $10
DATA wrong<>+0(SB)/8, $"workerpo"
DATA wrong<>+8(SB)/8, $"ol: sum "
GLOBL wrong<>(SB), RODATA|NOPTR, $16

DATA main·workerfn+0(SB)/8, $main·worker(SB)
GLOBL main·workerfn(SB), RODATA, $8
DATA main·producerfn+0(SB)/8, $main·producer(SB)
GLOBL main·producerfn(SB), RODATA, $8

// worker sends back twice every job it receives, until jobs is closed.
TEXT main·worker(SB), NOSPLIT, $32-0
loop:
	MOVQ	main·jobs(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv2(SB)
	CMPB	16(SP), $0
	JEQ	closed
	SHLQ	$1, v-8(SP)
	MOVQ	main·results(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	JMP	loop
closed:
	RET

// producer sends the jobs 1..N, then closes the jobs channel.
TEXT main·producer(SB), NOSPLIT, $32-0
	MOVQ	$1, v-8(SP)
loop:
	MOVQ	v-8(SP), AX
	CMPQ	AX, main·n(SB)
	JGT	done
	MOVQ	main·jobs(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	v-8(SP)
	JMP	loop
done:
	MOVQ	main·jobs(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET
