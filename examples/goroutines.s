// goroutines starts 1,000 goroutines. Each does about 50 µs of work, adds
// its index to a shared sum and notes which M (thread) ran it; main waits
// for all of them on a channel, then prints the sum and how many threads
// took part.
//
//	p9ld -o goroutines examples/goroutines.s && GOMAXPROCS=4 ./goroutines

#include "textflag.h"

#define N	1000
#define MAXM	1024
// Iterations of the busy loop: about 50 µs.
#define WORK	100000

GLOBL main·sum(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8
GLOBL main·seen(SB), NOPTR, $MAXM

// A worker is a closure: {fn, index}. On entry DX points at it.
TEXT main·worker(SB), NOSPLIT, $24-0
	MOVQ	8(DX), AX
	MOVQ	AX, index-8(SP)
	MOVQ	$WORK, CX
busy:
	DECQ	CX
	JNE	busy
	MOVQ	index-8(SP), AX
	LOCK
	XADDQ	AX, main·sum(SB)
	CALL	runtime·mid(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, $MAXM
	JCC	signal
	LEAQ	main·seen(SB), CX
	MOVB	$1, 0(CX)(AX*1)
signal:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	index-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)

	MOVQ	$0, i-8(SP)
spawn:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·worker(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	i-8(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $N
	JLT	spawn

	MOVQ	$0, i-8(SP)
wait:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $N
	JLT	wait

	LEAQ	sumlabel<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	main·sum(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)

	// Count the distinct Ms that ran a worker.
	MOVQ	$0, AX
	MOVQ	$0, CX
	LEAQ	main·seen(SB), DX
count:
	MOVBQZX	0(DX)(CX*1), BX
	ADDQ	BX, AX
	INCQ	CX
	CMPQ	CX, $MAXM
	JLT	count
	MOVQ	AX, n-24(SP)
	LEAQ	threadslabel<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	n-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA sumlabel<>+0(SB)/4, $"sum="
GLOBL sumlabel<>(SB), RODATA|NOPTR, $4
DATA threadslabel<>+0(SB)/8, $"threads="
GLOBL threadslabel<>(SB), RODATA|NOPTR, $8
