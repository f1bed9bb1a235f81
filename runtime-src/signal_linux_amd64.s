// Signals on Linux, as Go handles them:
//
//   - SIGURG asks a goroutine to stop at once (asynchronous preemption; the
//     saving and restoring is in preempt_amd64.s);
//   - SIGSEGV, SIGBUS, SIGFPE and SIGILL raised by an instruction end the
//     program with a message, naming a stack overflow when the fault is in
//     a goroutine's guard page;
//   - SIGPIPE is caught, so a write to a broken pipe returns EPIPE; on
//     standard output and error, write then ends the program with SIGPIPE
//     (sigpipe), unless it asked for the signal;
//   - SIGQUIT (kill -QUIT, or ^\\ at a terminal) ends the program with a
//     report of every goroutine and the registers, as Go's does;
//   - runtime·signalNotify delivers a signal to channels; a signal nobody
//     asked for keeps its default action.
//
// Handlers run on each M's own signal stack and only count what they
// cannot do at once: a goroutine (sigloop) delivers to the channels, since
// a handler may interrupt a thread that holds a channel's lock.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "print.h"
#include "lock.h"

#define SIGQUIT	3
#define SIGILL	4
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGSEGV	11
#define SIGPIPE	13
#define SIGSTOP	19
#define SIGURG	23

// The signals an instruction raises (bit sig-1 each): never blocked.
#define SYNCSIGS	((1<<(SIGILL-1))|(1<<(SIGBUS-1))|(1<<(SIGFPE-1))|(1<<(SIGSEGV-1)))

#define SIG_DFL	0
#define SIG_UNBLOCK	1

#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x8000000
#define SA_RESTORER	0x4000000
#define SA_RESTART	0x10000000

#define SYS_rt_sigaction	13
#define SYS_rt_sigprocmask	14
#define SYS_rt_sigreturn	15
#define SYS_sigaltstack	131
#define SYS_getpid	39
#define SYS_gettid	186
#define SYS_tgkill	234
#define SYS_exit_group	231

// Offsets in the kernel's siginfo and ucontext on linux/amd64.
#define si_code	8
#define si_addr	16
#define uc_rsp	160
#define uc_rip	168
// uc_mcontext's general registers: r8 … r15, rdi, rsi, rbp, rbx, rdx, rax,
// rcx, rsp, rip, eflags, and cs, gs, fs (2 bytes each).
#define uc_gregs	40
#define uc_cs	184
#define uc_gs	186
#define uc_fs	188

TEXT_MARK(runtime·signalText)

// func initsig(): install the handlers the runtime always needs.
TEXT runtime·initsig(SB), NOSPLIT, $16-0
	MOVQ	$SIGURG, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGSEGV, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGBUS, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGFPE, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGILL, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGPIPE, 0(SP)
	CALL	runtime·catchsig(SB)
	MOVQ	$SIGQUIT, 0(SP)
	CALL	runtime·catchsig(SB)
	RET

