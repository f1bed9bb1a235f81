// Threads on a bare machine: each M is a thread, and the CPUs run them.
// A thread runs on its CPU until it waits (futex, osusleep, osidle: a
// wait on a word, with or without a deadline) or its CPU's timer
// interrupt finds another thread ready (pvhpreempt); then, if another
// thread is ready (or its wait is over), the CPU switches to it, and if
// none is, the CPU halts (HLT) until an interrupt: its LAPIC timer, armed
// for the earliest deadline, or another CPU's IPI when a thread becomes
// ready. Every register may change across a call (Go's ABI0), so a switch
// in a wait saves only the stack pointer and the FS base; pvhpreempt
// saves everything first. The thread table's lock is taken with
// interrupts off, so no interrupt handler ever finds it held by its own
// CPU. Threads are made by clone (smp_pvh_amd64.s).

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "regsave.h"

#define msrFSBase	0xc0000100
#define lapic	0xfee00000
#define lapicID	0x20
#define lapicICRLow	0x300
#define lapicICRHigh	0x310
#define lapicTimerCount	0x380
#define icrPending	0x1000
#define icrAssert	0x4000
#define vecIPI	0x21
#define EAGAIN	11
#define FUTEX_WAKE	1

// The thread table: for each thread its saved SP and FS base, its state,
// the word it waits on (0: none), the TSC its wait ends at (0: never),
// and where pvhpreempt saves its extended state.
#define maxThreads	1024
#define th_sp	0
#define th_fs	8
#define th_state	16
#define th_addr	24
#define th_until	32
#define th_xsave	40
#define thSize	64
#define thShift	6
#define thFree	0
#define thRunning	1	// on a CPU
#define thReady	2	// switched out, to be run
#define thWaiting	3	// waiting, still on its CPU
#define thParked	4	// waiting, switched out
#define maxCPUs	64

// pvhthreadText and pvhthreadEtext bound this file's code: the timer
// interrupt never preempts a thread here.
TEXT_MARK(runtime·pvhthreadText)

// pvhcpu sets AX to this CPU's index (its APIC id). Changes only AX.
TEXT runtime·pvhcpu(SB), NOSPLIT|NOFRAME, $0
	MOVQ	$0, AX
	CMPQ	runtime·pvhncpu(SB), $1
	JLS	done
	MOVQ	$lapic, AX
	MOVL	lapicID(AX), AX
	SHRL	$24, AX
done:
	RET

// pvhlockthreads and pvhunlockthreads guard the thread table, with
// interrupts off while it is held. They change only AX.
TEXT runtime·pvhlockthreads(SB), NOSPLIT|NOFRAME, $0
	CLI
again:
	MOVL	$1, AX
	XCHGL	AX, runtime·pvhthreadlock(SB)
	TESTL	AX, AX
	JEQ	done
	PAUSE
	JMP	again
done:
	RET

TEXT runtime·pvhunlockthreads(SB), NOSPLIT|NOFRAME, $0
	MOVL	$0, AX
	XCHGL	AX, runtime·pvhthreadlock(SB)
	STI
	RET

// func pvhnewthread(state int64) (index int64): a free slot of the thread
// table, in state; -1 when it is full. The caller holds the lock.
TEXT runtime·pvhnewthread(SB), NOSPLIT, $0-16
	LEAQ	runtime·pvhthreads(SB), DI
	MOVQ	$0, CX
scan:
	CMPQ	th_state(DI), $thFree
	JEQ	found
	ADDQ	$thSize, DI
	INCQ	CX
	CMPQ	CX, $maxThreads
	JCS	scan
	MOVQ	$-1, index+8(FP)
	RET
found:
	MOVQ	state+0(FP), AX
	MOVQ	AX, th_state(DI)
	MOVQ	CX, index+8(FP)
	INCQ	CX
	CMPQ	CX, runtime·pvhnthreads(SB)
	JLS	done
	MOVQ	CX, runtime·pvhnthreads(SB)
