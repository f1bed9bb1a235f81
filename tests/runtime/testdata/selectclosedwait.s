// selectclosedwait: a select waiting to send on a channel that another
// goroutine closes is a fatal error, as a send is (Go's twin,
// selectclosedwait.go, panics).

#include "textflag.h"
#include "test.h"

GLOBL main·c(SB), NOPTR, $8
GLOBL main·v(SB), NOPTR, $8

DATA main·closerfn+0(SB)/8, $main·closer(SB)
GLOBL main·closerfn(SB), RODATA, $8

TEXT main·main(SB), $88-0
	MAKECHAN($0)
	MOVQ	AX, main·c(SB)
	MOVQ	AX, cs-48(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$1, cs-32(SP)
	MAKECHAN($0)
	MOVQ	AX, cs-24(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$2, cs-8(SP)
	GO(main·closerfn(SB))
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
