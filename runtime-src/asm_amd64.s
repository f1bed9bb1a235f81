// Bootstrap: from the kernel's stack to main·main.

#include "textflag.h"
#include "go_tls.h"
#include "go_asm.h"

// rt0_go runs on the stack the kernel gave the process, which becomes g0's
// stack. DI = argc, SI = argv.
TEXT runtime·rt0_go(SB), NOSPLIT|NOFRAME|TOPFRAME, $0
	// Keep argc and argv in the frame, with SP aligned to 16 bytes as
	// the System V ABI expects at a call.
	MOVQ	DI, AX
	MOVQ	SI, BX
	SUBQ	$(5*8), SP
	ANDQ	$~15, SP
	MOVQ	AX, 24(SP)
	MOVQ	BX, 32(SP)

	// g0 runs on the OS stack: claim g0StackSize bytes below SP.
	LEAQ	runtime·g0(SB), DI
	LEAQ	(-const_g0StackSize+104)(SP), BX
	MOVQ	BX, g_stackguard0(DI)
	MOVQ	BX, g_stackguard1(DI)
	MOVQ	BX, (g_stack+stack_lo)(DI)
	MOVQ	SP, (g_stack+stack_hi)(DI)

	// Point FS at m0's TLS slot, then check that a store through g()
	// lands in that slot.
	LEAQ	runtime·m0+m_tls(SB), DI
	CALL	runtime·settls(SB)
	get_tls(BX)
	MOVQ	$0x123, g(BX)
	MOVQ	runtime·m0+m_tls(SB), AX
	CMPQ	AX, $0x123
	JEQ	tlsok
	CALL	runtime·abort(SB)
tlsok:
	// g = g0, and link g0 and m0 to each other.
	get_tls(BX)
	LEAQ	runtime·g0(SB), CX
	MOVQ	CX, g(BX)
	LEAQ	runtime·m0(SB), AX
	MOVQ	CX, m_g0(AX)
	MOVQ	AX, g_m(CX)

	MOVL	24(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·args(SB)

	CALL	main·main(SB)

	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	CALL	runtime·abort(SB)
	RET

// abort crashes the process at a recognisable instruction.
TEXT runtime·abort(SB), NOSPLIT|NOFRAME, $0
	INT	$3
loop:
	JMP	loop

// args records argc and argv for later use.
TEXT runtime·args(SB), NOSPLIT, $0-16
	MOVQ	argc+0(FP), AX
	MOVQ	AX, runtime·argc(SB)
	MOVQ	argv+8(FP), AX
	MOVQ	AX, runtime·argv(SB)
	RET

GLOBL runtime·argc(SB), NOPTR, $8
GLOBL runtime·argv(SB), NOPTR, $8

// g0 and m0: the first goroutine and thread, set up by rt0_go.
GLOBL runtime·g0(SB), NOPTR, $g__size
GLOBL runtime·m0(SB), NOPTR, $m__size

// The g slot in thread-local storage; g(r) refers to it.
GLOBL runtime·tlsg(SB), TLSBSS, $8
