#include "textflag.h"

TEXT ·wrong(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, ret+16(FP)
	RET

TEXT ·none(SB), $8
	RET

TEXT ·nosplitnone(SB), NOSPLIT, $0
	RET

TEXT ·nosplitwrong(SB), NOSPLIT, $0-16
	RET

TEXT ·empty(SB), NOSPLIT, $0-0
	RET

TEXT ·emptysplit(SB), $16
	RET

TEXT ·variadic(SB), NOSPLIT, $0-40
	MOVQ f_base+0(FP), AX
	MOVQ args_base+16(FP), AX
	MOVQ args_len+24(FP), AX
	MOVQ args+32(FP), AX
	RET

TEXT ·unnamed(SB), NOSPLIT, $0-56
	MOVQ arg+0(FP), AX
	MOVB arg1+8(FP), AX
	MOVQ arg2_len+24(FP), AX
	MOVQ arg2_len+16(FP), AX
	MOVQ AX, ret+32(FP)
	MOVQ AX, ret1_data+48(FP)
	MOVQ AX, ret1_itable+40(FP)
	MOVQ AX, ret1_type+40(FP)
	RET

TEXT ·undeclared(SB), NOSPLIT, $0-8
	RET

TEXT ·local<>(SB), NOSPLIT, $0-8
	RET

TEXT ·noframe(SB), NOSPLIT|NOFRAME, $0-8
	RET

TEXT other·elsewhere(SB), NOSPLIT, $0-8
	MOVQ nothing+0(FP), AX
	RET

TEXT plain(SB), NOSPLIT, $0-8
	MOVQ nothing+0(FP), AX
	RET