// func catchsig(sig int64): route sig to sigtramp, once.
TEXT runtime·catchsig(SB), NOSPLIT, $16-8
	MOVQ	sig+0(FP), CX
	LEAQ	runtime·sigcaught(SB), AX
	CMPB	0(AX)(CX*1), $0
	JNE	done
	MOVB	$1, 0(AX)(CX*1)
	MOVQ	CX, 0(SP)
	LEAQ	runtime·sigtramp(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·setsig(SB)
done:
	RET

// Which signals go to sigtramp, a byte each.
GLOBL runtime·sigcaught(SB), NOPTR, $(const_maxSig+1)

// func setsig(sig int64, handler uintptr): route sig to handler (SIG_DFL
// is 0); a failure is fatal.
TEXT runtime·setsig(SB), NOSPLIT, $24-16
	MOVQ	sig+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	handler+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·sigaction(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JNE	failed
	RET
failed:
	LEAQ	str_sigactionFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

// func sigaction(sig int64, handler uintptr) int64: rt_sigaction(sig) to
// handler, on the signal stack, restarting interrupted calls, with the
// other signals blocked while it runs (as Go's handlers run), but for
// those an instruction raises; 0 or -errno. So no handler interrupts
// another: SIGQUIT arriving with SIGURG waits for sigpreempt to finish,
// and its report starts where the goroutine is, not in sigtramp.
TEXT runtime·sigaction(SB), NOSPLIT, $32-24
	// struct kernel_sigaction { handler, flags, restorer, mask }
	MOVQ	handler+8(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$(SA_SIGINFO|SA_ONSTACK|SA_RESTORER|SA_RESTART), 8(SP)
	LEAQ	runtime·sigreturn(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$~SYNCSIGS, AX
	MOVQ	AX, 24(SP)
	MOVQ	sig+0(FP), DI
	LEAQ	0(SP), SI
	MOVQ	$0, DX
	MOVQ	$8, R10
	MOVL	$SYS_rt_sigaction, AX
	SYSCALL
	MOVQ	AX, ret+16(FP)
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
	CALL	runtime·stackmap(SB)
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
	TESTQ	AX, AX
	JNE	failed
	RET
failed:
	// Without it, a handler would run on whatever stack the thread was
	// on: a goroutine's, into the red zone of the code it interrupted.
	LEAQ	str_sigaltstackFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
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
	MOVQ	sig+0(FP), AX
	CMPQ	AX, $SIGURG
	JNE	fault
	MOVQ	ctx+16(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·sigpreempt(SB)
	JMP	notify
fault:
	CMPQ	AX, $SIGQUIT
	JEQ	quit
	CMPQ	AX, $SIGSEGV
	JEQ	synchronous
	CMPQ	AX, $SIGBUS
	JEQ	synchronous
	CMPQ	AX, $SIGFPE
	JEQ	synchronous
	CMPQ	AX, $SIGILL
	JNE	notify
synchronous:
	// Raised by an instruction (si_code > 0), the fault is fatal; sent
	// with kill, it is a signal like any other, fatal only if unwanted.
	MOVQ	info+8(FP), SI
	CMPL	si_code(SI), $0
	JGT	fatal
	MOVQ	AX, 0(SP)
	CALL	runtime·sigsend(SB)
	CMPB	8(SP), $0
	JEQ	fatal
	RET
fatal:
	MOVQ	sig+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	info+8(FP), SI
	MOVQ	SI, 8(SP)
	MOVQ	ctx+16(FP), DX
	MOVQ	DX, 16(SP)
	CALL	runtime·sigfatal(SB)
	RET
notify:
	// SIGPIPE that nobody wants is dropped: the write returns EPIPE.
	MOVQ	sig+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·sigsend(SB)
	RET
quit:
	// SIGQUIT goes to the channels that asked for it, else ends the
	// program.
	MOVQ	AX, 0(SP)
	CALL	runtime·sigsend(SB)
	CMPB	8(SP), $0
	JNE	delivered
	MOVQ	info+8(FP), SI
	MOVQ	SI, 0(SP)
	MOVQ	ctx+16(FP), DX
	MOVQ	DX, 8(SP)
	CALL	runtime·sigquit(SB)
delivered:
	RET

// func sigpreempt(ctx unsafe.Pointer): make the interrupted goroutine call
// asyncPreempt, if it was asked to stop and can be stopped where it is.
TEXT runtime·sigpreempt(SB), NOSPLIT, $16-8
	// A goroutine (not g0) that sysmon asked to stop and gave an area for
	// its extended state, on an M that holds a P.
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	g_preempt(AX), $0
	JEQ	done
	CMPQ	g_xsave(AX), $0
	JEQ	done
	// Not in a system call or in foreign code (asmcgocall): its P may be
	// another M's already.
	CMPQ	g_status(AX), $const_Grunning
	JNE	done
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	done
	CMPQ	AX, m_g0(BX)
	JEQ	done
	CMPQ	m_p(BX), $0
	JEQ	done
	// Running on its own stack, with room below for asyncPreempt: not in
	// code that switched stacks, nor deep in the stack guard's reserve.
	MOVQ	ctx+0(FP), DX
	MOVQ	uc_rsp(DX), CX
	CMPQ	CX, (g_stack+stack_hi)(AX)
	JHI	done
	SUBQ	(g_stack+stack_lo)(AX), CX
	JCS	done
	CMPQ	CX, $const_asyncPreemptStack
	JCS	done
	// In user code, not the runtime's, which may be halfway through a run
	// queue or channel update.
	MOVQ	uc_rip(DX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·inruntime(SB)
	CMPB	8(SP), $0
	JNE	done
	// Make the goroutine call asyncPreempt from where it was, with the
	// interrupted PC as the return address just below the red zone.
	MOVQ	ctx+0(FP), DX
	MOVQ	uc_rsp(DX), AX
	SUBQ	$(const_redZoneSize+8), AX
	MOVQ	uc_rip(DX), CX
	MOVQ	CX, 0(AX)
	MOVQ	AX, uc_rsp(DX)
	LEAQ	runtime·asyncPreempt(SB), CX
	MOVQ	CX, uc_rip(DX)
done:
	RET

// func sigfatal(sig int64, info, ctx unsafe.Pointer): a fault ends the
// program.
TEXT runtime·sigfatal(SB), NOSPLIT, $32-24
	// The traceback starts at the faulting instruction.
	MOVQ	ctx+16(FP), DX
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, runtime·fatalpc(SB)
	MOVQ	uc_rsp(DX), AX
	MOVQ	AX, runtime·fatalsp(SB)
	MOVQ	$1, runtime·fatalfault(SB)
	// A stack overflow: a fault in the guard page below the stack, or a
	// goroutine's SP below its segment (an overrun no prologue saw, that
	// ran into a guard page further down).
	MOVQ	info+8(FP), SI
	MOVQ	si_addr(SI), SI
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	unexpected
	MOVQ	(g_stack+stack_lo)(AX), CX
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	guard
	CMPQ	AX, m_g0(BX)
	JEQ	guard
	MOVQ	ctx+16(FP), DX
	CMPQ	uc_rsp(DX), CX
	JCS	overflow
guard:
	CMPQ	SI, CX
	JCC	unexpected
	SUBQ	$const_guardSize, CX
	CMPQ	SI, CX
	JCS	unexpected
overflow:
	THROW(str_stackOverflow)
unexpected:
	PRINTERR(str_unexpectedSignal)
	PRINTERR_INT(sig+0(FP))
	PRINTERR(str_sigAddr)
	MOVQ	$2, 0(SP)
	MOVQ	info+8(FP), SI
	MOVQ	si_addr(SI), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	PRINTERR(str_sigPC)
	MOVQ	$2, 0(SP)
	MOVQ	ctx+16(FP), DX
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	CALL	runtime·fatalexit(SB)
	RET

// func sigquit(info, ctx unsafe.Pointer): SIGQUIT that nobody asked for
// ends the program as in Go: "SIGQUIT: quit", the interrupted PC, the M
// and the signal's code, then (fatalexit) the goroutine the thread was
// running from where the signal stopped it, every other goroutine, and
// the registers. Exit status 2.
TEXT runtime·sigquit(SB), NOSPLIT, $24-16
	PRINTERR(str_sigquitHeader)
	MOVQ	$2, 0(SP)
	MOVQ	ctx+8(FP), DX
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	PRINTERR(str_sigquitM)
	MOVQ	$0, AX
	get_tls(CX)
	MOVQ	g(CX), BX
	TESTQ	BX, BX
	JEQ	mid
	MOVQ	g_m(BX), BX
	TESTQ	BX, BX
	JEQ	mid
	MOVQ	m_id(BX), AX
mid:
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_sigquitCode)
	MOVQ	info+0(FP), SI
	MOVLQSX	si_code(SI), AX
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	// The registers, in the order printregs names them.
	MOVQ	ctx+8(FP), DX
	LEAQ	runtime·fatalregs(SB), DI
	MOVQ	(uc_gregs+13*8)(DX), AX	// rax
	MOVQ	AX, 0(DI)
	MOVQ	(uc_gregs+11*8)(DX), AX	// rbx
	MOVQ	AX, 8(DI)
	MOVQ	(uc_gregs+14*8)(DX), AX	// rcx
	MOVQ	AX, 16(DI)
	MOVQ	(uc_gregs+12*8)(DX), AX	// rdx
	MOVQ	AX, 24(DI)
	MOVQ	(uc_gregs+8*8)(DX), AX	// rdi
	MOVQ	AX, 32(DI)
	MOVQ	(uc_gregs+9*8)(DX), AX	// rsi
	MOVQ	AX, 40(DI)
	MOVQ	(uc_gregs+10*8)(DX), AX	// rbp
	MOVQ	AX, 48(DI)
	MOVQ	uc_rsp(DX), AX
	MOVQ	AX, 56(DI)
	MOVQ	$0, CX	// r8 … r15
regs:
	MOVQ	uc_gregs(DX)(CX*8), AX
	MOVQ	AX, 64(DI)(CX*8)
	INCQ	CX
	CMPQ	CX, $8
	JNE	regs
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, 128(DI)
	MOVQ	(uc_rip+8)(DX), AX	// eflags
	MOVQ	AX, 136(DI)
	MOVWQZX	uc_cs(DX), AX
	MOVQ	AX, 144(DI)
	MOVWQZX	uc_fs(DX), AX
	MOVQ	AX, 152(DI)
	MOVWQZX	uc_gs(DX), AX
	MOVQ	AX, 160(DI)
	MOVQ	$1, runtime·fatalhasregs(SB)
	// The traceback starts where the signal stopped the thread.
	MOVQ	uc_rip(DX), AX
	MOVQ	AX, runtime·fatalpc(SB)
	MOVQ	uc_rsp(DX), AX
	MOVQ	AX, runtime·fatalsp(SB)
	MOVQ	$1, runtime·fatalfault(SB)
	CALL	runtime·fatalexit(SB)
	RET

// func sigsend(sig int64) bool: count one arrival of sig for sigloop if a
// channel wants it, and wake sigloop. Safe in a handler: no locks.
TEXT runtime·sigsend(SB), NOSPLIT, $16-9
	MOVQ	sig+0(FP), CX
	LEAQ	runtime·sigwanted(SB), AX
	CMPQ	0(AX)(CX*8), $0
	JEQ	unwanted
	LEAQ	runtime·sigpending(SB), AX
	LOCK
	INCQ	0(AX)(CX*8)
	LEAQ	runtime·signote(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notewakeup(SB)
	MOVB	$1, ret+8(FP)
	RET
unwanted:
	MOVB	$0, ret+8(FP)
	RET

// func signalNotify(sig int64, c *hchan): deliver every arrival of sig on
// c (8-byte elements: the signal's number), without blocking: an arrival
// that finds c full is dropped for c, as os/signal does. Several channels
// may ask for one signal; asking twice with the same channel is asking
// once.
TEXT runtime·signalNotify(SB), NOSPLIT, $32-16
	MOVQ	sig+0(FP), AX
	CMPQ	AX, $1
	JLT	badsig
	CMPQ	AX, $const_maxSig
	JGT	badsig
	CMPQ	AX, $SIGKILL
	JEQ	uncatchable
	CMPQ	AX, $SIGSTOP
	JEQ	uncatchable
	MOVQ	c+8(FP), BX
	TESTQ	BX, BX
	JEQ	nilchan
	CMPQ	hchan_elemsize(BX), $8
	JNE	elemsize

	LOCK_MUTEX(runtime·siglock(SB))
	MOVQ	sig+0(FP), CX
	LEAQ	runtime·sigwanted(SB), AX
	MOVQ	0(AX)(CX*8), DX
	MOVQ	c+8(FP), BX
known:
	TESTQ	DX, DX
	JEQ	add
	CMPQ	sigchan_c(DX), BX
	JEQ	unlock
	MOVQ	sigchan_next(DX), DX
	JMP	known
add:
	MOVQ	$sigchan__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DX
	MOVQ	c+8(FP), BX
	MOVQ	BX, sigchan_c(DX)
	MOVQ	sig+0(FP), CX
	LEAQ	runtime·sigwanted(SB), AX
	MOVQ	0(AX)(CX*8), BX
	MOVQ	BX, sigchan_next(DX)
	MOVQ	DX, 0(AX)(CX*8)	// published complete: handlers read it unlocked
	CMPQ	runtime·sigloopStarted(SB), $0
	JNE	catch
	MOVQ	$1, runtime·sigloopStarted(SB)
	LEAQ	runtime·sigloopPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
catch:
	MOVQ	sig+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·catchsig(SB)
unlock:
	UNLOCK_MUTEX(runtime·siglock(SB))
	RET
badsig:
	LEAQ	str_notifyBadSignal, AX
	JMP	throw
uncatchable:
	LEAQ	str_notifyUncatchable, AX
	JMP	throw
nilchan:
	LEAQ	str_notifyNilChannel, AX
	JMP	throw
elemsize:
	LEAQ	str_notifyElemSize, AX
throw:
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// sigloop is the goroutine that hands counted signals to their channels.
// It waits for the handler's wake-up in the kernel, with its P handed off
// as in any blocking system call.
TEXT runtime·sigloop(SB), NOSPLIT, $24-0
again:
	// Clear before looking, so an arrival after the look wakes the sleep.
	LEAQ	runtime·signote(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·noteclear(SB)
	MOVQ	$0, found-8(SP)
	MOVQ	$1, sig-16(SP)
each:
	MOVQ	sig-16(SP), CX
	CMPQ	CX, $const_maxSig
	JGT	looked
	INCQ	sig-16(SP)
	LEAQ	runtime·sigpending(SB), AX
	MOVQ	$0, DX
	XCHGQ	DX, 0(AX)(CX*8)
	TESTQ	DX, DX
	JEQ	each
	MOVQ	$1, found-8(SP)
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	CALL	runtime·sigdeliver(SB)
	JMP	each
looked:
	CMPQ	found-8(SP), $0
	JNE	again
	CALL	runtime·entersyscall(SB)
	LEAQ	runtime·signote(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notesleep(SB)
	CALL	runtime·exitsyscall(SB)
	JMP	again

DATA runtime·sigloopPC+0(SB)/8, $runtime·sigloop(SB)
GLOBL runtime·sigloopPC(SB), RODATA, $8

// func sigdeliver(sig, n int64): send sig n times to each channel that
// wants it, as long as each has room.
TEXT runtime·sigdeliver(SB), NOSPLIT, $40-16
	LOCK_MUTEX(runtime·siglock(SB))
	MOVQ	sig+0(FP), CX
	LEAQ	runtime·sigwanted(SB), AX
	MOVQ	0(AX)(CX*8), AX
	MOVQ	AX, sc-8(SP)
channel:
	MOVQ	sc-8(SP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	n+8(FP), CX
	MOVQ	CX, left-16(SP)
send:
	CMPQ	left-16(SP), $0
	JEQ	nextchannel
	DECQ	left-16(SP)
	MOVQ	sc-8(SP), AX
	MOVQ	sigchan_c(AX), AX
	MOVQ	AX, 0(SP)
	LEAQ	sig+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·selectnbsend(SB)
	CMPB	16(SP), $0
	JNE	send
nextchannel:
	MOVQ	sc-8(SP), AX
	MOVQ	sigchan_next(AX), AX
	MOVQ	AX, sc-8(SP)
	JMP	channel
done:
	UNLOCK_MUTEX(runtime·siglock(SB))
	RET

// For each signal, the channels that want it (a list of sigchan) and the
// arrivals sigloop has not delivered yet.
GLOBL runtime·sigwanted(SB), NOPTR, $((const_maxSig+1)*8)
GLOBL runtime·sigpending(SB), NOPTR, $((const_maxSig+1)*8)
GLOBL runtime·siglock(SB), NOPTR, $8
GLOBL runtime·signote(SB), NOPTR, $8
GLOBL runtime·sigloopStarted(SB), NOPTR, $8

// func sigpipe(): a write to standard output or error found a broken pipe.
// As in Go, the program dies of SIGPIPE, so its parent sees that signal,
// unless it asked for the signal (then the handler has delivered it, and
// write returns EPIPE). Only system calls, no frame: write calls it at the
// end of the runtime's longest NOSPLIT chains (a fatal error's message).
TEXT runtime·sigpipe(SB), NOSPLIT|NOFRAME, $0-0
	CMPQ	runtime·sigwanted+(SIGPIPE*8)(SB), $0
	JNE	done
	// Default action, unblocked, then raised in this thread.
	MOVL	$SIGPIPE, DI
	LEAQ	runtime·sigdefault(SB), SI
	MOVQ	$0, DX
	MOVQ	$8, R10
	MOVL	$SYS_rt_sigaction, AX
	SYSCALL
	MOVL	$SIG_UNBLOCK, DI
	LEAQ	runtime·sigpipemask(SB), SI
	MOVQ	$0, DX
	MOVQ	$8, R10
	MOVL	$SYS_rt_sigprocmask, AX
	SYSCALL
	MOVL	$SYS_getpid, AX
	SYSCALL
	MOVQ	AX, R12
	MOVL	$SYS_gettid, AX
	SYSCALL
	MOVQ	R12, DI
	MOVQ	AX, SI
	MOVL	$SIGPIPE, DX
	MOVL	$SYS_tgkill, AX
	SYSCALL
	// Still here: end as a fatal error would.
	MOVL	$2, DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
done:
	RET

// A kernel_sigaction of all zeros: SIG_DFL. And the signal set {SIGPIPE}.
GLOBL runtime·sigdefault(SB), RODATA|NOPTR, $32
DATA runtime·sigpipemask+0(SB)/8, $(1<<(SIGPIPE-1))
GLOBL runtime·sigpipemask(SB), RODATA|NOPTR, $8

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

TEXT_MARK(runtime·signalEtext)
