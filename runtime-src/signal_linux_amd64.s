// Signals: SIGURG asks a goroutine to stop at once (asynchronous
// preemption); SIGSEGV and SIGBUS end the program with a message, naming a
// stack overflow when the fault is in a goroutine's guard page. Handlers
// run on each M's own signal stack.

#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

#define SIGILL	4
#define SIGBUS	7
#define SIGFPE	8
#define SIGSEGV	11
#define SIGURG	23

#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x8000000
#define SA_RESTORER	0x4000000
#define SA_RESTART	0x10000000

#define SYS_rt_sigaction	13
#define SYS_rt_sigreturn	15
#define SYS_sigaltstack	131
#define SYS_getpid	39
#define SYS_tgkill	234

// Offsets in the kernel's siginfo and ucontext on linux/amd64.
#define si_addr	16
#define uc_rsp	160
#define uc_rip	168

TEXT runtime·signalText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

// func initsig(): install the runtime's signal handlers.
TEXT runtime·initsig(SB), NOSPLIT, $64-0
	// struct kernel_sigaction { handler, flags, restorer, mask }
	LEAQ	runtime·sigtramp(SB), AX
	MOVQ	AX, 32(SP)
	MOVQ	$(SA_SIGINFO|SA_ONSTACK|SA_RESTORER|SA_RESTART), 40(SP)
	LEAQ	runtime·sigreturn(SB), AX
	MOVQ	AX, 48(SP)
	MOVQ	$0, 56(SP)
	MOVQ	$SIGURG, 0(SP)
	CALL	runtime·setsig(SB)
	MOVQ	$SIGSEGV, 0(SP)
	CALL	runtime·setsig(SB)
	MOVQ	$SIGBUS, 0(SP)
	CALL	runtime·setsig(SB)
	MOVQ	$SIGFPE, 0(SP)
	CALL	runtime·setsig(SB)
	MOVQ	$SIGILL, 0(SP)
	CALL	runtime·setsig(SB)
	RET

// setsig(sig) installs the sigaction its caller keeps at 32(SP) of the
// caller's frame (just past this call's argument area).
TEXT runtime·setsig(SB), NOSPLIT, $0-8
	MOVQ	sig+0(FP), DI
	LEAQ	sig+32(FP), SI
	MOVQ	$0, DX
	MOVQ	$8, R10
	MOVL	$SYS_rt_sigaction, AX
	SYSCALL
	RET

// func minit(): per-M set-up, on the M's own thread: its thread id (where
// sysmon sends SIGURG) and its signal stack.
TEXT runtime·minit(SB), NOSPLIT, $32-0
	CALL	runtime·gettid(SB)
	MOVQ	0(SP), AX
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	g_m(CX), CX
	MOVQ	AX, m_procid(CX)
	MOVQ	$const_sigStackSize, 0(SP)
	CALL	runtime·stackalloc(SB)
	MOVQ	8(SP), AX
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	g_m(CX), CX
	MOVQ	AX, m_sigstack(CX)
	// stack_t { ss_sp, ss_flags, ss_size }
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	MOVQ	$const_sigStackSize, 16(SP)
	LEAQ	0(SP), DI
	MOVQ	$0, SI
	MOVL	$SYS_sigaltstack, AX
	SYSCALL
	RET

TEXT runtime·sigreturn(SB), NOSPLIT|NOFRAME, $0
	MOVL	$SYS_rt_sigreturn, AX
	SYSCALL
	INT	$3

// sigtramp is the handler the kernel calls, with the C ABI: DI = signal,
// SI = siginfo, DX = ucontext. The kernel restores every register from the
// ucontext on sigreturn, so nothing here needs saving.
TEXT runtime·sigtramp(SB), NOSPLIT|NOFRAME|TOPFRAME, $0
	SUBQ	$40, SP
	MOVQ	DI, 0(SP)
	MOVQ	SI, 8(SP)
	MOVQ	DX, 16(SP)
	CALL	runtime·sighandler(SB)
	ADDQ	$40, SP
	RET

