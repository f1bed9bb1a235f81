// Stack-split prologues and epilogues of every shape (flags numeric:
// NOSPLIT 4, WRAPPER 32, NEEDCTXT 64, NOFRAME 512, TOPFRAME 2048).

// No frame, but a call: the frame pointer is saved, small check.
TEXT ·zero(SB), 0, $0-8
	CALL ·small(SB)
	RET

// Small frame (with the saved BP, at most 128 bytes): CMPQ SP, 16(R14).
TEXT ·small(SB), 0, $16-8
	MOVQ a+0(FP), AX
	MOVQ AX, x-8(SP)
	CALL ·zero(SB)
	RET

// 120 + 8 = 128: the largest small frame.
TEXT ·small128(SB), 0, $120-0
	CALL ·zero(SB)
	RET

// 128 + 8: the smallest medium frame, LEAQ -8(SP), R12, and ADJSP's
// ADDQ $-128 form.
TEXT ·medium136(SB), 0, $128-0
	CALL ·zero(SB)
	RET

// Medium frame: LEAQ -(frame-128)(SP), R12; CMPQ R12, 16(R14).
TEXT ·medium(SB), 0, $1000-8
	MOVQ a+0(FP), AX
	CALL ·small(SB)
	RET

// 4088 + 8 = 4096: the largest medium frame.
TEXT ·medium4096(SB), 0, $4088-0
	CALL ·zero(SB)
	RET

// Large frame: MOVQ SP, R12; SUBQ; JCS to morestack; CMPQ.
TEXT ·large(SB), 0, $100000-8
	MOVQ a+0(FP), AX
	CALL ·small(SB)
	RET

// A leaf with a frame of 128 bytes or more is checked too.
TEXT ·leafbig(SB), 0, $200-8
	RET

// NOFRAME: the check, no frame pointer.
TEXT ·noframe(SB), 512, $0-8
	CALL ·small(SB)
	RET

// WRAPPER: as the installed Go does it.
TEXT ·wrapper(SB), 32, $16-8
	CALL ·small(SB)
	RET

// NEEDCTXT calls runtime·morestack instead of morestack_noctxt.
TEXT ·needctxt(SB), 64, $16-8
	CALL ·small(SB)
	RET

TEXT ·topframe(SB), 2048, $16-8
	CALL ·small(SB)
	RET

// A tail JMP keeps the frame; RET sym(SB) unwinds it, then jumps.
TEXT ·tail(SB), 0, $16-8
	CALL ·small(SB)
	JMP ·small(SB)

TEXT ·retsym(SB), 0, $16-8
	CALL ·small(SB)
	RET ·small(SB)

TEXT ·retsym0(SB), 4, $0-8
	RET ·small(SB)

// Several returns, each with its epilogue; a branch to a RET runs it.
TEXT ·tworet(SB), 0, $24-8
	CMPQ AX, $0
	JEQ l
	CALL ·small(SB)
	RET
l:
	RET

// Explicit NOSPLIT: no check whatever the frame.
TEXT ·nosplit(SB), 4, $64-8
	CALL ·small(SB)
	RET

// Leaves under 128 bytes and calls to zero-argument panics stay unchecked.
TEXT ·leaf(SB), 0, $32-8
	MOVQ a+0(FP), AX
	RET

TEXT ·panics(SB), 0, $16-0
	CALL runtime·panicdivide(SB)
	RET

// ADJSP in the body, and PUSH/POP tracked in pseudo-SP offsets.
TEXT ·adjsp(SB), 0, $16-8
	ADJSP $128
	MOVQ x-8(SP), AX
	ADJSP $-128
	PUSHQ AX
	MOVQ a+0(FP), BX
	POPQ AX
	CALL ·small(SB)
	RET

// A long body: the JLS to morestack is long, the JMP back too.
TEXT ·longbody(SB), 0, $16-0
	CALL ·small(SB)
	MOVQ $0, AX
	MOVQ $1, AX
	MOVQ $2, AX
	MOVQ $3, AX
	MOVQ $4, AX
	MOVQ $5, AX
	MOVQ $6, AX
	MOVQ $7, AX
	MOVQ $8, AX
	MOVQ $9, AX
	MOVQ $10, AX
	MOVQ $11, AX
	MOVQ $12, AX
	MOVQ $13, AX
	MOVQ $14, AX
	MOVQ $15, AX
	MOVQ $16, AX
	MOVQ $17, AX
	MOVQ $18, AX
	MOVQ $19, AX
	RET

// NOFRAME with locals: checked, but BP is not saved.
TEXT ·noframe16(SB), 512, $16-8
	CALL ·small(SB)
	MOVQ x-8(SP), AX
	RET

TEXT ·noframeLarge(SB), 512|64, $8192-8
	CALL ·small(SB)
	RET

// A loop back to the top and a PCALIGN inside a checked function.
TEXT ·loop(SB), 0, $8-8
top:
	CALL ·small(SB)
	DECQ AX
	JNE top
	PCALIGN $16
	MOVQ a+0(FP), AX
	RET

// DUPOK and a frame written without an argument size.
TEXT ·dupok(SB), 2, $24
	CALL ·small(SB)
	RET
