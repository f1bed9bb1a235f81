// selecttoomany: a select of 65,537 cases is a fatal error (Go's twin,
// selecttoomany.go, panics in reflect.Select). The cases are never read.

#include "textflag.h"

TEXT main·main(SB), $40-0
	MOVQ	$0, 0(SP)
	MOVQ	$65537, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·selectgo(SB)
	RET