// func sighandler(sig int64, info, ctx unsafe.Pointer)
TEXT runtime·sighandler(SB), NOSPLIT, $32-24
	CMPQ	sig+0(FP), $SIGURG
	JNE	fault
	// Preempt only a goroutine that was asked to stop, running user code
	// (not the runtime's, which may be in the middle of a queue update)
	// on an M that holds a P.
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	g_preempt(AX), $0
	JEQ	done
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	done
	CMPQ	AX, m_g0(BX)
	JEQ	done
	CMPQ	m_p(BX), $0
	JEQ	done
	MOVQ	ctx+16(FP), DX
	MOVQ	uc_rip(DX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·inruntime(SB)
	CMPB	8(SP), $0
	JNE	done
	// Make the goroutine call asyncPreempt from where it was: push the
	// interrupted PC as the return address.
	MOVQ	ctx+16(FP), DX
	MOVQ	uc_rsp(DX), AX
	SUBQ	$8, AX
	MOVQ	uc_rip(DX), CX
	MOVQ	CX, 0(AX)
	MOVQ	AX, uc_rsp(DX)
	LEAQ	runtime·asyncPreempt(SB), CX
	MOVQ	CX, uc_rip(DX)
done:
	RET

fault:
	// A fault in the guard page below a goroutine's stack is an overflow.
	MOVQ	info+8(FP), SI
	MOVQ	si_addr(SI), SI
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	unexpected
	MOVQ	(g_stack+stack_lo)(AX), CX
	CMPQ	SI, CX
	JCC	unexpected
	SUBQ	$const_guardSize, CX
	CMPQ	SI, CX
	JCS	unexpected
	LEAQ	str_stackOverflow, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
unexpected:
	LEAQ	str_unexpectedSignal, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	sig+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	str_sigAddr, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	info+8(FP), SI
	MOVQ	si_addr(SI), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	LEAQ	str_sigPC, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	ctx+16(FP), DX
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	CALL	runtime·fatalexit(SB)
	RET

// asyncPreempt runs in a goroutine that a signal interrupted, as if the
// goroutine had called it where it stood: it saves every register, yields
// the P, and when the goroutine is scheduled again restores them and
// returns to the interrupted instruction.
TEXT runtime·asyncPreempt(SB), NOSPLIT|NOFRAME, $0
	PUSHFQ
	PUSHQ	AX
	PUSHQ	BX
	PUSHQ	CX
	PUSHQ	DX
	PUSHQ	SI
	PUSHQ	DI
	PUSHQ	BP
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	// The x87/SSE state, 512 bytes at a 16-byte boundary.
	MOVQ	SP, R12
	SUBQ	$528, SP
	ANDQ	$~15, SP
	MOVQ	R12, 512(SP)
	// FXSAVE64 (SP)
	BYTE	$0x48; BYTE $0x0f; BYTE $0xae; BYTE $0x04; BYTE $0x24
	CALL	runtime·asyncPreempt2(SB)
	// FXRSTOR64 (SP)
	BYTE	$0x48; BYTE $0x0f; BYTE $0xae; BYTE $0x0c; BYTE $0x24
	MOVQ	512(SP), SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	R11
	POPQ	R10
	POPQ	R9
	POPQ	R8
	POPQ	BP
	POPQ	DI
	POPQ	SI
	POPQ	DX
	POPQ	CX
	POPQ	BX
	POPQ	AX
	POPFQ
	RET

// asyncPreempt2 yields: the goroutine goes to the global run queue.
TEXT runtime·asyncPreempt2(SB), NOSPLIT, $8-0
	LEAQ	runtime·gopreempt_mPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func tgkill(tid int64, sig int64): send sig to one thread of this process.
TEXT runtime·tgkill(SB), NOSPLIT, $0-16
	MOVL	$SYS_getpid, AX
	SYSCALL
	MOVQ	AX, DI
	MOVQ	tid+0(FP), SI
	MOVQ	sig+8(FP), DX
	MOVL	$SYS_tgkill, AX
	SYSCALL
	RET

TEXT runtime·signalEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
