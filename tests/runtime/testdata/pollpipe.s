// pollpipe: standard input (a pipe) made non-blocking and registered
// with the poller; runtime·read parks main in the poller, with no timer
// pending and every M idle, until the test writes: then "read <n>". A
// second read with a deadline 100 ms away gets -ETIMEDOUT: "read -110".

#include "textflag.h"
#include "test.h"

#define SYS_fcntl	72
#define F_SETFL	4
#define O_NONBLOCK	0x800

TEXT main·main(SB), $80-0
	MOVQ	$SYS_fcntl, 0(SP)
	MOVQ	$0, 8(SP)
	MOVQ	$F_SETFL, 16(SP)
	MOVQ	$O_NONBLOCK, 24(SP)
	MOVQ	$0, 32(SP)
	MOVQ	$0, 40(SP)
	MOVQ	$0, 48(SP)
	CALL	runtime·syscall6(SB)
	MOVQ	$0, 0(SP)
	CALL	runtime·pollOpen(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, pd-8(SP)
	CALL	main·readone(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	$100000000, AX
	MOVQ	pd-8(SP), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	$'r', 16(SP)
	CALL	runtime·pollSetDeadline(SB)
	CALL	main·readone(SB)
	RET

// main·readone reads standard input once and prints "read <result>".
TEXT main·readone(SB), $48-0
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

DATA readmsg<>+0(SB)/5, $"read "
GLOBL readmsg<>(SB), RODATA|NOPTR, $5
