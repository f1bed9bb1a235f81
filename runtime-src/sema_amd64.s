// Semaphores, sync.Mutex and sync.WaitGroup, as Go's runtime/sema.go,
// sync/mutex.go and sync/waitgroup.go do them.
//
// A semaphore is a uint32 count. semacquire takes one if the count is
// above zero; else the goroutine parks in the semaphore table: 251
// buckets chosen by the address, each a lock, a count of waiters (read
// without the lock, so semrelease skips the lock when nobody waits) and a
// FIFO of the waiters' sudogs, each with the address it waits on.
// semrelease adds one and, if someone waits on that address, takes the
// count for the first of them (hands it over) and readies it.
//
// The lost wakeup: a waiter counts itself in nwait (a locked add) before
// it looks at the count again under the bucket's lock; semrelease adds to
// the count (a locked add) before it reads nwait. One of the two sees the
// other.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "lock.h"

// sync.Mutex's state word: locked, a woken waiter is on its way, the
// mutex is starving (handed from Unlock to the first waiter), and the
// waiter count above these three bits.
#define mutexLocked	1
#define mutexWoken	2
#define mutexStarving	4
#define mutexWaiterShift	3
#define mutexWaiter	8
// Spin iterations before a Lock parks, and PAUSEs per iteration (Go's).
#define activeSpin	4
#define activeSpinCnt	30

// semroot leaves in r the bucket of the semaphore at address a; clobbers
// AX, CX and DX.
#define semroot(a, r)	MOVQ a, AX; SHRQ $3, AX; XORL DX, DX; MOVQ $const_semTabSize, CX; DIVQ CX; IMULQ $semaRoot__size, DX; LEAQ runtime·semtable(SB), r; ADDQ DX, r

// semaText and semaEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·semaText)

// func semacquire(addr *uint32): wait until *addr > 0, then decrement it.
TEXT runtime·semacquire(SB), NOSPLIT, $24-8
	MOVQ	addr+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVB	$0, 8(SP)
	LEAQ	str_waitSemacquire, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·semacquire1(SB)
	RET

// func semacquire1(addr *uint32, lifo bool, reason *byte): semacquire,
// parking with reason; lifo puts the goroutine ahead of the others
// waiting on addr (a Mutex waiter that has waited already).
TEXT runtime·semacquire1(SB), NOSPLIT, $24-24
again:
	MOVQ	addr+0(FP), BX
fast:
	MOVL	0(BX), AX
	TESTL	AX, AX
	JEQ	slow
	LEAL	-1(AX), CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	fast
	RET
slow:
	semroot(BX, SI)
	MOVQ	SI, root-8(SP)
	LOCK
	INCQ	semaRoot_nwait(SI)
	LOCK_MUTEX(semaRoot_lock(SI))
	MOVQ	addr+0(FP), BX
recheck:
	MOVL	0(BX), AX
	TESTL	AX, AX
	JEQ	queue
	LEAL	-1(AX), CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	recheck
	// Released between the first look and the lock: no wait.
	MOVQ	root-8(SP), SI
	LOCK
	DECQ	semaRoot_nwait(SI)
	UNLOCK_MUTEX(semaRoot_lock(SI))
	RET
queue:
	get_tls(CX)
	MOVQ	g(CX), CX
	LEAQ	g_sg(CX), AX
	MOVQ	BX, sudog_elem(AX)
	MOVQ	$0, sudog_success(AX)
	MOVQ	$0, sudog_next(AX)
	MOVQ	$0, sudog_prev(AX)
	MOVQ	root-8(SP), SI
	CMPB	lifo+8(FP), $0
	JNE	front
	MOVQ	semaRoot_tail(SI), DX
	MOVQ	DX, sudog_prev(AX)
	TESTQ	DX, DX
	JEQ	empty
	MOVQ	AX, sudog_next(DX)
	JMP	settail
empty:
	MOVQ	AX, semaRoot_head(SI)
settail:
	MOVQ	AX, semaRoot_tail(SI)
	JMP	park
front:
	MOVQ	semaRoot_head(SI), DX
	MOVQ	DX, sudog_next(AX)
	TESTQ	DX, DX
	JEQ	alone
	MOVQ	AX, sudog_prev(DX)
	JMP	sethead
