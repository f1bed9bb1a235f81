// selectdeadlock: a goroutine in a select with no cases, another and main
// in selects nothing will ever complete: the deadlock report shows them
// waiting in "select (no cases)" and "select", as selectdeadlock.go's.

#include "textflag.h"
#include "test.h"

GLOBL main·c1(SB), NOPTR, $8
GLOBL main·c2(SB), NOPTR, $8
GLOBL main·c3(SB), NOPTR, $8
GLOBL main·v(SB), NOPTR, $8

DATA main·nocasesfn+0(SB)/8, $main·nocases(SB)
GLOBL main·nocasesfn(SB), RODATA, $8
DATA main·twocasesfn+0(SB)/8, $main·twocases(SB)
GLOBL main·twocasesfn(SB), RODATA, $8

TEXT main·main(SB), $96-0
	MAKECHAN($0)
	MOVQ	AX, main·c1(SB)
	MAKECHAN($0)
	MOVQ	AX, main·c2(SB)
	MAKECHAN($0)
	MOVQ	AX, main·c3(SB)
	GO(main·nocasesfn(SB))
	GO(main·twocasesfn(SB))
	MOVL	$10000, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	main·c1(SB), AX
	MOVQ	AX, cs-48(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$2, cs-32(SP)
	MOVQ	main·c2(SB), AX
	MOVQ	AX, cs-24(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$2, cs-8(SP)
	LEAQ	cs-48(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	RET

TEXT main·nocases(SB), $40-0
	MOVQ	$0, 0(SP)
	MOVQ	$0, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	RET

TEXT main·twocases(SB), $88-0
	MOVQ	main·c1(SB), AX
	MOVQ	AX, cs-48(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$2, cs-32(SP)
	MOVQ	main·c3(SB), AX
	MOVQ	AX, cs-24(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$1, cs-8(SP)
	LEAQ	cs-48(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	RET
