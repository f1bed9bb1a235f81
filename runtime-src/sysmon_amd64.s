// sysmon, system calls and preemption.
//
// sysmon runs on its own M with no P. It wakes every 20 µs (backing off to
// 10 ms while nothing happens), takes Ps away from Ms stuck in system calls
// so other goroutines (and the P's timers) can run, wakes an idle M for
// overdue timers, and asks goroutines that have run for 10 ms
// to yield: cooperatively, through stackguard0, which sends the next
// stack-split prologue into morestack, and at once, with SIGURG, for loops
// that call nothing.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "curg.h"
#include "print.h"
#include "allp.h"
#include "lock.h"

#define SCHEDLOCK	runtime·sched+schedt_lock(SB)
#define SIGURG	23

// getg loads the current g into r.

TEXT_MARK(runtime·sysmonText)

// func sysmon(): never returns.
TEXT runtime·sysmon(SB), NOSPLIT, $48-0
	MOVQ	$const_sysmonMinDelay, delay-8(SP)
	MOVQ	$0, idle-16(SP)
loop:
	// Back off while there is nothing to do.
	CMPQ	idle-16(SP), $0
	JNE	backoff
	MOVQ	$const_sysmonMinDelay, delay-8(SP)
	JMP	sleep
backoff:
	CMPQ	idle-16(SP), $50
	JLE	sleep
	MOVQ	delay-8(SP), AX
	SHLQ	$1, AX
	CMPQ	AX, $const_sysmonMaxDelay
	JLE	setdelay
	MOVQ	$const_sysmonMaxDelay, AX
setdelay:
	MOVQ	AX, delay-8(SP)
