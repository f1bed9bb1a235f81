#include "textflag.h"

// add has a wrong offset and a wrong size.
TEXT ·add(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	MOVQ y+16(FP), BX
	ADDQ BX, AX
	MOVL AX, ret+16(FP)
	RET

// str reads a string and a slice by their parts, some wrongly.
TEXT ·str(SB), NOSPLIT, $0-48
	MOVQ s+0(FP), AX
	MOVQ s_base+0(FP), AX
	MOVL s_len+8(FP), BX
	MOVQ s+8(FP), CX
	MOVQ b_base+16(FP), DX
	MOVQ b_len+24(FP), DX
	MOVQ b_cap+40(FP), DX
	MOVW b+16(FP), DX
	MOVQ DX, ret+40(FP)
	RET

// small has parameters of 1, 2 and 4 bytes.
TEXT ·small(SB), NOSPLIT, $0-9
	MOVB a+0(FP), AX
	MOVW b+2(FP), BX
	MOVL c+4(FP), CX
	MOVQ c+4(FP), CX
	MOVW a+0(FP), AX
	MOVB b+1(FP), BX
	SETEQ r+8(FP)
	MOVL AX, r+8(FP)
	RET

// addr takes addresses of its parameters.
TEXT ·addr(SB), NOSPLIT, $0-24
	LEAQ p+0(FP), AX
	LEAQ n+8(FP), BX
	LEAQ n+16(FP), BX
	MOVQ $n+8(FP), CX
	MOVL $n+8(FP), CX
	MOVQ AX, ret+16(FP)
	RET

// unknown names what the declaration does not have.
TEXT ·unknown(SB), NOSPLIT, $0-8
	MOVQ z+0(FP), AX
	MOVQ q+16(FP), AX
	MOVQ argframe+0(FP), AX
	MOVQ argframe+8(FP), AX
	RET

// wholeframe is right.
TEXT ·wholeframe(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ y+8(FP), BX
	RET
