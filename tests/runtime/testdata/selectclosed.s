// selectclosed: a select whose send case is on a closed channel is a
// fatal error, as a send is (Go's twin, selectclosed.go, panics).

#include "textflag.h"
#include "test.h"

GLOBL main·v(SB), NOPTR, $8

TEXT main·main(SB), $88-0
	MAKECHAN($0)
	MOVQ	AX, cs-48(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-40(SP)
	MOVQ	$1, cs-32(SP)
	MOVQ	$0, cs-24(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, cs-16(SP)
	MOVQ	$2, cs-8(SP)
	LEAQ	cs-48(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·selectgo(SB)
	RET
