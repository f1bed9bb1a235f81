// sigquit: goroutines that wait in different ways (a receiver, a sleeper)
// and one that never stops running, then "ready" on standard output and
// main blocks receiving: kill -QUIT ends it with a report of each.

#include "textflag.h"

DATA ready<>+0(SB)/6, $"ready\n"
GLOBL ready<>(SB), RODATA|NOPTR, $6

TEXT main·main(SB), $32-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, chana<>(SB)
	LEAQ	recvfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go recv
	LEAQ	sleepfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go sleeper
	LEAQ	spinfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go spin
	// Let them reach where they wait.
	MOVL	$100000, 0(SP)
	CALL	runtime·usleep(SB)
	LEAQ	ready<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	chana<>(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// main blocks
	RET

// recv receives from a, where nothing is ever sent.
TEXT main·recv(SB), $24-0
	MOVQ	chana<>(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// recv blocks
	RET

// sleeper sleeps 10 s at a time.
TEXT main·sleeper(SB), $8-0
again:
	MOVL	$10000000, 0(SP)
	CALL	runtime·usleep(SB)	// sleeper sleeps
	JMP	again

// spin runs for ever without calling anything.
TEXT main·spin(SB), NOSPLIT, $0-0
loop:
	INCQ	AX
	JMP	loop

GLOBL chana<>(SB), NOPTR, $8
DATA recvfn<>+0(SB)/8, $main·recv(SB)
GLOBL recvfn<>(SB), RODATA, $8
DATA sleepfn<>+0(SB)/8, $main·sleeper(SB)
GLOBL sleepfn<>(SB), RODATA, $8
DATA spinfn<>+0(SB)/8, $main·spin(SB)
GLOBL spinfn<>(SB), RODATA, $8
