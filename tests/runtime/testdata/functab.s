// functab: main looks itself up in the function table by a PC inside it
// (the return address of a call) and prints what the table says: its
// name, whether its entry is main·main's address (1), file, line, frame
// size and SP depth there; then the lookup of an address no function
// holds (0).

#include "textflag.h"
#include "test.h"
#include "go_asm.h"

TEXT main·main(SB), $64-0
	CALL	main·callerpc(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, pc-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, f-16(SP)
	TESTQ	AX, AX
	JEQ	missing
	MOVQ	AX, 0(SP)
	CALL	runtime·funcname(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·puts(SB)
	MOVQ	f-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·funcentry(SB)
	LEAQ	main·main(SB), BX
	MOVQ	$0, CX
	CMPQ	8(SP), BX
	SETEQ	CX
	MOVQ	CX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVQ	f-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·funcline(SB)
	MOVQ	16(SP), AX
	MOVQ	24(SP), BX
	MOVQ	BX, line-24(SP)
	MOVQ	AX, 0(SP)
	CALL	main·puts(SB)
	PRINT_INT(line-24(SP))
	CALL	runtime·printnl(SB)
	MOVQ	f-16(SP), AX
	MOVL	funcrec_frame(AX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVQ	f-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·funcspdelta(SB)
	PRINT_INT(16(SP))
	CALL	runtime·printnl(SB)
	MOVQ	$0x10, 0(SP)
	CALL	runtime·findfunc(SB)
	PRINT_INT(8(SP))
	CALL	runtime·printnl(SB)
	RET
missing:
	MOVQ	$-1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

// puts prints a NUL-terminated string and a newline.
TEXT main·puts(SB), NOSPLIT, $24-8
	MOVQ	s+0(FP), SI
	MOVQ	SI, DI
len:
	CMPB	0(DI), $0
	JEQ	counted
	INCQ	DI
	JMP	len
counted:
	SUBQ	SI, DI
	MOVQ	SI, 0(SP)
	MOVQ	DI, 8(SP)
	CALL	runtime·printstring(SB)
	CALL	runtime·printnl(SB)
	RET

// callerpc returns the address its call returns to.
TEXT main·callerpc(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	0(SP), AX
	MOVQ	AX, ret+0(FP)
	RET
