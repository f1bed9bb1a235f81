// Bootstrap and the stack switches the scheduler is built on.

#include "textflag.h"
#include "textmark.h"
#include "go_tls.h"
#include "go_asm.h"
#include "print.h"

// asmText and asmEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·asmText)

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

	CALL	runtime·check(SB)
	MOVL	24(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·args(SB)
	CALL	runtime·osinit(SB)
	CALL	runtime·schedinit(SB)

	// Create the main goroutine, then start this M: it schedules the
	// main goroutine and never comes back.
	LEAQ	runtime·mainPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	CALL	runtime·mstart(SB)
	CALL	runtime·abort(SB)
	RET

// mainPC is a funcval for runtime·main.
DATA runtime·mainPC+0(SB)/8, $runtime·main(SB)
GLOBL runtime·mainPC(SB), RODATA, $8

// abort crashes the process at a recognisable instruction.
TEXT runtime·abort(SB), NOSPLIT|NOFRAME, $0
	INT	$3
loop:
	JMP	loop

// func gogo(buf *gobuf): resume the goroutine saved in buf. Never returns.
TEXT runtime·gogo(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	buf+0(FP), BX
	MOVQ	gobuf_g(BX), DX
	get_tls(CX)
	MOVQ	DX, g(CX)
	MOVQ	gobuf_sp(BX), SP
	MOVQ	gobuf_ret(BX), AX
	MOVQ	gobuf_ctxt(BX), DX
	MOVQ	gobuf_bp(BX), BP
	MOVQ	$0, gobuf_sp(BX)
	MOVQ	$0, gobuf_ret(BX)
	MOVQ	$0, gobuf_ctxt(BX)
	MOVQ	$0, gobuf_bp(BX)
	MOVQ	gobuf_pc(BX), BX
	JMP	BX

// func mcall(fn func(*g)): save the caller's state in g.sched, switch to
// g0's stack and call fn(g). fn must not return; the goroutine resumes
// (returning from mcall) when something gogo's its sched.
TEXT runtime·mcall(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	fn+0(FP), DI
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	0(SP), BX	// the caller's PC
	MOVQ	BX, (g_sched+gobuf_pc)(AX)
	LEAQ	fn+0(FP), BX	// the caller's SP
	MOVQ	BX, (g_sched+gobuf_sp)(AX)
	MOVQ	BP, (g_sched+gobuf_bp)(AX)

	MOVQ	g_m(AX), BX
	MOVQ	m_g0(BX), SI
	CMPQ	SI, AX
	JNE	switch
	THROW(str_mcallOnG0)
switch:
	MOVQ	SI, g(CX)
	MOVQ	(g_sched+gobuf_sp)(SI), SP
	PUSHQ	AX
	MOVQ	DI, DX
	MOVQ	0(DI), DI
	CALL	DI
	POPQ	AX
	THROW(str_mcallReturned)
	RET

// func systemstack(fn func()): run fn on g0's stack and come back.
TEXT runtime·systemstack(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	fn+0(FP), DI
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_g0(BX), DX
	CMPQ	AX, DX
	JEQ	noswitch

	// Save where this goroutine is, so a traceback or a debugger sees
	// it, then run fn on g0.
	MOVQ	0(SP), SI
	MOVQ	SI, (g_sched+gobuf_pc)(AX)
	LEAQ	fn+0(FP), SI
	MOVQ	SI, (g_sched+gobuf_sp)(AX)
	MOVQ	BP, (g_sched+gobuf_bp)(AX)
	MOVQ	DX, g(CX)
	MOVQ	(g_sched+gobuf_sp)(DX), SP
	MOVQ	DI, DX
	MOVQ	0(DI), DI
	CALL	DI

	// Back to the goroutine's stack.
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	MOVQ	m_curg(BX), AX
	MOVQ	AX, g(CX)
	MOVQ	(g_sched+gobuf_sp)(AX), SP
	MOVQ	(g_sched+gobuf_bp)(AX), BP
	MOVQ	$0, (g_sched+gobuf_sp)(AX)
	SUBQ	$8, SP	// SP points at the return address again
	RET

noswitch:
	// Already on the system stack: a plain tail call.
	MOVQ	DI, DX
	MOVQ	0(DI), DI
	JMP	DI

// goexit is where every goroutine starts and ends: newproc points a new
// goroutine's PC here, its SP at the top of its stack and DX at its
// funcval, so that its first function is called from goexit and returns
// into it. (Go's runtime instead writes goexit's address onto the new
// stack in newproc; calling from here leaves the stack untouched until
// the goroutine runs, one cache miss fewer for every goroutine started.)
TEXT runtime·goexit(SB), NOSPLIT|NOFRAME|TOPFRAME, $0-0
	CALL	funcval_fn(DX)
	CALL	runtime·goexit1(SB)
	CALL	runtime·abort(SB)

// func memmove(to, from unsafe.Pointer, n uintptr)
TEXT runtime·memmove(SB), NOSPLIT, $0-24
	MOVQ	to+0(FP), DI
	MOVQ	from+8(FP), SI
	MOVQ	n+16(FP), CX
	CMPQ	DI, SI
	JHI	backward
	// Forward: words, then bytes.
fwords:
	CMPQ	CX, $8
	JCS	fbytes
	MOVQ	0(SI), AX
	MOVQ	AX, 0(DI)
	ADDQ	$8, SI
	ADDQ	$8, DI
	SUBQ	$8, CX
	JMP	fwords
fbytes:
	TESTQ	CX, CX
	JEQ	done
	MOVB	0(SI), AX
	MOVB	AX, 0(DI)
	INCQ	SI
	INCQ	DI
	DECQ	CX
	JMP	fbytes
backward:
	// Overlapping with to above from: copy from the end.
	ADDQ	CX, SI
	ADDQ	CX, DI
bbytes:
	TESTQ	CX, CX
	JEQ	done
	DECQ	SI
	DECQ	DI
	MOVB	0(SI), AX
	MOVB	AX, 0(DI)
	DECQ	CX
	JMP	bbytes
done:
	RET

// func memclr(p unsafe.Pointer, n uintptr)
TEXT runtime·memclr(SB), NOSPLIT, $0-16
	MOVQ	p+0(FP), DI
	MOVQ	n+8(FP), CX
	MOVQ	$0, AX
words:
	CMPQ	CX, $8
	JCS	bytes
	MOVQ	AX, 0(DI)
	ADDQ	$8, DI
	SUBQ	$8, CX
	JMP	words
bytes:
	TESTQ	CX, CX
	JEQ	done
	MOVB	AX, 0(DI)
	INCQ	DI
	DECQ	CX
	JMP	bytes
done:
	RET

// g0 and m0: the first goroutine and thread, set up by rt0_go.
GLOBL runtime·g0(SB), NOPTR, $g__size
GLOBL runtime·m0(SB), NOPTR, $m__size

// The g slot in thread-local storage; g(r) refers to it.
GLOBL runtime·tlsg(SB), TLSBSS, $8

TEXT_MARK(runtime·asmEtext)
