// signotify: asks for SIGINT on a channel, says it is ready, and prints
// the signal number it receives.

#include "textflag.h"
#include "test.h"

#define SIGINT	2

DATA ready<>+0(SB)/6, $"ready\n"
GLOBL ready<>(SB), RODATA|NOPTR, $6

TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($1)
	MOVQ	AX, c-8(SP)
	MOVQ	$SIGINT, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·signalNotify(SB)
	PRINT_STRING(ready<>(SB), 6)
	CHANRECV(c-8(SP), v-16(SP))
	PRINT_INT(v-16(SP))
	CALL	runtime·printnl(SB)
	RET
