// nanotime: the clock read three ways. Prints "start <t>" (a reading the
// test compares with its own CLOCK_MONOTONIC), "slept <ns>" (around a
// 50 ms usleep), then "monotonic ok" once G goroutines have each called
// nanotime N times without seeing it go backwards, then "end <t>".

#include "textflag.h"

#define N	1000000
#define G	4

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-8(SP)
	LEAQ	startmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	t0-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)

	MOVL	$50000, 0(SP)
	CALL	runtime·usleep(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	t0-8(SP), AX
	MOVQ	AX, t0-8(SP)
	LEAQ	sleptmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	t0-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)

	MOVQ	$8, 0(SP)
	MOVQ	$G, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·done(SB)
	MOVQ	$G, i-16(SP)
spawn:
	LEAQ	main·checkerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	DECQ	i-16(SP)
	JNE	spawn
	MOVQ	$G, i-16(SP)
join:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	i-16(SP)
	JNE	join
	LEAQ	okmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$13, 8(SP)
	CALL	runtime·printstring(SB)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-8(SP)
	LEAQ	endmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	t0-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA main·checkerfn+0(SB)/8, $main·checker(SB)
GLOBL main·checkerfn(SB), RODATA, $8

// checker: N readings, each at least the one before.
TEXT main·checker(SB), NOSPLIT, $24-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, last-8(SP)
	MOVQ	$N, left-16(SP)
loop:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, last-8(SP)
	JLT	backwards
	MOVQ	AX, last-8(SP)
	DECQ	left-16(SP)
	JNE	loop
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	left-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	RET
backwards:
	LEAQ	backmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$24, 8(SP)
	CALL	runtime·printstring(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA startmsg<>+0(SB)/6, $"start "
GLOBL startmsg<>(SB), RODATA|NOPTR, $6
DATA sleptmsg<>+0(SB)/6, $"slept "
GLOBL sleptmsg<>(SB), RODATA|NOPTR, $6
DATA endmsg<>+0(SB)/4, $"end "
GLOBL endmsg<>(SB), RODATA|NOPTR, $4
DATA okmsg<>+0(SB)/8, $"monotoni"
DATA okmsg<>+8(SB)/5, $"c ok\n"
GLOBL okmsg<>(SB), RODATA|NOPTR, $13
DATA backmsg<>+0(SB)/8, $"nanotime"
DATA backmsg<>+8(SB)/8, $" went ba"
DATA backmsg<>+16(SB)/8, $"ckwards\n"
GLOBL backmsg<>(SB), RODATA|NOPTR, $24
