// timers: what runtime·timeSleep and runtime·after promise.
//
// 1. N goroutines sleep at once, each for its own time (1 to 50 ms);
//    each counts itself early if nanotime() after the sleep is less than
//    before it plus the time: "early 0".
// 2. after(30 ms): the value received is a nanotime() at least 30 ms past
//    the call and not past the receive: "after ok".
// 3. after(0) and after(-5): each channel receives a value: "after0 ok".
// 4. timeSleep(0) and timeSleep(-1) return at once: "sleep0 ok".

#include "textflag.h"
#include "test.h"

#define N	1000

GLOBL main·wg(SB), NOPTR, $16
GLOBL main·early(SB), NOPTR, $8
GLOBL main·next(SB), NOPTR, $8

TEXT main·main(SB), $48-0
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	CALL	runtime·wgAdd(SB)
	MOVQ	$N, i-8(SP)
spawn:
	GO(sleeperfn<>(SB))
	DECQ	i-8(SP)
	JNE	spawn
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)
	PRINT_STRING(earlyStr<>(SB), 6)
	PRINT_INT(main·early(SB))
	CALL	runtime·printnl(SB)

	// after(30 ms)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	MOVQ	$30000000, 0(SP)
	CALL	runtime·after(SB)
	CHANRECV(8(SP), v-24(SP))
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX	// now
	MOVQ	v-24(SP), BX	// what the timer sent
	CMPQ	BX, AX
	JGT	afterbad
	SUBQ	start-16(SP), BX
	CMPQ	BX, $30000000
	JLT	afterbad
	PRINT_STRING(afterOK<>(SB), 9)
	JMP	after0
afterbad:
	PRINT_STRING(afterBad<>(SB), 10)

after0:
	MOVQ	$0, 0(SP)
	CALL	runtime·after(SB)
	CHANRECV(8(SP), v-24(SP))
	MOVQ	$-5, 0(SP)
	CALL	runtime·after(SB)
	CHANRECV(8(SP), v-24(SP))
	PRINT_STRING(after0OK<>(SB), 10)

	// timeSleep(0) and timeSleep(-1) return (a park with no timer
	// would be a deadlock).
	MOVQ	$0, 0(SP)
	CALL	runtime·timeSleep(SB)
	MOVQ	$-1, 0(SP)
	CALL	runtime·timeSleep(SB)
	PRINT_STRING(sleep0OK<>(SB), 10)
	RET

// sleeper sleeps 1 to 50 ms, its own time (from a shared counter), and
// counts itself early if it woke before that time was up.
TEXT main·sleeper(SB), $24-0
	MOVQ	$1, AX
	LOCK
	XADDQ	AX, main·next(SB)
	IMULQ	$7919, AX
	MOVQ	$0, DX
	MOVQ	$50, CX
	DIVQ	CX
	INCQ	DX
	IMULQ	$1000000, DX
	MOVQ	DX, d-8(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	d-8(SP), AX
	MOVQ	AX, due-16(SP)
	MOVQ	d-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·timeSleep(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, due-16(SP)
	JGE	done
	LOCK
	INCQ	main·early(SB)
done:
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET

DATA sleeperfn<>+0(SB)/8, $main·sleeper(SB)
GLOBL sleeperfn<>(SB), RODATA, $8
DATA earlyStr<>+0(SB)/6, $"early "
GLOBL earlyStr<>(SB), RODATA|NOPTR, $6
DATA afterOK<>+0(SB)/9, $"after ok\n"
GLOBL afterOK<>(SB), RODATA|NOPTR, $9
DATA afterBad<>+0(SB)/10, $"after bad\n"
GLOBL afterBad<>(SB), RODATA|NOPTR, $10
DATA after0OK<>+0(SB)/10, $"after0 ok\n"
GLOBL after0OK<>(SB), RODATA|NOPTR, $10
DATA sleep0OK<>+0(SB)/10, $"sleep0 ok\n"
GLOBL sleep0OK<>(SB), RODATA|NOPTR, $10