done:
	RET

// func pvhsetcur(index int64): this CPU now runs thread index.
TEXT runtime·pvhsetcur(SB), NOSPLIT, $0-8
	CALL	runtime·pvhcpu(SB)
	LEAQ	runtime·pvhcur(SB), DX
	MOVQ	index+0(FP), CX
	MOVQ	CX, 0(DX)(AX*8)
	RET

// pvhself sets SI to this CPU's thread. Changes AX and CX.
TEXT runtime·pvhself(SB), NOSPLIT|NOFRAME, $0
	CALL	runtime·pvhcpu(SB)
	LEAQ	runtime·pvhcur(SB), CX
	MOVQ	0(CX)(AX*8), SI
	SHLQ	$thShift, SI
	LEAQ	runtime·pvhthreads(SB), CX
	ADDQ	CX, SI
	RET

// pvhfind looks, with the table locked, for the thread this CPU should
// run instead of SI's, R8 being the TSC now: one that is ready or whose
// wait's deadline has passed, taking them in turn from the one after SI.
// It sets DI to its entry and CX to its index, or DI to 0 when there is
// none, and then R9 to how many switched-out threads wait with a deadline
// and R10 to the earliest of those deadlines (0: none). Changes AX, BX,
// DX.
TEXT runtime·pvhfind(SB), NOSPLIT|NOFRAME, $0
	LEAQ	runtime·pvhthreads(SB), BX
	MOVQ	SI, CX
	SUBQ	BX, CX
	SHRQ	$thShift, CX
	MOVQ	$0, R9
	MOVQ	$0, R10
	MOVQ	runtime·pvhnthreads(SB), DX
loop:
	INCQ	CX
	CMPQ	CX, runtime·pvhnthreads(SB)
	JCS	entry
	MOVQ	$0, CX
entry:
	MOVQ	CX, DI
	SHLQ	$thShift, DI
	ADDQ	BX, DI
	CMPQ	DI, SI
	JEQ	next
	MOVQ	th_state(DI), AX
	CMPQ	AX, $thReady
	JEQ	found
	CMPQ	AX, $thParked
	JNE	next
	MOVQ	th_until(DI), AX
	TESTQ	AX, AX
	JEQ	next
	INCQ	R9
	CMPQ	R8, AX
	JCC	found
	TESTQ	R10, R10
	JEQ	earliest
	CMPQ	AX, R10
	JCC	next
earliest:
	MOVQ	AX, R10
next:
	DECQ	DX
	JNE	loop
	MOVQ	$0, DI
found:
	RET

// pvhkick sends an IPI to every halted CPU but this one, so each looks
// again for a thread to run or a nearer deadline. With the table locked
// (interrupts off). Changes AX, DX, R11, R12.
TEXT runtime·pvhkick(SB), NOSPLIT|NOFRAME, $0
	MOVQ	runtime·pvhhaltmask(SB), R11
	TESTQ	R11, R11
	JEQ	done
	CALL	runtime·pvhcpu(SB)
	BTRQ	AX, R11
each:
	TESTQ	R11, R11
	JEQ	done
	BSFQ	R11, R12
	BTRQ	R12, R11
	CALL	runtime·pvhsendipi(SB)
	JMP	each
done:
	RET

// pvhsendipi sends vecIPI to the CPU whose APIC id is R12, interrupts
// being off. Changes AX and DX.
TEXT runtime·pvhsendipi(SB), NOSPLIT|NOFRAME, $0
	MOVQ	$lapic, DX
busy:
	MOVL	lapicICRLow(DX), AX
	TESTL	$icrPending, AX
	JEQ	send
	PAUSE
	JMP	busy
send:
	MOVL	R12, AX
	SHLL	$24, AX
	MOVL	AX, lapicICRHigh(DX)
	MOVL	$(icrAssert|vecIPI), lapicICRLow(DX)
	RET

