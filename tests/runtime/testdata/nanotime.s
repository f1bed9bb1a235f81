// nanotime: the clock read three ways. Prints "start <t>" (a reading the
// test compares with its own CLOCK_MONOTONIC), "slept <ns>" (around a
// 50 ms usleep), then "monotonic ok" once G goroutines have each called
// nanotime N times without seeing it go backwards, then "end <t>".

#include "textflag.h"
#include "test.h"

#define N	1000000
#define G	4

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $40-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-8(SP)
	PRINT_STRING(startmsg<>(SB), 6)
	PRINT_INT(t0-8(SP))
	CALL	runtime·printnl(SB)

	MOVL	$50000, 0(SP)
	CALL	runtime·usleep(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	t0-8(SP), AX
	MOVQ	AX, t0-8(SP)
	PRINT_STRING(sleptmsg<>(SB), 6)
	PRINT_INT(t0-8(SP))
	CALL	runtime·printnl(SB)

	MAKECHAN($G)
	MOVQ	AX, main·done(SB)
	MOVQ	$G, i-16(SP)
spawn:
	GO(main·checkerfn(SB))
	DECQ	i-16(SP)
	JNE	spawn
	MOVQ	$G, i-16(SP)
join:
	CHANRECV(main·done(SB), v-24(SP))
	DECQ	i-16(SP)
	JNE	join
	PRINT_STRING(okmsg<>(SB), 13)

	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-8(SP)
	PRINT_STRING(endmsg<>(SB), 4)
	PRINT_INT(t0-8(SP))
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
	CHANSEND(main·done(SB), left-16(SP))
	RET
backwards:
	PRINT_STRING(backmsg<>(SB), 24)
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
