// readpipe: main blocks in runtime·read on standard input (a pipe the
// test writes to late) while a goroutine ticks every 100 ms, printing
// "tick <ms since start>" five times; then main prints "read <n>".
// At GOMAXPROCS=1 with asynchronous preemption off, the ticks come only
// if the blocked read leaves its P to others.

#include "textflag.h"
#include "test.h"

GLOBL start<>(SB), NOPTR, $8

TEXT main·main(SB), $48-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start<>(SB)
	GO(tickerfn<>(SB))
	MOVL	$0, 0(SP)
	LEAQ	buf-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVL	$16, 16(SP)
	CALL	runtime·read(SB)
	MOVLQSX	24(SP), AX
	MOVQ	AX, n-24(SP)
	PRINT_STRING(readmsg<>(SB), 5)
	PRINT_INT(n-24(SP))
	CALL	runtime·printnl(SB)
	RET

TEXT main·ticker(SB), $24-0
	MOVQ	$5, i-8(SP)
loop:
	MOVQ	$100000000, 0(SP)
	CALL	runtime·timeSleep(SB)
	PRINT_STRING(tickmsg<>(SB), 5)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start<>(SB), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	DECQ	i-8(SP)
	JNE	loop
	RET

DATA tickerfn<>+0(SB)/8, $main·ticker(SB)
GLOBL tickerfn<>(SB), RODATA, $8
DATA tickmsg<>+0(SB)/5, $"tick "
GLOBL tickmsg<>(SB), RODATA|NOPTR, $5
DATA readmsg<>+0(SB)/5, $"read "
GLOBL readmsg<>(SB), RODATA|NOPTR, $5