sleep:
	MOVQ	delay-8(SP), AX
	MOVL	AX, 0(SP)
	CALL	runtime·osusleep(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, now-24(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·retake(SB)
	CMPQ	8(SP), $0
	JEQ	nothing
	MOVQ	$0, idle-16(SP)
	JMP	trace
nothing:
	INCQ	idle-16(SP)
trace:
	// Goroutines in the poller, and nobody has polled for 10 ms (nor
	// blocks in a poll, lastpoll 0): poll, and queue those it readies.
	CMPQ	runtime·netpollinited(SB), $0
	JEQ	timers
	CMPQ	runtime·sched+schedt_npollwait(SB), $0
	JEQ	timers
	MOVQ	runtime·sched+schedt_lastpoll(SB), AX
	TESTQ	AX, AX
	JEQ	timers
	ADDQ	$const_sysmonPollNS, AX
	CMPQ	AX, now-24(SP)
	JGT	timers
	MOVQ	$0, 0(SP)
	CALL	runtime·netpoll(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	timers
	MOVQ	$0, idle-16(SP)
	MOVQ	AX, 0(SP)
	MOVQ	16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·injectglist(SB)
timers:
	// Timers overdue with no idle M waiting for them (the waiter took a
	// P and runs goroutines now): poke an idle M to run them.
	CMPQ	runtime·sched+schedt_idlewaiter(SB), $0
	JNE	scavenge
	CALL	runtime·timerswhen(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JEQ	scavenge
	CMPQ	AX, now-24(SP)
	JGT	scavenge
	MOVQ	AX, 0(SP)
	CALL	runtime·wakeidle(SB)
scavenge:
	// The scavenger: free pages unused for a while go back to the system.
	MOVQ	now-24(SP), AX
	SUBQ	runtime·lastScavenge(SB), AX
	CMPQ	AX, $const_scavengePeriod
	JLT	tracing
	MOVQ	now-24(SP), AX
	MOVQ	AX, runtime·lastScavenge(SB)
	MOVQ	AX, 0(SP)
	CALL	runtime·scavenge(SB)
tracing:
	MOVQ	runtime·schedtraceMS(SB), AX
	TESTQ	AX, AX
	JEQ	loop
	IMULQ	$1000000, AX
	ADDQ	runtime·lastSchedtrace(SB), AX
	CMPQ	now-24(SP), AX
	JLT	loop
	MOVQ	now-24(SP), AX
	MOVQ	AX, runtime·lastSchedtrace(SB)
	MOVQ	AX, 0(SP)
	CALL	runtime·schedtrace(SB)
	JMP	loop

GLOBL runtime·schedtraceMS(SB), NOPTR, $8
GLOBL runtime·lastSchedtrace(SB), NOPTR, $8
GLOBL runtime·lastScavenge(SB), NOPTR, $8

// func retake(now int64) int64: hand off Ps held in long system calls and
// ask long-running goroutines to yield. Returns how many Ps it took.
TEXT runtime·retake(SB), NOSPLIT, $48-16
	MOVQ	$0, n-8(SP)
	MOVQ	$0, i-16(SP)
each:
	NEXTP(i-16(SP), BX, done)
	MOVQ	BX, pp-24(SP)
	MOVQ	p_status(BX), AX
	CMPQ	AX, $const_Psyscall
	JEQ	insyscall
	CMPQ	AX, $const_Prunning
	JNE	each

	// Running: the same schedtick for forcePreemptNS means one goroutine
	// has had the P all that time.
	// A when of 0 is sysmon's first look at the P (both ticks start at
	// 0), not a goroutine running since the clock's zero.
	MOVQ	p_schedtick(BX), AX
	CMPQ	AX, p_sysmonschedtick(BX)
	JNE	newtick
	CMPQ	p_sysmonschedwhen(BX), $0
	JNE	sametick
newtick:
	MOVQ	AX, p_sysmonschedtick(BX)
	MOVQ	now+0(FP), AX
	MOVQ	AX, p_sysmonschedwhen(BX)
	JMP	each
sametick:
	MOVQ	now+0(FP), AX
	SUBQ	p_sysmonschedwhen(BX), AX
	CMPQ	AX, $const_forcePreemptNS
	JLT	each
	MOVQ	BX, 0(SP)
	CALL	runtime·preemptone(SB)
	JMP	each

insyscall:
	// In a system call since sysmon last looked (same syscalltick): take
	// the P if others want to run or the call has been long.
	MOVQ	p_syscalltick(BX), AX
	CMPQ	AX, p_sysmonsyscalltick(BX)
	JNE	newcall
	CMPQ	p_sysmonsyscallwhen(BX), $0
	JNE	samecall
newcall:
	MOVQ	AX, p_sysmonsyscalltick(BX)
	MOVQ	now+0(FP), AX
	MOVQ	AX, p_sysmonsyscallwhen(BX)
	JMP	each
samecall:
	// Its timers must run too (Go hands off such a P and wakes the
	// poller for them).
	CMPQ	p_timer0when(BX), $0
	JNE	take
	MOVQ	BX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JEQ	take
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JNE	take
	MOVQ	pp-24(SP), BX
	MOVQ	now+0(FP), AX
	SUBQ	p_sysmonsyscallwhen(BX), AX
	CMPQ	AX, $const_forcePreemptNS
	JLT	each
take:
	// While pp is in sysmon's hands it is on no list and runs nothing:
	// sysmon counts as a running M until handoffp has placed it, as Go's
	// retake does with incidlelocked(-1). Otherwise the M coming back
	// from the call, finding no P, could stop and count every M idle:
	// "all goroutines are asleep" with its goroutine in the run queue.
	LOCK
	DECQ	runtime·sched+schedt_nmsys(SB)
	MOVQ	pp-24(SP), BX
	MOVQ	$const_Psyscall, AX
	MOVQ	$const_Pidle, CX
	LOCK
	CMPXCHGQ	CX, p_status(BX)
	JNE	recount	// the M came back first
	INCQ	p_syscalltick(BX)
	INCQ	n-8(SP)
	MOVQ	BX, 0(SP)
	CALL	runtime·handoffp(SB)
recount:
	LOCK
	INCQ	runtime·sched+schedt_nmsys(SB)
	JMP	each
done:
	MOVQ	n-8(SP), AX
	MOVQ	AX, ret+8(FP)
	RET

// func preemptone(pp *p): ask the goroutine running on pp to yield.
TEXT runtime·preemptone(SB), NOSPLIT, $32-8
	MOVQ	pp+0(FP), BX
	MOVQ	p_m(BX), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	m_curg(CX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	AX, m_g0(CX)
	JEQ	done
	MOVQ	AX, gp-8(SP)
	// Asynchronous preemption (for a goroutine in a loop with no calls),
	// unless P9DEBUG=asyncpreemptoff=1, saves the goroutine's extended
	// state in an area it needs first.
	CMPQ	runtime·asyncpreemptoff(SB), $0
	JNE	ask
	MOVQ	AX, 0(SP)
	CALL	runtime·xsavealloc(SB)
	MOVQ	pp+0(FP), BX
	MOVQ	p_m(BX), CX
	TESTQ	CX, CX
	JEQ	done
	CMPQ	m_curg(CX), AX
	JNE	done	// it stopped by itself meanwhile
ask:
	MOVQ	gp-8(SP), AX
	MOVQ	$1, g_preempt(AX)
	MOVQ	$const_stackPreempt, DX
	MOVQ	DX, g_stackguard0(AX)
	CMPQ	runtime·asyncpreemptoff(SB), $0
	JNE	done
	MOVQ	m_procid(CX), AX
	MOVQ	AX, 0(SP)
	MOVQ	$SIGURG, 8(SP)
	CALL	runtime·tgkill(SB)
done:
	RET

// func handoffp(pp *p): pp, taken from a system call, goes to an M that
// runs its work, or to the idle list.
TEXT runtime·handoffp(SB), NOSPLIT, $24-8
	MOVQ	pp+0(FP), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JEQ	start
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JNE	start
	LOCK_MUTEX(SCHEDLOCK)
	// Looked at again under the lock: a goroutine queued since (by an
	// M back from a system call that found no P) would otherwise wait
	// beside an idle P with no M to run it.
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JNE	queued
	MOVQ	pp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pidleput(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	// Its timers stay in its heap: an idle M waits for them.
	MOVQ	pp+0(FP), BX
	MOVQ	p_timer0when(BX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, 0(SP)
	CALL	runtime·wakeidle(SB)
done:
	RET
queued:
	UNLOCK_MUTEX(SCHEDLOCK)
start:
	MOVQ	pp+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVB	$0, 8(SP)
	CALL	runtime·startm(SB)
	RET

// func entersyscall(): the goroutine is about to block in the kernel. Its
// P stays ready for it to come back, unless sysmon hands it off.
TEXT runtime·entersyscall(SB), NOSPLIT, $0-0
	getg(AX)
	// Where the call is, for a traceback of this goroutine from another
	// thread: the caller's PC and SP, stored before the status says so.
	MOVQ	0(SP), CX
	MOVQ	CX, g_syscallpc(AX)
	LEAQ	8(SP), CX
	MOVQ	CX, g_syscallsp(AX)
	MOVQ	$const_Gsyscall, g_status(AX)
	MOVQ	g_m(AX), BX
	MOVQ	m_p(BX), CX
	INCQ	p_syscalltick(CX)
	MOVQ	CX, m_oldp(BX)
	MOVQ	$0, m_p(BX)
	MOVQ	$0, p_m(CX)
	MOVQ	$const_Psyscall, p_status(CX)
	RET

// func exitsyscall(): back from the kernel; get a P to run on again.
TEXT runtime·exitsyscall(SB), NOSPLIT, $16-0
	getg(AX)
	MOVQ	g_m(AX), BX
	MOVQ	m_oldp(BX), CX
	MOVQ	$0, m_oldp(BX)
	// The old P, if sysmon did not take it.
	MOVQ	$const_Psyscall, AX
	MOVQ	$const_Prunning, DX
	LOCK
	CMPXCHGQ	DX, p_status(CX)
	JNE	other
	INCQ	p_syscalltick(CX)
	MOVQ	CX, 0(SP)
	CALL	runtime·acquirep(SB)
	JMP	running
other:
	// An idle P, else wait in the global queue.
	LOCK_MUTEX(SCHEDLOCK)
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, pp-8(SP)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	pp-8(SP), AX
	TESTQ	AX, AX
	JEQ	park
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
running:
	getg(AX)
	MOVQ	$const_Grunning, g_status(AX)
	RET
park:
	LEAQ	runtime·exitsyscall0PC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func exitsyscall0(gp *g), on g0: no P for gp; queue it and let this M
// sleep.
TEXT runtime·exitsyscall0(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), AX
	MOVQ	$const_Grunnable, g_status(AX)
	MOVQ	g_m(AX), BX
	MOVQ	$0, m_curg(BX)
	MOVQ	$0, g_m(AX)
	LOCK_MUTEX(SCHEDLOCK)
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, pp-8(SP)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	pp-8(SP), AX
	TESTQ	AX, AX
	JEQ	stop
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	CALL	runtime·schedule(SB)
stop:
	CALL	runtime·stopm(SB)
	CALL	runtime·schedule(SB)
	RET

DATA runtime·exitsyscall0PC+0(SB)/8, $runtime·exitsyscall0(SB)
GLOBL runtime·exitsyscall0PC(SB), RODATA, $8

// func gopreempt_m(gp *g), on g0: gp yields to the global run queue.
TEXT runtime·gopreempt_m(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	gp+0(FP), AX
	MOVQ	$0, g_preempt(AX)
	MOVQ	(g_stack+stack_lo)(AX), CX
	ADDQ	$const_stackGuard, CX
	MOVQ	CX, g_stackguard0(AX)
	JMP	runtime·gosched_m(SB)

DATA runtime·gopreempt_mPC+0(SB)/8, $runtime·gopreempt_m(SB)
GLOBL runtime·gopreempt_mPC(SB), RODATA, $8

// func debugvar(name *byte) int64: the number after "name=" in P9DEBUG
// (comma-separated settings, e.g. "schedtrace=10,inittrace=1"); 0 if unset.
TEXT runtime·debugvar(SB), NOSPLIT, $16-16
	LEAQ	str_p9debugEnv, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·getenv(SB)
	MOVQ	8(SP), SI	// the settings
	TESTQ	SI, SI
	JEQ	zero
setting:
	MOVQ	name+0(FP), DI
match:
	MOVBLZX	0(DI), AX
	TESTL	AX, AX
	JEQ	value
	MOVBLZX	0(SI), CX
	CMPL	AX, CX
	JNE	skip
	INCQ	DI
	INCQ	SI
	JMP	match
value:
	CMPB	0(SI), $'='
	JNE	skip
	INCQ	SI
	MOVQ	$0, AX
digit:
	MOVBLZX	0(SI), CX
	SUBL	$'0', CX
	CMPL	CX, $9
	JHI	got
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	CMPQ	AX, $100000000
	JLT	digit
got:
	MOVQ	AX, ret+8(FP)
	RET
skip:
	// To the next comma-separated setting.
	MOVBLZX	0(SI), CX
	TESTL	CX, CX
	JEQ	zero
	INCQ	SI
	CMPL	CX, $','
	JNE	skip
	JMP	setting
zero:
	MOVQ	$0, ret+8(FP)
	RET

// func schedtrace(now int64): one line of scheduler state on standard
// error, as Go's GODEBUG=schedtrace prints it.
TEXT runtime·schedtrace(SB), NOSPLIT, $40-8
	PRINTERR(str_schedHeader)
	MOVQ	now+0(FP), AX
	SUBQ	runtime·starttime(SB), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)

	LEAQ	str_schedGomaxprocs, AX
	MOVQ	runtime·sched+schedt_gomaxprocs(SB), BX
	CALL	runtime·tracefield(SB)
	LEAQ	str_schedIdleprocs, AX
	MOVQ	runtime·sched+schedt_npidle(SB), BX
	CALL	runtime·tracefield(SB)
	LEAQ	str_schedThreads, AX
	MOVQ	runtime·sched+schedt_mcount(SB), BX
	CALL	runtime·tracefield(SB)
	LEAQ	str_schedSpinning, AX
	MOVQ	runtime·sched+schedt_nmspinning(SB), BX
	CALL	runtime·tracefield(SB)
	LEAQ	str_schedIdlethreads, AX
	MOVQ	runtime·sched+schedt_nmidle(SB), BX
	CALL	runtime·tracefield(SB)
	LEAQ	str_schedRunqueue, AX
	MOVQ	runtime·sched+schedt_runqsize(SB), BX
	CALL	runtime·tracefield(SB)

	// Each P's local queue length.
	PRINTERR(str_schedOpen)
	MOVQ	$0, i-8(SP)
queues:
	MOVQ	i-8(SP), CX
	CMPQ	CX, runtime·sched+schedt_gomaxprocs(SB)
	JCC	close
	TESTQ	CX, CX
	JEQ	first
	PRINTERR(str_space)
	MOVQ	i-8(SP), CX
first:
	MOVQ	runtime·allp(SB), AX
	MOVQ	0(AX)(CX*8), BX
	MOVL	p_runqtail(BX), AX
	SUBL	p_runqhead(BX), AX
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	INCQ	i-8(SP)
	JMP	queues
close:
	PRINTERR(str_schedClose)
	RET

// tracefield prints the label at AX and the number in BX to standard
// error. Its frame holds printerr's and fprintint's arguments.
TEXT runtime·tracefield(SB), NOSPLIT, $24-0
	MOVQ	BX, v-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR_INT(v-8(SP))
	RET

GLOBL runtime·starttime(SB), NOPTR, $8
GLOBL runtime·asyncpreemptoff(SB), NOPTR, $8

TEXT_MARK(runtime·sysmonEtext)
