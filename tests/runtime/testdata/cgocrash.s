// cgocrash: a goroutine calls cgo_crash (cgocall.c) through
// runtime·asmcgocall, and it faults on g0's stack. The fatal error's
// traceback goes on from the C code to the goroutine's frames, from where
// asmcgocall saved them: main.callcrash, main.crasher, and where the
// goroutine was created.

#include "textflag.h"

TEXT main·main(SB), $8-0
	LEAQ	main·crasherfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
loop:
	CALL	runtime·Gosched(SB)
	JMP	loop

TEXT main·crasher(SB), $0-0
	CALL	main·callcrash(SB)
	RET

TEXT main·callcrash(SB), $24-0
	LEAQ	cgo_crash(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·asmcgocall(SB)
	RET

DATA main·crasherfn+0(SB)/8, $main·crasher(SB)
GLOBL main·crasherfn(SB), RODATA, $8
