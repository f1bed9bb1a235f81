// selectfair: 100,000 selects over two buffered channels that always hold
// a value (the chosen one is refilled); prints how often each case was
// chosen, as selectfair.go does.

#include "textflag.h"
#include "test.h"

#define N	100000

GLOBL main·cs(SB), NOPTR, $48
GLOBL main·v(SB), NOPTR, $8
GLOBL main·count(SB), NOPTR, $16

TEXT main·main(SB), $48-0
	MOVQ	$0, i-8(SP)
mk:
	MAKECHAN($1)
	MOVQ	i-8(SP), CX
	IMULQ	$24, CX
	LEAQ	main·cs(SB), DI
	ADDQ	CX, DI
	MOVQ	AX, 0(DI)
	LEAQ	main·v(SB), CX
	MOVQ	CX, 8(DI)
	MOVQ	$2, 16(DI)
	MOVQ	AX, 0(SP)
	LEAQ	main·v(SB), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $2
	JLT	mk
	MOVQ	$N, i-8(SP)
loop:
	LEAQ	main·cs(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·selectgo(SB)
	MOVQ	24(SP), CX
	LEAQ	main·count(SB), AX
	INCQ	(AX)(CX*8)
	// Refill the chosen channel.
	IMULQ	$24, CX
	LEAQ	main·cs(SB), AX
	MOVQ	(AX)(CX*1), AX
	MOVQ	AX, 0(SP)
	LEAQ	main·v(SB), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·chansend1(SB)
	DECQ	i-8(SP)
	JNE	loop
	PRINT_INT(main·count(SB))
	PRINT_STRING(space<>(SB), 1)
	PRINT_INT(main·count+8(SB))
	CALL	runtime·printnl(SB)
	RET

DATA space<>+0(SB)/1, $" "
GLOBL space<>(SB), RODATA|NOPTR, $1
