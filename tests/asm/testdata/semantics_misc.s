// Pseudo-registers, immediates, TLS, RET forms and data in text.

// FP arguments, named pseudo-SP locals, hardware SP, addresses of both.
TEXT ·pseudo(SB), 4, $24-32
	MOVQ a+0(FP), AX
	MOVL b+8(FP), BX
	MOVQ c+16(FP)(AX*8), CX
	MOVQ AX, x-8(SP)
	MOVQ x-24(SP), DX
	MOVQ y-8(SP)(BX*1), DX
	MOVQ 0(SP), SI
	MOVQ 16(SP), DI
	MOVQ $a+0(FP), R8
	MOVQ $x-16(SP), R9
	LEAQ x-8(SP), R10
	MOVL $b+8(FP), R11
	MOVQ AX, ret+24(FP)
	RET

// A frame written negative has no locals.
TEXT ·negframe(SB), 4, $-8-16
	MOVQ a+0(FP), AX
	MOVQ x-8(SP), BX
	RET

// Pseudo-SP moves with PUSH and POP.
TEXT ·pushes(SB), 4, $16-8
	PUSHQ AX
	MOVQ x-8(SP), AX
	MOVQ a+0(FP), AX
	PUSHW AX
	MOVQ a+0(FP), AX
	POPW AX
	PUSHFQ
	MOVQ a+0(FP), AX
	POPFQ
	POPQ AX
	RET

// $0 and $-1 in every width and the forms Go picks for them.
TEXT ·imms(SB), 4, $0-0
	MOVQ $0, AX
	MOVQ $-1, AX
	MOVQ $0xffffffff, AX
	MOVQ $-0x80000000, AX
	MOVQ $0x80000000, AX
	MOVL $-1, AX
	MOVL $0, AX
	MOVW $-1, AX
	MOVB $-1, AL
	ADDQ $-1, AX
	ADDQ $-128, AX
	ADDQ $128, AX
	SUBQ $-1, AX
	ANDQ $-1, AX
	ANDL $0xffffffff, AX
	CMPQ AX, $-1
	CMPQ AX, $0
	CMPB AL, $-1
	PUSHQ $-1
	PUSHQ $0
	PUSHQ $0x1000
	POPQ AX
	POPQ AX
	POPQ AX
	MOVQ $-1, (AX)
	MOVQ $0, 8(AX)
	IMUL3Q $-1, AX, BX
	SHLQ $1, AX
	TESTQ $-1, AX
	RET

// TLS: the two-instruction form, direct forms, g stores.
TEXT ·tls(SB), 4, $0-0
	MOVQ TLS, CX
	MOVQ 0(CX)(TLS*1), AX
	MOVQ AX, 0(CX)(TLS*1)
	MOVQ (TLS), BX
	MOVQ BX, (TLS)
	MOVQ 8(TLS), DX
	MOVL (TLS), DX
	RET

// Data in text.
TEXT ·bytes(SB), 4, $0-0
	BYTE $0x90
	BYTE $0x1ff
	WORD $0x1234
	WORD $-1
	LONG $0x12345678
	LONG $0x123456789
	QUAD $-1
	QUAD $0x0102030405060708
	RET

// Branches by label and by instruction count, to a RET with an epilogue.
TEXT ·branches(SB), 4, $8-0
	JMP 2(PC)
	NOP
	JEQ done
	MOVQ $1, AX
	JMP -1(PC)
done:
	RET

// CALL and JMP through registers and memory; RET to a symbol.
TEXT ·indirect(SB), 4, $0-0
	CALL AX
	CALL (AX)
	CALL ·bytes(SB)
	JMP BX
	JMP 8(BX)
	RET ·bytes(SB)

// Float constants become read-only symbols; zero moved to X is XORPS.
TEXT ·floats(SB), 4, $0-0
	MOVSD $1.5, X0
	MOVSS $0.25, X1
	ADDSD $2.0, X2
	MULSD $(-1.0), X3
	MOVSD $0.0, X4
	MOVSS $0.0, X5
	MOVSD $(-0.0), X6
	UCOMISD $3.0, X7
	CMPSD X1, X0, 1
	CMPPS X1, X0, 4
	RET

// Local (file-static) functions and data, and references to both.
TEXT ·static<>(SB), 4, $0-0
	MOVQ data<>+8(SB), AX
	MOVQ $data<>(SB), BX
	LEAQ ·rodata+4(SB), CX
	CALL ·static<>(SB)
	JMP ·static<>(SB)

// Every GLOBL flag and DATA kind.
GLOBL data<>(SB), 8, $24
DATA data<>+0(SB)/8, $·static<>(SB)
DATA data<>+8(SB)/8, $·rodata+16(SB)
DATA data<>+16(SB)/4, $0x01020304
DATA data<>+20(SB)/2, $0x0506
DATA data<>+22(SB)/1, $7
GLOBL ·rodata(SB), 8, $32
DATA ·rodata+0(SB)/8, $"abcdefgh"
DATA ·rodata+8(SB)/4, $"ijk"
DATA ·rodata+16(SB)/8, $1.5
DATA ·rodata+24(SB)/4, $2.5
GLOBL ·data(SB), 0, $16
DATA ·data+0(SB)/8, $·pseudo(SB)
DATA ·data+8(SB)/8, $-1
GLOBL ·bss(SB), 0, $64
GLOBL ·noptrdata(SB), 16, $8
DATA ·noptrdata+0(SB)/8, $42
GLOBL ·noptrbss(SB), 16, $8
GLOBL ·tlsbss(SB), 256, $8
GLOBL ·dupok(SB), 2, $8
DATA ·dupok+0(SB)/8, $1
GLOBL ·dupokro(SB), 2|8, $8
DATA ·dupokro+0(SB)/8, $2
GLOBL ·noptrtls(SB), 16|256, $8
GLOBL ·rotls(SB), 8|256, $8
GLOBL ·grown(SB), 0, $8
DATA ·grown+8(SB)/4, $3
GLOBL ·sparse(SB), 0, $32
DATA ·sparse+24(SB)/8, $9