// pvhswitchto runs thread CX (at DI) on this CPU, SI's thread having been
// given its new state; called with the table locked, it returns when
// SI's thread runs again (on any CPU), the table unlocked.
TEXT runtime·pvhswitchto(SB), NOSPLIT|NOFRAME, $0
	MOVQ	$thRunning, th_state(DI)
	MOVQ	$0, th_addr(DI)
	MOVQ	$0, th_until(DI)
	MOVQ	CX, R8
	// Another CPU may now run SI's thread, or wait for its deadline.
	CALL	runtime·pvhkick(SB)
	CALL	runtime·pvhcpu(SB)
	LEAQ	runtime·pvhcur(SB), DX
	MOVQ	R8, 0(DX)(AX*8)
	MOVL	$msrFSBase, CX
	RDMSR
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, th_fs(SI)
	MOVQ	th_fs(DI), AX
	MOVQ	AX, DX
	SHRQ	$32, DX
	MOVL	$msrFSBase, CX
	WRMSR
	MOVQ	SI, AX	// th_sp is 0
	MOVQ	th_sp(DI), BX
	JMP	runtime·pvhswitch(SB)

// pvhblock waits until thread SI (thWaiting) may run again: until a futex
// wake makes it thRunning, or the TSC reaches its th_until. Meanwhile its
// CPU runs another thread that is ready or whose wait is over, or halts.
// Called with the table locked; returns it unlocked, with AX = 1 if
// nothing could ever end the wait, else 0.
TEXT runtime·pvhblock(SB), NOSPLIT|NOFRAME, $0
look:
	CMPQ	th_state(SI), $thRunning
	JEQ	run
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8	// now
	MOVQ	th_until(SI), AX
	TESTQ	AX, AX
	JEQ	find
	CMPQ	R8, AX
	JCS	find
	MOVQ	$thRunning, th_state(SI)
	MOVQ	$0, th_addr(SI)
	MOVQ	$0, th_until(SI)
	JMP	run
find:
	CALL	runtime·pvhfind(SB)
	TESTQ	DI, DI
	JNE	switch
	// A deadline always comes; a futex wait ends only if some thread runs.
	CMPQ	th_until(SI), $0
	JNE	idle
	TESTQ	R9, R9
	JNE	idle
	CMPQ	runtime·pvhrunning(SB), $1
	JHI	idle
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$1, AX
	RET
idle:
	// Halt until an interrupt: the LAPIC timer at the earliest deadline
	// (this thread's or a switched-out one's), or an IPI. Another CPU
	// that readies a thread after the table is unlocked sees this CPU in
	// pvhhaltmask and sends one, which STI's one-instruction delay lets
	// through only once HLT waits.
	MOVQ	th_until(SI), AX
	TESTQ	AX, AX
	JEQ	other
	TESTQ	R10, R10
	JEQ	arm
	CMPQ	AX, R10
	JCS	arm
other:
	MOVQ	R10, AX
arm:
	TESTQ	AX, AX
	JEQ	armed
	SUBQ	R8, AX
	JHI	armed
	MOVQ	$1, AX
armed:
	CALL	runtime·pvharm(SB)
	CALL	runtime·pvhcpu(SB)
	LOCK
	BTSQ	AX, runtime·pvhhaltmask(SB)
	MOVL	$0, runtime·pvhthreadlock(SB)
	STI
	HLT
	CLI
	CALL	runtime·pvhcpu(SB)
	LOCK
	BTRQ	AX, runtime·pvhhaltmask(SB)
	MOVQ	runtime·pvhslice(SB), AX
	CALL	runtime·pvharm(SB)
	CALL	runtime·pvhlockthreads(SB)
	JMP	look
switch:
	MOVQ	$thParked, th_state(SI)
	CALL	runtime·pvhswitchto(SB)
	// Back on some CPU, picked as the thread switched to.
	MOVL	$0, AX
	RET
run:
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$0, AX
	RET

// pvharm sets this CPU's LAPIC timer to interrupt AX TSC ticks from now
// (AX = 0: not at all). Changes AX and DX.
TEXT runtime·pvharm(SB), NOSPLIT|NOFRAME, $0
	CMPQ	runtime·pvhlapicmul(SB), $0
	JEQ	done
	TESTQ	AX, AX
	JEQ	set
	MULQ	runtime·pvhlapicmul(SB)
	SHRQ	$32, DX, AX
	SHRQ	$32, DX
	JNE	most
	MOVQ	$0xffffffff, DX
	CMPQ	AX, DX
	JLS	least
most:
	MOVL	$0xffffffff, AX
least:
	TESTQ	AX, AX
	JNE	set
	MOVL	$1, AX
set:
	MOVQ	$lapic, DX
	MOVL	AX, lapicTimerCount(DX)
done:
	RET

// func pvhwait(addr *uint32, val uint32, until int64) int32: wait while
// *addr (if addr is not nil) holds val, until a futex wake of addr or
// until the TSC reaches until (if not 0). -EAGAIN if *addr is not val;
// 1 if nothing could ever end the wait.
TEXT runtime·pvhwait(SB), NOSPLIT, $0-28
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	addr+0(FP), BX
	TESTQ	BX, BX
	JEQ	wait
	MOVL	0(BX), AX
	CMPL	AX, val+8(FP)
	JEQ	wait
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$-EAGAIN, ret+24(FP)
	RET
wait:
	CALL	runtime·pvhself(SB)
	MOVQ	$thWaiting, th_state(SI)
	MOVQ	BX, th_addr(SI)
	MOVQ	until+16(FP), AX
	MOVQ	AX, th_until(SI)
	CALL	runtime·pvhblock(SB)
	MOVL	AX, ret+24(FP)
	RET

// func futex(addr unsafe.Pointer, op int32, val uint32, ts unsafe.Pointer) int32
// A wait whose word still holds val blocks the thread (pvhwait), for at
// most the relative timespec at ts unless ts is nil (lock's sleeps are
// bounded). With one CPU and nothing ready or asleep, nothing could ever
// end the wait.
TEXT runtime·futex(SB), NOSPLIT, $40-28
	MOVL	op+8(FP), AX
	ANDL	$127, AX
	CMPL	AX, $FUTEX_WAKE
	JEQ	wake
	MOVQ	$0, until-8(SP)
	CMPQ	ts+16(FP), $0
	JEQ	wait
	CALL	runtime·nanotime(SB)
	MOVQ	ts+16(FP), BX
	MOVQ	0(BX), AX
	IMULQ	$1000000000, AX
	ADDQ	8(BX), AX
	ADDQ	0(SP), AX
	CALL	runtime·pvhtsc(SB)
	MOVQ	AX, until-8(SP)
