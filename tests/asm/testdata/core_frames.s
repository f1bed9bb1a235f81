// Frames, FP and pseudo-SP offsets, epilogues (NOSPLIT functions).
TEXT ·f0(SB), 4, $0-0
	RET

TEXT ·f8(SB), 4, $8-16
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	MOVQ AX, x-8(SP)
	MOVQ x-8(SP), CX
	MOVQ 0(SP), DX
	RET

TEXT ·f16(SB), 4, $16-24
	MOVQ a+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	MOVQ AX, ret+16(FP)
	RET
zero:
	PUSHQ AX
	MOVQ a+0(FP), BX
	MOVQ y-16(SP), CX
	POPQ AX
	MOVQ $0, ret+16(FP)
	RET

TEXT ·noframe(SB), 516, $-8
	MOVQ a+0(FP), AX
	RET

TEXT ·negframe(SB), 4, $-8-8
	MOVQ a+0(FP), AX
	RET

TEXT ·nofr16(SB), 516, $16-8
	MOVQ a+0(FP), AX
	MOVQ x-8(SP), BX
	RET

TEXT ·calls(SB), 4, $0-8
	CALL ·f0(SB)
	MOVQ a+0(FP), AX
	RET

TEXT ·calls24(SB), 4, $24-8
	MOVQ a+0(FP), AX
	MOVQ AX, 0(SP)
	CALL ·f8(SB)
	MOVQ 8(SP), AX
	LEAQ x-24(SP), BX
	MOVQ $a+0(FP), CX
	RET

TEXT ·big(SB), 4, $256-0
	MOVQ x-256(SP), AX
	RET

// Leaf functions without NOSPLIT: Go marks them nosplit itself.
TEXT ·leaf(SB), 0, $0-8
	MOVQ a+0(FP), AX
	RET

TEXT ·leaf32(SB), 0, $32-8
	MOVQ a+0(FP), AX
	MOVQ AX, x-32(SP)
	RET

TEXT ·leaf112(SB), 0, $112-0
	RET

TEXT ·panics(SB), 0, $16-0
	CALL runtime·panicdivide(SB)
	RET

TEXT ·local<>(SB), 4, $8-0
	MOVQ ·data(SB), AX
	MOVQ $·data+8(SB), BX
	RET

TEXT ·aligned(SB), 4, $0-0
	MOVQ $1, AX
	PCALIGN $16
	MOVQ $2, AX
	PCALIGN $32
	RET
	PCALIGN $8
	INCQ AX
	PCALIGN $8
	RET

TEXT ·bytes(SB), 4, $0
	BYTE $0x90
	WORD $0x1234
	LONG $0x12345678
	QUAD $0x1122334455667788
	RET

TEXT ·tls(SB), 4, $0-0
	MOVQ TLS, CX
	MOVQ 0(CX)(TLS*1), AX
	MOVQ AX, 0(CX)(TLS*1)
	MOVQ (TLS), BX
	RET

GLOBL ·data(SB), 0, $24
DATA ·data+0(SB)/8, $·f0(SB)
DATA ·data+8(SB)/8, $·data+16(SB)
DATA ·data+16(SB)/4, $0x12345678
DATA ·data+20(SB)/2, $-2
DATA ·data+22(SB)/1, $7

GLOBL ·ro(SB), 8, $16
DATA ·ro+0(SB)/8, $"hello, w"
DATA ·ro+8(SB)/4, $1.5
DATA ·ro+12(SB)/4, $"orl"

GLOBL ·f64(SB), 24, $8
DATA ·f64+0(SB)/8, $3.25

GLOBL ·bss(SB), 0, $64
GLOBL ·nobss(SB), 16, $32
GLOBL ·nod<>(SB), 16, $8
DATA ·nod<>+0(SB)/8, $·local<>(SB)
GLOBL runtime·tlsg(SB), 256, $8

TEXT ·adjsp(SB), 4, $8-8
	ADJSP $24
	MOVQ a+0(FP), AX
	MOVQ x-8(SP), BX
	ADJSP $-24
	ADJSP $-200
	ADJSP $200
	RET
