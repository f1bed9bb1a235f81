#include "textflag.h"

// noret returns twice without writing its result.
TEXT ·noret(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	RET
zero:
	RET

// tworets writes only its second result: go vet wants the first.
TEXT ·tworets(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	MOVQ AX, ret1+16(FP)
	RET

// named has a named result: not checked.
TEXT ·named(SB), NOSPLIT, $0-16
	RET

// partial writes a part of its result, which counts.
TEXT ·partial(SB), NOSPLIT, $0-24
	MOVQ $0, ret_len+16(FP)
	RET

// tail returns through another function.
TEXT ·tail(SB), NOSPLIT, $0-16
	JMP ·noret(SB)

// reads reads its result slot, which counts as naming it.
TEXT ·reads(SB), NOSPLIT, $0-8
	MOVQ ret+0(FP), AX
	RET

// datainside declares data in the middle of the function.
TEXT ·datainside(SB), NOSPLIT, $0-8
	MOVL ret+0(FP), AX
DATA ·table<>+0(SB)/8, $1
GLOBL ·table<>(SB), RODATA, $8
	MOVL ret+0(FP), AX
	RET

// ret2 aligns its results.
TEXT ·ret2(SB), NOSPLIT, $0-24
	MOVB a+0(FP), AX
	MOVL ret+4(FP), AX
	MOVL AX, ret+8(FP)
	MOVQ AX, ret1+16(FP)
	RET

// internal uses the register ABI: a write to AX is its result.
TEXT ·internal<ABIInternal>(SB), NOSPLIT, $0-16
	RET
