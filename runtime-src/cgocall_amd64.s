// Calling foreign code (gcc's, GNU as's) from Plan 9 code, as Go's cgo
// calls C: on the M's g0 stack, which is big, and with the goroutine's P
// left the way a system call leaves it, so a long call does not keep other
// goroutines from running.
//
// A goroutine's stack is for Plan 9 code, whose frames the function table
// describes and whose prologues check the room left; foreign code has
// neither, so nothing would stop it running off the end of a small stack.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"

// cgocallText and cgocallEtext bound this file's code: see
// textranges_amd64.s. A goroutine is never preempted asynchronously in
// asmcgocall, which is halfway through a stack switch.
TEXT_MARK(runtime·cgocallText)

// func asmcgocall(fn, arg unsafe.Pointer) int32: call the System V
// function fn with arg (in DI), on g0's stack, 16-byte aligned; its result
// is EAX. A goroutine goes through entersyscall first and exitsyscall
// after: while fn runs, the goroutine is in the syscall state (never
// preempted) and its P may go to another M. Already on g0, or on the
// signal stack, fn is called where SP is. Every register may change.
TEXT runtime·asmcgocall(SB), NOSPLIT|NOFRAME, $0-20
	get_tls(CX)
	MOVQ	g(CX), DI
	TESTQ	DI, DI
	JEQ	direct
	MOVQ	g_m(DI), BX
	TESTQ	BX, BX
	JEQ	direct
	CMPQ	DI, m_g0(BX)
	JEQ	direct
	// A signal handler runs on the M's signal stack whichever g it
	// interrupted: no switch there either.
	MOVQ	m_sigstack(BX), SI
	TESTQ	SI, SI
	JEQ	goroutine
	CMPQ	SP, SI
	JCS	goroutine
	ADDQ	$const_sigStackSize, SI
	CMPQ	SP, SI
	JCS	direct

goroutine:
	// Where the goroutine is while fn runs: in its caller, just after
	// the call, as mcall and systemstack record it; a traceback of the
	// goroutine starts there.
	MOVQ	0(SP), SI
	MOVQ	SI, (g_sched+gobuf_pc)(DI)
	LEAQ	fn+0(FP), SI
	MOVQ	SI, (g_sched+gobuf_sp)(DI)
	MOVQ	BP, (g_sched+gobuf_bp)(DI)
	CALL	runtime·entersyscall(SB)

	// To g0's stack. The goroutine's g and how deep SP is in its stack
	// are kept there, above fn's frame; C leaves them alone. (SP is
	// loaded whole, so the SP depth table keeps describing the
	// goroutine's side of this function.)
	get_tls(CX)
	MOVQ	g(CX), DI
	MOVQ	g_m(DI), BX
	MOVQ	m_g0(BX), SI
	MOVQ	(g_stack+stack_hi)(DI), DX
	SUBQ	SP, DX
	MOVQ	fn+0(FP), AX
	MOVQ	arg+8(FP), R8
	MOVQ	(g_sched+gobuf_sp)(SI), R9
	ANDQ	$~15, R9
	SUBQ	$16, R9
	MOVQ	SI, g(CX)
	MOVQ	R9, SP
	MOVQ	DX, 0(SP)
	MOVQ	DI, 8(SP)
	MOVQ	R8, DI
	CALL	AX

	// Back on the goroutine's stack.
	MOVQ	8(SP), DI
	MOVQ	0(SP), DX
	get_tls(CX)
	MOVQ	DI, g(CX)
	MOVQ	(g_stack+stack_hi)(DI), SI
	SUBQ	DX, SI
	MOVQ	SI, SP
	MOVL	AX, ret+16(FP)
	MOVQ	$0, (g_sched+gobuf_sp)(DI)
	CALL	runtime·exitsyscall(SB)
	RET

direct:
	// R12 is callee-saved in the System V ABI.
	MOVQ	fn+0(FP), AX
	MOVQ	arg+8(FP), DI
	MOVQ	SP, R12
	ANDQ	$~15, SP
	CALL	AX
	MOVQ	R12, SP
	MOVL	AX, ret+16(FP)
	RET

TEXT_MARK(runtime·cgocallEtext)