alone:
	MOVQ	AX, semaRoot_tail(SI)
sethead:
	MOVQ	AX, semaRoot_head(SI)
park:
	LEAQ	semaRoot_lock(SI), AX
	MOVQ	AX, 0(SP)
	MOVQ	reason+16(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	$0, (g_sg+sudog_elem)(CX)
	CMPQ	(g_sg+sudog_success)(CX), $0
	JEQ	again	// woken without the count: try again
	RET

// func semrelease(addr *uint32): increment *addr and wake the first
// goroutine waiting on addr, if any, handing it the count.
TEXT runtime·semrelease(SB), NOSPLIT, $24-8
	MOVQ	addr+0(FP), BX
	MOVL	$1, AX
	LOCK
	XADDL	AX, 0(BX)
	semroot(BX, SI)
	CMPQ	semaRoot_nwait(SI), $0
	JEQ	done
	MOVQ	SI, root-8(SP)
	LOCK_MUTEX(semaRoot_lock(SI))
	MOVQ	root-8(SP), SI
	MOVQ	addr+0(FP), BX
	MOVQ	semaRoot_head(SI), R8
find:
	TESTQ	R8, R8
	JEQ	unlock	// nobody waits on addr (others in the bucket may)
	CMPQ	sudog_elem(R8), BX
	JEQ	found
	MOVQ	sudog_next(R8), R8
	JMP	find
found:
	MOVQ	sudog_next(R8), DX
	MOVQ	sudog_prev(R8), CX
	TESTQ	CX, CX
	JEQ	washead
	MOVQ	DX, sudog_next(CX)
	JMP	linknext
washead:
	MOVQ	DX, semaRoot_head(SI)
linknext:
	TESTQ	DX, DX
	JEQ	wastail
	MOVQ	CX, sudog_prev(DX)
	JMP	unlinked
wastail:
	MOVQ	CX, semaRoot_tail(SI)
unlinked:
	MOVQ	$0, sudog_next(R8)
	MOVQ	$0, sudog_prev(R8)
	LOCK
	DECQ	semaRoot_nwait(SI)
	// Hand the count over, unless someone has taken it already (then
	// the waiter looks again).
take:
	MOVL	0(BX), AX
	TESTL	AX, AX
	JEQ	wake
	LEAL	-1(AX), CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	take
	MOVQ	$1, sudog_success(R8)
wake:
	MOVQ	R8, sg-16(SP)
	UNLOCK_MUTEX(semaRoot_lock(SI))
	MOVQ	sg-16(SP), AX
	MOVQ	sudog_g(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·goready(SB)
	RET
unlock:
	UNLOCK_MUTEX(semaRoot_lock(SI))
done:
	RET

// func mutexLock(m *[8]byte): sync.Mutex.Lock. m holds the state word
// (at 0) and the semaphore waiters park on (at 4).
TEXT runtime·mutexLock(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	m+0(FP), BX
	XORL	AX, AX
	MOVL	$mutexLocked, CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	slow
	RET
slow:
	JMP	runtime·mutexLockSlow(SB)

// func mutexLockSlow(m *[8]byte): Lock when the mutex was not free.
TEXT runtime·mutexLockSlow(SB), NOSPLIT, $64-8
	MOVQ	$0, wait-8(SP)	// when it started waiting, or 0
	MOVQ	$0, iter-16(SP)	// spins so far
	MOVQ	$0, starving-24(SP)	// it has waited too long
	MOVQ	$0, awoke-32(SP)	// it set mutexWoken, or was woken
	MOVQ	m+0(FP), BX
	MOVL	0(BX), AX	// old
loop:
	// Spin while the mutex is locked but not starving, if spinning can
	// help: a few times, on a machine with more than one CPU, while other
	// Ps run goroutines and this P has nothing else to run.
	MOVL	AX, DX
	ANDL	$(mutexLocked|mutexStarving), DX
	CMPL	DX, $mutexLocked
	JNE	nospin
	CMPQ	iter-16(SP), $activeSpin
	JGE	nospin
	CMPQ	runtime·sched+schedt_ncpu(SB), $1
	JLE	nospin
	MOVQ	runtime·sched+schedt_npidle(SB), DX
	ADDQ	runtime·sched+schedt_nmspinning(SB), DX
	INCQ	DX
	CMPQ	runtime·sched+schedt_gomaxprocs(SB), DX
	JLE	nospin
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	g_m(CX), CX
	MOVQ	m_p(CX), CX
	CMPQ	p_runnext(CX), $0
	JNE	nospin
	MOVL	p_runqhead(CX), DX
	CMPL	DX, p_runqtail(CX)
	JNE	nospin
	// Set mutexWoken, so that Unlock wakes nobody while it spins.
	CMPQ	awoke-32(SP), $0
	JNE	spin
	TESTL	$mutexWoken, AX
	JNE	spin
	CMPL	AX, $mutexWaiter
	JCS	spin	// no waiters
	MOVL	AX, DX
	ORL	$mutexWoken, DX
	LOCK
	CMPXCHGL	DX, 0(BX)
	JNE	spin
	MOVQ	$1, awoke-32(SP)
spin:
	MOVL	$activeSpinCnt, CX
pause:
	PAUSE
	DECL	CX
	JNE	pause
	INCQ	iter-16(SP)
	MOVL	0(BX), AX
	JMP	loop
nospin:
	MOVL	AX, DX	// new
	TESTL	$mutexStarving, AX
	JNE	nolock	// a starving mutex goes to the first waiter, not to us
	ORL	$mutexLocked, DX
nolock:
	TESTL	$(mutexLocked|mutexStarving), AX
	JEQ	nowait
	ADDL	$mutexWaiter, DX
nowait:
	CMPQ	starving-24(SP), $0
	JEQ	nostarve
	TESTL	$mutexLocked, AX
	JEQ	nostarve
	ORL	$mutexStarving, DX
nostarve:
	CMPQ	awoke-32(SP), $0
	JEQ	cas
	ANDL	$~mutexWoken, DX
cas:
	MOVL	AX, R8
	LOCK
	CMPXCHGL	DX, 0(BX)
	JNE	loop	// AX is the state now
	TESTL	$(mutexLocked|mutexStarving), R8
	JEQ	done	// it was free: ours now
	// Wait on the semaphore; one that has waited already goes first.
	MOVB	$0, lifo-40(SP)
	CMPQ	wait-8(SP), $0
	JNE	waited
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, wait-8(SP)
	JMP	acquire
waited:
	MOVB	$1, lifo-40(SP)
acquire:
	MOVQ	m+0(FP), AX
	ADDQ	$4, AX
	MOVQ	AX, 0(SP)
	MOVB	lifo-40(SP), AX
	MOVB	AX, 8(SP)
	LEAQ	str_waitMutexLock, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·semacquire1(SB)
	CMPQ	starving-24(SP), $0
	JNE	woken
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	wait-8(SP), AX
	CMPQ	AX, $const_starvationThresholdNs
	JLE	woken
	MOVQ	$1, starving-24(SP)
woken:
	MOVQ	m+0(FP), BX
	MOVL	0(BX), AX
	TESTL	$mutexStarving, AX
	JEQ	compete
	// Starving: Unlock handed the mutex to us, leaving it unlocked with
	// us still counted as a waiter. Lock it, uncount us, and leave
	// starvation mode if we are the last waiter or did not wait long.
	MOVL	$(mutexLocked-mutexWaiter), DX
	CMPQ	starving-24(SP), $0
	JEQ	leave
	SHRL	$mutexWaiterShift, AX
	CMPL	AX, $1
	JNE	add
leave:
	SUBL	$mutexStarving, DX
add:
	LOCK
	XADDL	DX, 0(BX)
	RET
compete:
	MOVQ	$1, awoke-32(SP)
	MOVQ	$0, iter-16(SP)
	JMP	loop
done:
	RET

// func mutexUnlock(m *[8]byte): sync.Mutex.Unlock.
TEXT runtime·mutexUnlock(SB), NOSPLIT|NOFRAME, $0-8
	MOVQ	m+0(FP), BX
	MOVL	$-mutexLocked, AX
	LOCK
	XADDL	AX, 0(BX)
	SUBL	$mutexLocked, AX	// the new state
	JNE	slow
	RET
slow:
	JMP	runtime·mutexUnlockSlow(SB)

// mutexUnlockSlow(m *[8]byte), entered by a jump from mutexUnlock with
// the new state in AX: waiters to wake, or an unlock of an unlocked mutex.
TEXT runtime·mutexUnlockSlow(SB), NOSPLIT, $8-8
	LEAL	mutexLocked(AX), DX
	TESTL	$mutexLocked, DX
	JEQ	bad
	TESTL	$mutexStarving, AX
	JNE	handoff
	MOVQ	m+0(FP), BX
loop:
	// Nobody to wake, or someone is awake already, or the mutex has been
	// taken (its taker will wake the next) or handed over.
	CMPL	AX, $mutexWaiter
	JCS	done
	TESTL	$(mutexLocked|mutexWoken|mutexStarving), AX
	JNE	done
	LEAL	-mutexWaiter(AX), DX
	ORL	$mutexWoken, DX
	LOCK
	CMPXCHGL	DX, 0(BX)
	JNE	loop
handoff:
	// Starving: the semaphore hands the count to the first waiter, who
	// takes the mutex as it is.
	MOVQ	m+0(FP), AX
	ADDQ	$4, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semrelease(SB)
done:
	RET
bad:
	LEAQ	str_mutexUnlockUnlocked, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// func wgAdd(wg *[16]byte, delta int64): sync.WaitGroup.Add. wg holds
// the counter (high 32 bits) and the waiter count (low 32 bits) in one
// word at 0, and the semaphore waiters park on at 8.
TEXT runtime·wgAdd(SB), NOSPLIT, $16-16
	MOVQ	wg+0(FP), BX
	MOVQ	delta+8(FP), CX
	SHLQ	$32, CX
	MOVQ	CX, AX
	LOCK
	XADDQ	AX, 0(BX)
	ADDQ	CX, AX	// the new state
	MOVQ	AX, DX
	SARQ	$32, DX	// the counter
	TESTQ	DX, DX
	JLT	negative
	MOVL	AX, SI	// the waiters
	TESTL	SI, SI
	JEQ	done	// nobody waits
	MOVQ	delta+8(FP), CX
	CMPQ	CX, $0
	JLE	checked
	CMPQ	DX, CX
	JEQ	misuse	// first Add since a Wait started
checked:
	TESTQ	DX, DX
	JNE	done
	// The counter is 0 and goroutines wait: nothing may have changed
	// the state meanwhile. Reset it and wake every waiter.
	CMPQ	0(BX), AX
	JNE	misuse
	MOVQ	$0, 0(BX)
	MOVQ	SI, n-8(SP)
wake:
	MOVQ	wg+0(FP), AX
	ADDQ	$8, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semrelease(SB)
	DECQ	n-8(SP)
	JNE	wake
done:
	RET
negative:
	LEAQ	str_wgNegative, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET
misuse:
	LEAQ	str_wgMisuse, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// func wgWait(wg *[16]byte): sync.WaitGroup.Wait: block until the
// counter is 0.
TEXT runtime·wgWait(SB), NOSPLIT, $24-8
loop:
	MOVQ	wg+0(FP), BX
	MOVQ	0(BX), AX
	MOVQ	AX, DX
	SHRQ	$32, DX
	TESTQ	DX, DX
	JEQ	done	// the counter is 0
	LEAQ	1(AX), CX	// one more waiter
	LOCK
	CMPXCHGQ	CX, 0(BX)
	JNE	loop
	LEAQ	8(BX), AX
	MOVQ	AX, 0(SP)
	MOVB	$0, 8(SP)
	LEAQ	str_waitWaitGroup, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·semacquire1(SB)
	MOVQ	wg+0(FP), BX
	CMPQ	0(BX), $0
	JNE	reused
done:
	RET
reused:
	LEAQ	str_wgReused, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// The semaphore table.
GLOBL runtime·semtable(SB), NOPTR, $16064	// semTabSize × semaRoot__size

TEXT_MARK(runtime·semaEtext)
