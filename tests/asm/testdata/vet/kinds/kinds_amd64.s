#include "textflag.h"

TEXT ·structs(SB), NOSPLIT, $0-48
	MOVL p_a+0(FP), AX
	MOVQ p_b+8(FP), AX
	MOVQ p_s_base+16(FP), AX
	MOVQ p_s_len+24(FP), AX
	MOVL p_s_len+24(FP), AX
	MOVQ p+0(FP), AX
	MOVW q_0+32(FP), AX
	MOVW q_1+34(FP), AX
	MOVW q_1+36(FP), AX
	MOVL q+32(FP), AX
	MOVQ p_c+0(FP), AX
	MOVQ AX, ret+40(FP)
	RET

TEXT ·ifaces(SB), NOSPLIT, $0-32
	MOVQ e_type+0(FP), AX
	MOVQ e_data+8(FP), AX
	MOVQ e+0(FP), AX
	MOVL e+0(FP), AX
	MOVQ s_itable+16(FP), AX
	MOVQ s_type+16(FP), AX
	MOVQ s+24(FP), AX
	RET

TEXT ·complexes(SB), NOSPLIT, $0-32
	MOVSD c_real+0(FP), X0
	MOVSD c_imag+8(FP), X1
	MOVO c+0(FP), X2
	MOVSD c+0(FP), X2
	MOVSS d_real+16(FP), X3
	MOVQ d+16(FP), X3
	MOVL d+16(FP), X3
	MOVSD X0, ret+24(FP)
	RET

TEXT ·floats(SB), NOSPLIT, $0-20
	MOVSD f+0(FP), X0
	MOVSS f+0(FP), X0
	MOVSS h+8(FP), X1
	CVTSD2SS f+0(FP), X1
	PADDD h+8(FP), X1
	PINSRD $1, h+8(FP), X1
	PINSRW $1, h+8(FP), X1
	SETEQ h+8(FP)
	MOVOU f+0(FP), X1
	CMOVQEQ f+0(FP), AX
	MOVSS X1, ret+16(FP)
	MOVSD X1, ret+16(FP)
	RET

TEXT ·funcs(SB), NOSPLIT, $0-32
	MOVQ f+0(FP), AX
	MOVQ m+8(FP), AX
	MOVQ c+16(FP), AX
	MOVQ u+24(FP), AX
	MOVL u+24(FP), AX
	RET