wait:
	MOVQ	addr+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVL	val+12(FP), AX
	MOVL	AX, 8(SP)
	MOVQ	until-8(SP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhwait(SB)
	MOVL	24(SP), AX
	CMPL	AX, $1
	JEQ	forever
	MOVL	AX, ret+24(FP)
	RET
wake:
	// Wake every thread waiting on the word: the runtime's waits re-check.
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	addr+0(FP), BX
	LEAQ	runtime·pvhthreads(SB), DI
	MOVQ	$0, CX
	MOVQ	$0, R8	// threads woken
wakescan:
	CMPQ	CX, runtime·pvhnthreads(SB)
	JCC	woke
	CMPQ	th_addr(DI), BX
	JNE	wakenext
	CMPQ	th_state(DI), $thWaiting
	JNE	parked
	MOVQ	$thRunning, th_state(DI)
	JMP	cleared
parked:
	CMPQ	th_state(DI), $thParked
	JNE	wakenext
	MOVQ	$thReady, th_state(DI)
cleared:
	MOVQ	$0, th_addr(DI)
	MOVQ	$0, th_until(DI)
	INCQ	R8
wakenext:
	ADDQ	$thSize, DI
	INCQ	CX
	JMP	wakescan
woke:
	// A halted CPU runs the thread made ready, or finds its own thread's
	// wait over.
	TESTQ	R8, R8
	JEQ	unlock
	CALL	runtime·pvhkick(SB)
unlock:
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$0, ret+24(FP)
	RET
forever:
	// Not throw: futex ends chains of NOSPLIT calls that leave no room
	// for throw's.
	MOVQ	$2, 0(SP)
	LEAQ	runtime·pvhstrWait(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$65, 16(SP)
	CALL	runtime·write1(SB)
	MOVL	$2, AX
	JMP	runtime·pvhpoweroff(SB)

DATA runtime·pvhstrWait+0(SB)/8, $"fatal er"
DATA runtime·pvhstrWait+8(SB)/8, $"ror: one"
DATA runtime·pvhstrWait+16(SB)/8, $" CPU, wa"
DATA runtime·pvhstrWait+24(SB)/8, $"iting wi"
DATA runtime·pvhstrWait+32(SB)/8, $"th nothi"
DATA runtime·pvhstrWait+40(SB)/8, $"ng to wa"
DATA runtime·pvhstrWait+48(SB)/8, $"ke it: d"
DATA runtime·pvhstrWait+56(SB)/8, $"eadlock!"
DATA runtime·pvhstrWait+64(SB)/1, $"\n"
GLOBL runtime·pvhstrWait(SB), RODATA|NOPTR, $65

// pvhtsc sets AX to the TSC at nanotime ns (in AX), 0 if it is out of
// reach. Changes CX and DX.
TEXT runtime·pvhtsc(SB), NOSPLIT|NOFRAME, $0
	MOVQ	runtime·pvhcalibns(SB), CX
	TESTQ	CX, CX
	JEQ	zero
	MULQ	runtime·pvhtscper(SB)
	CMPQ	DX, CX
	JCC	zero
	DIVQ	CX
	ADDQ	runtime·pvhtsc0(SB), AX
	RET
zero:
	MOVQ	$0, AX
	RET

// func osusleep(us uint32): the thread waits for the TSC, and its CPU
// runs other threads (or halts) meanwhile.
TEXT runtime·osusleep(SB), NOSPLIT, $32-4
	MOVL	us+0(FP), AX
	IMULQ	$1000, AX
	MOVQ	AX, BX
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	BX, AX
	CALL	runtime·pvhtsc(SB)
	TESTQ	AX, AX
	JEQ	done
	MOVQ	$0, 0(SP)
	MOVL	$0, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhwait(SB)
done:
	RET

// func osidle(n *note, until int64): the idle M's wait (stopm): until n
// is woken or poked (a futex wake), or nanotime reaches until, the
// LAPIC timer armed for it.
TEXT runtime·osidle(SB), NOSPLIT, $32-16
	MOVQ	until+8(FP), AX
	CALL	runtime·pvhtsc(SB)
	TESTQ	AX, AX
	JEQ	done
	MOVQ	n+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVL	$0, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhwait(SB)
done:
	RET

// pvhpreempt runs in a thread the timer interrupt stopped, as if the
// thread had called it there (see asyncPreempt, preempt_amd64.s): it
// saves every register and the extended state, lets another thread have
// the CPU (pvhyield), and when this thread runs again, on any CPU,
// restores them and returns to the interrupted instruction, SP back above
// the red zone the handler stepped over.
TEXT runtime·pvhpreempt(SB), NOSPLIT|NOFRAME, $0
	PUSH_REGS
	CALL	runtime·pvhxsavearea(SB)
	TESTQ	DI, DI
	JEQ	restored
	SAVE_EXTENDED
	CALL	runtime·pvhyield(SB)
	CALL	runtime·pvhxsavearea(SB)
	RESTORE_EXTENDED
	POP_REGS
	BYTE	$0xc2
	WORD	$const_redZoneSize

// pvhxsavearea sets DI to this thread's area for its extended state,
// allocated the first time (nil if there is no memory left).
TEXT runtime·pvhxsavearea(SB), NOSPLIT, $40-0
	CALL	runtime·pvhself(SB)
	MOVQ	th_xsave(SI), DI
	TESTQ	DI, DI
	JNE	done
	MOVQ	SI, self-8(SP)
	MOVQ	$0, 0(SP)
	MOVQ	runtime·xsaveSize(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$0, 16(SP)
	MOVL	$0, 20(SP)
	CALL	runtime·mmap(SB)
	MOVQ	24(SP), DI
	MOVQ	self-8(SP), SI
	MOVQ	DI, th_xsave(SI)
done:
	RET

// pvhyield gives the CPU to another thread that is ready or whose wait
// is over, if there is one; this one is ready meanwhile.
TEXT runtime·pvhyield(SB), NOSPLIT|NOFRAME, $0
	CALL	runtime·pvhlockthreads(SB)
	CALL	runtime·pvhself(SB)
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8
	CALL	runtime·pvhfind(SB)
	TESTQ	DI, DI
	JEQ	stay
	MOVQ	$thReady, th_state(SI)
	JMP	runtime·pvhswitchto(SB)
stay:
	JMP	runtime·pvhunlockthreads(SB)

// pvhwanted reports in AX whether a thread not on a CPU is ready or
// done waiting (TSC now in R8), read without the lock: the timer
// interrupt's hint that its thread should yield. Changes CX, DI.
TEXT runtime·pvhwanted(SB), NOSPLIT|NOFRAME, $0
	LEAQ	runtime·pvhthreads(SB), DI
	MOVQ	runtime·pvhnthreads(SB), CX
	MOVQ	$1, AX
scan:
	TESTQ	CX, CX
	JEQ	none
	CMPQ	th_state(DI), $thReady
	JEQ	yes
	CMPQ	th_state(DI), $thParked
	JNE	next
	CMPQ	th_until(DI), $0
	JEQ	next
	CMPQ	R8, th_until(DI)
	JCC	yes
next:
	ADDQ	$thSize, DI
	DECQ	CX
	JMP	scan
none:
	MOVQ	$0, AX
yes:
	RET

// pvhswitch saves SP at AX, continues on stack BX (whose top is where
// to return to) and then releases the thread table: only now may
// another CPU resume the thread switched from.
TEXT runtime·pvhswitch(SB), NOSPLIT|NOFRAME, $0
	MOVQ	SP, 0(AX)
	MOVQ	BX, SP
	MOVL	$0, runtime·pvhthreadlock(SB)
	STI
	RET

// pvhthreadstart is where a new thread begins, switched to with FS
// already its M's: below the top of its g0 stack, clone left the thread's
// index, mp, gp and fn.
TEXT runtime·pvhthreadstart(SB), NOSPLIT|NOFRAME, $0
	POPQ	AX
	POPQ	R13
	POPQ	R9
	POPQ	R12
	MOVQ	AX, m_procid(R13)
	get_tls(CX)
	MOVQ	R9, g(CX)
	MOVQ	R13, g_m(R9)
	CALL	R12
	JMP	runtime·pvhhalt(SB)

GLOBL runtime·pvhthreads(SB), NOPTR, $(maxThreads*thSize)
GLOBL runtime·pvhthreadlock(SB), NOPTR, $8
// How many slots of pvhthreads have ever been used.
GLOBL runtime·pvhnthreads(SB), NOPTR, $8
// Each CPU's thread.
GLOBL runtime·pvhcur(SB), NOPTR, $(maxCPUs*8)
// The CPUs halted in pvhblock, a bit each.
GLOBL runtime·pvhhaltmask(SB), NOPTR, $8
// LAPIC timer ticks per TSC tick, times 2^32; a time slice in TSC ticks.
GLOBL runtime·pvhlapicmul(SB), NOPTR, $8
GLOBL runtime·pvhslice(SB), NOPTR, $8

TEXT_MARK(runtime·pvhthreadEtext)
