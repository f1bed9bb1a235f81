// sleep: 100 goroutines each sleep 10 ms in runtime·usleep. A sleeping
// goroutine is parked on a timer and holds no thread, so even with one P
// the sleeps overlap: the program takes about 10 ms, not 1 s. Prints
// "slept <n> in <ms> ms".
//
//	p9ld -o sleep examples/sleep.s && GOMAXPROCS=1 ./sleep

#include "textflag.h"

#define N	100
#define US	10000

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$8, 0(SP)
	MOVQ	$N, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-8(SP)
	MOVQ	$N, i-16(SP)
spawn:
	LEAQ	main·sleeperfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-16(SP)
	JNE	spawn
	MOVQ	$N, i-16(SP)
wait:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	i-16(SP)
	JNE	wait
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-8(SP), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	AX, ms-32(SP)
	LEAQ	slept<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	$N, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	in<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	ms-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	ms<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	RET

DATA slept<>+0(SB)/6, $"slept "
GLOBL slept<>(SB), RODATA|NOPTR, $6
DATA in<>+0(SB)/4, $" in "
GLOBL in<>(SB), RODATA|NOPTR, $4
DATA ms<>+0(SB)/4, $" ms\n"
GLOBL ms<>(SB), RODATA|NOPTR, $4

DATA main·sleeperfn+0(SB)/8, $main·sleeper(SB)
GLOBL main·sleeperfn(SB), RODATA, $8

TEXT main·sleeper(SB), NOSPLIT, $24-0
	MOVL	$US, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET
