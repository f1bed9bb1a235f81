// A tour of the syntax: each statement below is listed, with its file
// and line, in syntax.golden.
#include "defs.h"

TEXT ·tour(SB), NOSPLIT|NOFRAME, $16-24
	MOVQ a+0(FP), AX	// argument
	MOVQ b+8(FP), BX; ADDQ BX, AX
	MOVQ AX, ret+16(FP)
	MOVQ x-8(SP), CX	// pseudo-SP local
	MOVQ -8(SP), CX		// hardware SP
	get_tls(CX)
	MOVQ g(CX), DX
	SAVE(AX, $(5*8))
	LEAQ (-64*1024+104)(SP), DI
	MOVQ tab<>+8(SB)(AX*8), R8
	MOVQ $tab<>(SB), R9
	MOVL $~15, R10
	MOVQ $'a', R11
	MOVSD $(-1.5), X0
	VADDPD.RU_SAE.Z Z1, Z2, K1, Z3
	VP4DPWSSD Z5, [Z10-Z13], K1, Z1
	SHLL CX, R11:AX
	CALL runtime·f<ABIInternal>(SB)
	JMP *AX
loop:	DECQ CX
	JNE loop
	JMP 2(PC)
	/* a block comment
	   over two lines */ RET

#ifdef GOOS_linux
DATA tab<>+0(SB)/8, $0x0102030405060708
#else
DATA tab<>+0(SB)/8, $0
#endif
DATA tab<>+8(SB)/8, $"abcdefgh"
DATA tab<>+16(SB)/8, $·tour(SB)
GLOBL tab<>(SB), 8, $24
