// selectclosedwait: a select waiting to send on a channel that another
// goroutine closes is a fatal error, as a send is (Go's twin,
// selectclosedwait.go, panics).

#include "textflag.h"

GLOBL main·c(SB), NOPTR, $8
GLOBL main·v(SB), NOPTR, $8

DATA main·closerfn+0(SB)/8, $main·closer(SB)
GLOBL main·closerfn(SB), RODATA, $8

TEXT main·main(SB), $88-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, main·c(SB)
	MOVQ	AX, cs-48(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$1, cs-32(SP)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, cs-24(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$2, cs-8(SP)
	LEAQ	main·closerfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	LEAQ	cs-48(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	RET

// closer closes c after 10 ms.
TEXT main·closer(SB), $8-0
	MOVL	$10000, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET
