// signotify: asks for SIGINT on a channel, says it is ready, and prints
// the signal number it receives.

#include "textflag.h"

#define SIGINT	2

DATA ready<>+0(SB)/6, $"ready\n"
GLOBL ready<>(SB), RODATA|NOPTR, $6

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, c-8(SP)
	MOVQ	$SIGINT, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·signalNotify(SB)
	LEAQ	ready<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$6, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	c-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	v-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET
