// sigqueue: asks for SIGUSR1 on two channels, one with room for 2 signals
// and one with room for 8, says it is ready and sleeps 500 ms without
// receiving. Then prints how many signals each channel holds (each arrival
// is delivered to every channel that has room, and dropped from a full
// one, never blocking) and how many milliseconds the sleep took (signals
// must not cut it short), says it waits, and waits for a signal on a
// channel no signal is sent to.

#include "textflag.h"
#include "test.h"
#include "go_asm.h"

#define SIGUSR1	10

DATA ready<>+0(SB)/6, $"ready\n"
GLOBL ready<>(SB), RODATA|NOPTR, $6
DATA waiting<>+0(SB)/8, $"waiting\n"
GLOBL waiting<>(SB), RODATA|NOPTR, $8

TEXT main·main(SB), NOSPLIT, $48-0
	MAKECHAN($2)
	MOVQ	AX, small-8(SP)
	MAKECHAN($8)
	MOVQ	AX, big-16(SP)
	MOVQ	$SIGUSR1, 0(SP)
	MOVQ	small-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·signalNotify(SB)
	MOVQ	$SIGUSR1, 0(SP)
	MOVQ	big-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·signalNotify(SB)
	PRINT_STRING(ready<>(SB), 6)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-32(SP)
	MOVL	$500000, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	small-8(SP), AX
	PRINT_INT(hchan_qcount(AX))
	CALL	runtime·printnl(SB)
	MOVQ	big-16(SP), AX
	PRINT_INT(hchan_qcount(AX))
	CALL	runtime·printnl(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	t0-32(SP), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MAKECHAN($0)
	MOVQ	AX, quiet-24(SP)
	PRINT_STRING(waiting<>(SB), 8)
	MOVQ	quiet-24(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET
