// Timers, as Go's since 1.14: each P keeps its timers in a heap, ordered
// by when they are due, and runs the due ones from its scheduler loop
// (schedule); an M looking for work runs the due timers of every P
// (checktimers); an idle M waits with a deadline for the earliest timer
// of all (stopm in proc_amd64.s). A sleeping goroutine holds no thread:
// timeSleep parks it on a timer that readies it.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "curg.h"
#include "allp.h"
#include "lock.h"

#define SCHEDLOCK	runtime·sched+schedt_lock(SB)

// getp loads the current M's P into r.

// timeText and timeEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·timeText)

// func timeSleep(ns int64): park the goroutine for ns nanoseconds
// (Go's time.Sleep). ns <= 0 returns at once.
TEXT runtime·timeSleep(SB), NOSPLIT, $24-8
	CMPQ	ns+0(FP), $0
	JLE	done
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	ns+0(FP), AX
	JNO	set
	MOVQ	$const_maxWhen, AX
set:
	get_tls(CX)
	MOVQ	g(CX), BX
	LEAQ	g_timer(BX), DX
	MOVQ	AX, timer_when(DX)
	LEAQ	runtime·timerReady(SB), CX
	MOVQ	CX, timer_f(DX)
	MOVQ	BX, timer_arg(DX)
	// The timer goes into the heap under the P's timers lock, and gopark
	// releases the lock only once the goroutine is off its stack: an M
	// that runs the timer must take the lock, so it cannot ready the
	// goroutine before it has parked.
	MOVQ	DX, 0(SP)
	CALL	runtime·timeradd(SB)
	MOVQ	8(SP), AX	// the lock, still held
	MOVQ	AX, 0(SP)
	LEAQ	str_waitSleep, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
done:
	RET

// func usleep(us uint32): timeSleep(us * 1000).
TEXT runtime·usleep(SB), NOSPLIT, $8-4
	MOVLQZX	us+0(FP), AX
	IMULQ	$1000, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·timeSleep(SB)
	RET

// func timerReady(t *timer): a sleep is over: ready its goroutine.
TEXT runtime·timerReady(SB), NOSPLIT, $8-8
	MOVQ	t+0(FP), AX
	MOVQ	timer_arg(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·goready(SB)
	RET

// func after(ns int64) *hchan: a channel of 8-byte elements, buffer 1,
// that receives nanotime() once, ns nanoseconds from now (Go's
// time.After).
TEXT runtime·after(SB), NOSPLIT, $24-16
	MOVQ	$8, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+8(FP)
	MOVQ	$timer__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, t-8(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	ns+0(FP), CX
	TESTQ	CX, CX
	JLE	set
	ADDQ	CX, AX
	JNO	set
	MOVQ	$const_maxWhen, AX
set:
	MOVQ	t-8(SP), DX
	MOVQ	AX, timer_when(DX)
	LEAQ	runtime·timerSend(SB), CX
	MOVQ	CX, timer_f(DX)
	MOVQ	ret+8(FP), CX
	MOVQ	CX, timer_arg(DX)
	MOVQ	DX, 0(SP)
	CALL	runtime·timeradd(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	RET

// func timerSend(t *timer): an after's time has come: send the time on
// its channel (which has room: nothing else sends on it), and free t.
TEXT runtime·timerSend(SB), NOSPLIT, $24-8
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, now-8(SP)
	MOVQ	t+0(FP), AX
	MOVQ	timer_arg(AX), AX
	MOVQ	AX, 0(SP)
	LEAQ	now-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·selectnbsend(SB)
	MOVQ	t+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET

// func timeradd(t *timer) (l *mutex): put t, its when set, into the
// current P's heap, and make sure an idle M will wake for it. Returns with
// the P's timers lock held (l): timeSleep keeps it until it has parked.
TEXT runtime·timeradd(SB), NOSPLIT, $16-16
	getp(BX)
	LEAQ	p_timerslock(BX), AX
	MOVQ	AX, l+8(FP)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	getp(BX)
	MOVQ	BX, 0(SP)
	MOVQ	t+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·timerpush(SB)
	MOVQ	t+0(FP), AX
	MOVQ	timer_when(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wakeidle(SB)
	RET

// func timerpush(pp *p, t *timer): add t to pp's heap. pp's timers lock
// held.
TEXT runtime·timerpush(SB), NOSPLIT, $8-16
	MOVQ	pp+0(FP), BX
	MOVQ	p_ntimers(BX), CX
	CMPQ	CX, p_timerscap(BX)
	JCS	room
	MOVQ	BX, 0(SP)
	CALL	runtime·timersgrow(SB)
	MOVQ	pp+0(FP), BX
	MOVQ	p_ntimers(BX), CX
room:
	MOVQ	p_timers(BX), SI
	INCQ	p_ntimers(BX)
	MOVQ	t+8(FP), DX
	MOVQ	timer_when(DX), AX
	// Sift up: move parents down until the hole at CX suits AX.
up:
	TESTQ	CX, CX
	JEQ	place
	LEAQ	-1(CX), R8
	SHRQ	$1, R8	// the parent
	MOVQ	R8, R9
	SHLQ	$4, R9
	CMPQ	timerent_when(SI)(R9*1), AX
	JLE	place
	MOVQ	CX, R10
	SHLQ	$4, R10
	MOVQ	timerent_when(SI)(R9*1), R11
	MOVQ	R11, timerent_when(SI)(R10*1)
	MOVQ	timerent_t(SI)(R9*1), R11
	MOVQ	R11, timerent_t(SI)(R10*1)
	MOVQ	R8, CX
	JMP	up
place:
	SHLQ	$4, CX
	MOVQ	AX, timerent_when(SI)(CX*1)
	MOVQ	DX, timerent_t(SI)(CX*1)
	MOVQ	timerent_when(SI), AX
	MOVQ	AX, p_timer0when(BX)
	RET

// func timersgrow(pp *p): twice the room in pp's heap (timersInitCap at
// first). pp's timers lock held.
TEXT runtime·timersgrow(SB), NOSPLIT, $24-8
	MOVQ	pp+0(FP), BX
	MOVQ	p_timerscap(BX), AX
	SHLQ	$1, AX
	CMPQ	AX, $const_timersInitCap
	JCC	sized
	MOVQ	$const_timersInitCap, AX
sized:
	MOVQ	AX, newcap-8(SP)
	SHLQ	$4, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	pp+0(FP), BX
	MOVQ	p_timers(BX), SI
	MOVQ	p_ntimers(BX), CX
	SHLQ	$1, CX	// two words an entry
	CLD
	REP;	MOVSQ
	MOVQ	8(SP), DI
	MOVQ	p_timers(BX), SI
	MOVQ	DI, p_timers(BX)
	MOVQ	newcap-8(SP), AX
	MOVQ	AX, p_timerscap(BX)
	TESTQ	SI, SI
	JEQ	done
	MOVQ	SI, 0(SP)
	CALL	runtime·free(SB)
done:
	RET

// func timerpop(pp *p): remove the earliest timer from pp's heap. pp's
// timers lock held; the heap is not empty.
TEXT runtime·timerpop(SB), NOSPLIT, $0-8
	MOVQ	pp+0(FP), BX
	MOVQ	p_timers(BX), SI
	DECQ	p_ntimers(BX)
	MOVQ	p_ntimers(BX), R8	// entries left
	MOVQ	R8, R9
	SHLQ	$4, R9
	MOVQ	timerent_when(SI)(R9*1), AX	// the last entry fills the hole
	MOVQ	timerent_t(SI)(R9*1), DX
	MOVQ	$0, CX	// the hole
	// Sift down: move the earlier child up until the hole at CX suits AX.
down:
	LEAQ	1(CX)(CX*1), R9	// the left child
	CMPQ	R9, R8
	JCC	place
	MOVQ	R9, R10
	SHLQ	$4, R10
	LEAQ	1(R9), R11
	CMPQ	R11, R8
	JCC	child
	MOVQ	timerent_when(SI)(R10*1), R12
	CMPQ	R12, (timerent__size+timerent_when)(SI)(R10*1)
	JLE	child
	MOVQ	R11, R9	// the right child is earlier
	ADDQ	$timerent__size, R10
child:
	CMPQ	AX, timerent_when(SI)(R10*1)
	JLE	place
	MOVQ	CX, R11
	SHLQ	$4, R11
	MOVQ	timerent_when(SI)(R10*1), R12
	MOVQ	R12, timerent_when(SI)(R11*1)
	MOVQ	timerent_t(SI)(R10*1), R12
	MOVQ	R12, timerent_t(SI)(R11*1)
	MOVQ	R9, CX
	JMP	down
place:
	SHLQ	$4, CX
	MOVQ	AX, timerent_when(SI)(CX*1)
	MOVQ	DX, timerent_t(SI)(CX*1)
	MOVQ	$0, AX
	TESTQ	R8, R8
	JEQ	empty
	MOVQ	timerent_when(SI), AX
empty:
	MOVQ	AX, p_timer0when(BX)
	RET

// func runtimers(pp *p, now int64): run pp's timers due by now, earliest
// first. Each runs with the lock released, so it may take other locks
// (a channel's, the scheduler's) and add timers.
TEXT runtime·runtimers(SB), NOSPLIT, $16-16
next:
	MOVQ	pp+0(FP), BX
	LOCK_MUTEX(p_timerslock(BX))
	MOVQ	pp+0(FP), BX
	CMPQ	p_ntimers(BX), $0
	JEQ	done
	MOVQ	p_timers(BX), SI
	MOVQ	now+8(FP), AX
	CMPQ	timerent_when(SI), AX
	JGT	done
	MOVQ	timerent_t(SI), AX
	MOVQ	AX, t-8(SP)
	MOVQ	BX, 0(SP)
	CALL	runtime·timerpop(SB)
	MOVQ	pp+0(FP), BX
	UNLOCK_MUTEX(p_timerslock(BX))
	MOVQ	t-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	timer_f(AX), CX
	CALL	CX
	JMP	next
done:
	UNLOCK_MUTEX(p_timerslock(BX))
	RET

// func checktimers(): run the due timers of every P (Go's stealWork runs
// other Ps' timers too): an M looking for work runs them, whoever's P
// they are on, idle or not. The clock is read only if some P has timers.
TEXT runtime·checktimers(SB), NOSPLIT, $32-0
	MOVQ	$0, now-8(SP)
	MOVQ	$0, i-16(SP)
each:
	NEXTP(i-16(SP), BX, done)
	MOVQ	p_timer0when(BX), AX
	TESTQ	AX, AX
	JEQ	each
	MOVQ	now-8(SP), CX
	TESTQ	CX, CX
	JNE	compare
	MOVQ	BX, pp-24(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), CX
	MOVQ	CX, now-8(SP)
	MOVQ	pp-24(SP), BX
	MOVQ	p_timer0when(BX), AX
compare:
	CMPQ	AX, CX
	JGT	each
	MOVQ	BX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·runtimers(SB)
	JMP	each
done:
	RET

// func timerswhen() int64: when the earliest timer of all Ps is due, or 0
// if there is none. Reads each P's timer0when without its lock: a timer
// added meanwhile wakes an idle M itself (wakeidle).
TEXT runtime·timerswhen(SB), NOSPLIT, $0-8
	MOVQ	$0, AX
	MOVQ	runtime·allp(SB), SI
	MOVQ	runtime·sched+schedt_gomaxprocs(SB), CX
each:
	TESTQ	CX, CX
	JEQ	done
	DECQ	CX
	MOVQ	0(SI)(CX*8), BX
	MOVQ	p_timer0when(BX), DX
	TESTQ	DX, DX
	JEQ	each
	TESTQ	AX, AX
	JEQ	take
	CMPQ	DX, AX
	JGE	each
take:
	MOVQ	DX, AX
	JMP	each
done:
	MOVQ	AX, ret+0(FP)
	RET

// func wakeidle(when int64): a timer due at when was added to a P (or a
// P with timers went idle): make sure an idle M wakes by then, if some M
// is idle and some P is free to run it. The idle M waiting for the
// earliest timer (sched.idlewaiter) is poked if it waits longer; with no
// such M, an idle one is poked to become it. Running Ps run their own
// timers at their next schedule (at most forcePreemptNS away).
TEXT runtime·wakeidle(SB), NOSPLIT, $24-8
	// Order the heap store before the loads below: an M going idle either
	// sees the timer or is seen here (as wakep does for run queues).
	MFENCE
	CMPQ	runtime·sched+schedt_nmidle(SB), $0
	JEQ	done
	CMPQ	runtime·sched+schedt_npidle(SB), $0
	JEQ	done
	// idleuntil is written before idlewaiter, so a waiter seen here comes
	// with its own deadline.
	MOVQ	runtime·sched+schedt_idlewaiter(SB), AX
	TESTQ	AX, AX
	JEQ	slow
	MOVQ	when+0(FP), CX
	CMPQ	CX, runtime·sched+schedt_idleuntil(SB)
	JGE	done
slow:
	LOCK_MUTEX(SCHEDLOCK)
	MOVQ	runtime·sched+schedt_idlewaiter(SB), AX
	TESTQ	AX, AX
	JEQ	anyidle
	MOVQ	when+0(FP), CX
	CMPQ	CX, runtime·sched+schedt_idleuntil(SB)
	JGE	unlock
	JMP	poke
anyidle:
	MOVQ	runtime·sched+schedt_midle(SB), AX
	TESTQ	AX, AX
	JEQ	unlock
poke:
	MOVQ	AX, mp-8(SP)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notepoke(SB)
	// The waiter may be in the poller, which the futex does not reach.
	MOVQ	mp-8(SP), AX
	CMPQ	AX, runtime·sched+schedt_idlewaiter(SB)
	JNE	unlock
	CMPQ	runtime·netpollinited(SB), $0
	JEQ	unlock
	CALL	runtime·netpollBreak(SB)
unlock:
	UNLOCK_MUTEX(SCHEDLOCK)
done:
	RET

TEXT_MARK(runtime·timeEtext)
