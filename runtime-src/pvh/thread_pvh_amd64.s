// Threads on a bare machine: each M is a thread, and the CPUs run them.
// A thread runs on its CPU until it waits in futex or sleeps in osusleep;
// then, if another thread is ready (or its sleep is over), the CPU
// switches to it. Every register may change
// across a call (Go's ABI0), so a switch saves only the stack pointer and
// the FS base. Threads are made by clone (smp_pvh_amd64.s).

#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

#define msrFSBase	0xc0000100
#define lapic	0xfee00000
#define lapicID	0x20
#define EAGAIN	11
#define FUTEX_WAKE	1

// The thread table: for each thread its saved SP and FS base, its state,
// the word it waits on, and the TSC its sleep ends at.
#define maxThreads	1024
#define th_sp	0
#define th_fs	8
#define th_state	16
#define th_addr	24
#define th_until	32
#define thSize	64
#define thShift	6
#define thFree	0
#define thRunning	1	// on a CPU
#define thReady	2	// switched out, to be run
#define thSpinning	3	// waiting, still on its CPU
#define thParked	4	// waiting, switched out
#define thSleeping	5	// sleeping, still on its CPU
#define thSleepParked	6	// sleeping, switched out
#define maxCPUs	64

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

// pvhlockthreads and pvhunlockthreads guard the thread table. They
// change only AX.
TEXT runtime·pvhlockthreads(SB), NOSPLIT|NOFRAME, $0
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

// pvhblock waits until thread SI may run again: it is thSpinning (until
// a futex wake) or thSleeping (until the TSC reaches th_until). Meanwhile
// its CPU runs another thread that is ready or whose sleep is over.
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
	CMPQ	th_state(SI), $thSleeping
	JNE	scanstart
	CMPQ	R8, th_until(SI)
	JCS	scanstart
	MOVQ	$thRunning, th_state(SI)
	JMP	run
scanstart:
	MOVQ	$0, R9	// sleepers seen
	LEAQ	runtime·pvhthreads(SB), DI
	MOVQ	$0, CX
scan:
	CMPQ	CX, runtime·pvhnthreads(SB)
	JCC	none
	MOVQ	th_state(DI), AX
	CMPQ	AX, $thReady
	JEQ	switch
	CMPQ	AX, $thSleepParked
	JNE	next
	INCQ	R9
	CMPQ	R8, th_until(DI)
	JCC	switch
next:
	ADDQ	$thSize, DI
	INCQ	CX
	JMP	scan
none:
	// A sleep always ends; a futex wait ends only if some thread runs.
	CMPQ	th_state(SI), $thSpinning
	JNE	idle
	TESTQ	R9, R9
	JNE	idle
	CMPQ	runtime·pvhrunning(SB), $1
	JHI	idle
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$1, AX
	RET
idle:
	CALL	runtime·pvhunlockthreads(SB)
	PAUSE
	CALL	runtime·pvhlockthreads(SB)
	JMP	look
switch:
	// Run thread CX (at DI) here; this one waits switched out.
	MOVQ	$thRunning, th_state(DI)
	MOVQ	$thParked, AX
	CMPQ	th_state(SI), $thSleeping
	JNE	park
	MOVQ	$thSleepParked, AX
park:
	MOVQ	AX, th_state(SI)
	CALL	runtime·pvhcpu(SB)
	LEAQ	runtime·pvhcur(SB), DX
	MOVQ	CX, 0(DX)(AX*8)
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
	CALL	runtime·pvhswitch(SB)
	// Back on some CPU, picked as the thread switched to.
	MOVL	$0, AX
	RET
run:
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$0, AX
	RET

// func futex(addr unsafe.Pointer, op int32, val uint32, ts unsafe.Pointer) int32
// A wait whose word still holds val blocks the thread (pvhblock). With
// one CPU and nothing ready or asleep, nothing could ever end the wait.
TEXT runtime·futex(SB), NOSPLIT, $32-28
	MOVL	op+8(FP), AX
	ANDL	$127, AX
	CMPL	AX, $FUTEX_WAKE
	JEQ	wake
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	addr+0(FP), BX
	MOVL	0(BX), AX
	CMPL	AX, val+12(FP)
	JEQ	wait
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	$-EAGAIN, ret+24(FP)
	RET
wait:
	CALL	runtime·pvhself(SB)
	MOVQ	$thSpinning, th_state(SI)
	MOVQ	BX, th_addr(SI)
	CALL	runtime·pvhblock(SB)
	TESTL	AX, AX
	JNE	forever
	MOVL	$0, ret+24(FP)
	RET
wake:
	// Wake every thread waiting on the word: the runtime's waits re-check.
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	addr+0(FP), BX
	LEAQ	runtime·pvhthreads(SB), DI
	MOVQ	$0, CX
wakescan:
	CMPQ	CX, runtime·pvhnthreads(SB)
	JCC	woke
	CMPQ	th_addr(DI), BX
	JNE	wakenext
	CMPQ	th_state(DI), $thSpinning
	JNE	parked
	MOVQ	$thRunning, th_state(DI)
	JMP	wakenext
parked:
	CMPQ	th_state(DI), $thParked
	JNE	wakenext
	MOVQ	$thReady, th_state(DI)
wakenext:
	ADDQ	$thSize, DI
	INCQ	CX
	JMP	wakescan
woke:
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

// func osusleep(us uint32): the thread sleeps, and its CPU runs other
// threads meanwhile; sysmon's keeps its CPU and waits on the clock.
TEXT runtime·osusleep(SB), NOSPLIT, $0-4
	MOVL	us+0(FP), AX
	IMULQ	$1000, AX
	MULQ	runtime·pvhtscper(SB)
	MOVQ	runtime·pvhcalibns(SB), CX
	TESTQ	CX, CX
	JEQ	done
	DIVQ	CX
	MOVQ	AX, BX
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	ADDQ	AX, BX	// the TSC at the end of the sleep
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	CMPQ	m_mstartfn(AX), $0
	JNE	spin
	CALL	runtime·pvhlockthreads(SB)
	CALL	runtime·pvhself(SB)
	MOVQ	BX, th_until(SI)
	MOVQ	$thSleeping, th_state(SI)
	MOVQ	$0, th_addr(SI)
	CALL	runtime·pvhblock(SB)
done:
	RET
spin:
	PAUSE
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	CMPQ	AX, BX
	JCS	spin
	RET

// func osidle(n *note, until int64): the idle M's wait (stopm): until n
// is woken or poked, or nanotime reaches until. The thread sleeps in
// slices of at most idleSliceUS, its CPU running other threads meanwhile,
// and looks at the note between them.
#define idleSliceUS	1000
TEXT runtime·osidle(SB), NOSPLIT, $16-16
again:
	MOVQ	n+0(FP), BX
	CMPL	0(BX), $0
	JNE	done
	CALL	runtime·nanotime(SB)
	MOVQ	until+8(FP), AX
	SUBQ	0(SP), AX
	JLE	done
	MOVQ	$0, DX
	MOVQ	$1000, CX
	DIVQ	CX
	INCQ	AX
	CMPQ	AX, $idleSliceUS
	JLE	slice
	MOVQ	$idleSliceUS, AX
slice:
	MOVL	AX, 0(SP)
	CALL	runtime·osusleep(SB)
	JMP	again
done:
	RET

// pvhswitch saves SP at AX, continues on stack BX (whose top is where
// to return to) and then releases the thread table: only now may
// another CPU resume the thread switched from.
TEXT runtime·pvhswitch(SB), NOSPLIT|NOFRAME, $0
	MOVQ	SP, 0(AX)
	MOVQ	BX, SP
	MOVL	$0, runtime·pvhthreadlock(SB)
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
