#include "textflag.h"

// spargs has a 16-byte frame: 24(SP) is x, past 48(SP) is beyond.
TEXT ·spargs(SB), $16-24
	MOVQ 8(SP), AX
	MOVQ 24(SP), AX
	MOVQ 32(SP), BX
	MOVQ 36(SP), BX
	MOVQ AX, 40(SP)
	MOVQ 48(SP), BX
	LEAQ 56(SP), CX
	MOVQ x+0(FP), AX
	MOVQ AX, ret+16(FP)
	RET

// spwrite moves SP; offsets are not checked afterwards.
TEXT ·spwrite(SB), $16-16
	MOVQ 24(SP), AX
	SUBQ $8, SP
	MOVQ 32(SP), AX
	ADDQ $8, SP
	MOVQ AX, ret+8(FP)
	RET

// local is file-local and undeclared, but its SP offsets are checked.
TEXT ·local<>(SB), NOSPLIT, $0-16
	MOVQ 8(SP), AX
	MOVQ 32(SP), AX
	RET
