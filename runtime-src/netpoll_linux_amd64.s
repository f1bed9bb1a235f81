// The network poller, as Go's netpoll on epoll: one epoll instance, made
// at the first pollOpen; each descriptor registered edge-triggered with a
// pollDesc; a goroutine waiting for a descriptor to be readable or
// writable parks in pollWait (no thread is held). Ms look for ready
// descriptors with netpoll: findrunnable without blocking when it finds
// no work, the idle waiter (stopm) blocking until the earliest timer or
// until netpollBreak wakes it, and sysmon when nobody has looked for 10
// ms. read and write park on EAGAIN for a registered non-blocking
// descriptor; for any other they are blocking system calls that leave the
// P to others (entersyscall), as syscall6 is.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "curg.h"
#include "lock.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_fcntl	72
#define SYS_epoll_ctl	233
#define SYS_epoll_pwait	281
#define SYS_eventfd2	290
#define SYS_epoll_create1	291

#define EPOLLIN	0x1
#define EPOLLOUT	0x4
#define EPOLLERR	0x8
#define EPOLLHUP	0x10
#define EPOLLRDHUP	0x2000
#define EPOLLET	0x80000000
#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CLOEXEC	0x80000
#define EFD_NONBLOCK	0x800
#define F_GETFL	3
#define O_NONBLOCK	0x800

#define EINTR	4
#define EBADF	9
#define EAGAIN	11
#define ETIMEDOUT	110

// An epoll_event is packed: the events word, then the data (a pollDesc,
// or 0 for the wake-up eventfd).
#define evSize	12

#define SCHEDLOCK	runtime·sched+schedt_lock(SB)

// pollText and pollEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·pollText)

// func netpollinit() (errno int64): the epoll instance and the eventfd
// netpollBreak writes to, once.
TEXT runtime·netpollinit(SB), NOSPLIT, $24-8
	LOCK_MUTEX(runtime·pollinitlock(SB))
	MOVQ	$0, ret+0(FP)
	CMPQ	runtime·netpollinited(SB), $0
	JNE	unlock
	MOVL	$EPOLL_CLOEXEC, DI
	MOVL	$SYS_epoll_create1, AX
	SYSCALL
	CMPQ	AX, $0
	JLT	fail
	MOVQ	AX, runtime·epfd(SB)
	MOVL	$0, DI
	MOVL	$(EPOLL_CLOEXEC|EFD_NONBLOCK), SI	// EFD_CLOEXEC is O_CLOEXEC, as EPOLL_CLOEXEC
	MOVL	$SYS_eventfd2, AX
	SYSCALL
	CMPQ	AX, $0
	JLT	fail
	MOVQ	AX, runtime·pollbreakfd(SB)
	// Level-triggered: a wake-up stays pending until a blocking poll
	// drains it, whoever polls first.
	MOVL	$EPOLLIN, ev-12(SP)
	MOVQ	$0, ev-8(SP)
	MOVQ	runtime·epfd(SB), DI
	MOVL	$EPOLL_CTL_ADD, SI
	MOVQ	AX, DX
	LEAQ	ev-12(SP), R10
	MOVL	$SYS_epoll_ctl, AX
	SYSCALL
	CMPQ	AX, $0
	JLT	fail
	MOVQ	$1, runtime·netpollinited(SB)
	JMP	unlock
fail:
	NEGQ	AX
	MOVQ	AX, ret+0(FP)
unlock:
	UNLOCK_MUTEX(runtime·pollinitlock(SB))
	RET

// func pollOpen(fd int64) (pd unsafe.Pointer, errno int64): register fd
// with the poller, edge-triggered for reading and writing.
TEXT runtime·pollOpen(SB), NOSPLIT, $24-24
	MOVQ	$0, pd+8(FP)
	CMPQ	runtime·netpollinited(SB), $0
	JNE	inited
	CALL	runtime·netpollinit(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JNE	fail
inited:
	// Whether fd is non-blocking decides whether read and write park.
	MOVQ	fd+0(FP), DI
	MOVL	$F_GETFL, SI
	MOVL	$SYS_fcntl, AX
	SYSCALL
	CMPQ	AX, $0
	JLT	failneg
	ANDQ	$O_NONBLOCK, AX
	MOVQ	AX, nb-8(SP)
	CALL	runtime·pdalloc(SB)
	MOVQ	0(SP), BX
	MOVQ	BX, pd+8(FP)
	MOVQ	fd+0(FP), AX
	MOVQ	AX, pollDesc_fd(BX)
	MOVQ	nb-8(SP), AX
	MOVQ	AX, pollDesc_nonblock(BX)
	MOVQ	$0, pollDesc_rg(BX)
	MOVQ	$0, pollDesc_wg(BX)
	MOVQ	$0, pollDesc_rd(BX)
	MOVQ	$0, pollDesc_wd(BX)
	MOVQ	$0, pollDesc_closing(BX)
	MOVL	$(EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET), ev-20(SP)
	MOVQ	BX, ev-16(SP)
	MOVQ	runtime·epfd(SB), DI
	MOVL	$EPOLL_CTL_ADD, SI
	MOVQ	fd+0(FP), DX
	LEAQ	ev-20(SP), R10
	MOVL	$SYS_epoll_ctl, AX
	SYSCALL
	CMPQ	AX, $0
	JLT	unreg
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	pd+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·pollfdset(SB)
	MOVQ	$0, errno+16(FP)
	RET
unreg:
	MOVQ	AX, nb-8(SP)
	MOVQ	pd+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdfree(SB)
	MOVQ	$0, pd+8(FP)
	MOVQ	nb-8(SP), AX
failneg:
	NEGQ	AX
fail:
	MOVQ	AX, errno+16(FP)
	RET

// func pdalloc() *pollDesc: a closed pollDesc to reuse, or a new one.
TEXT runtime·pdalloc(SB), NOSPLIT, $16-8
	LOCK_MUTEX(runtime·pollcachelock(SB))
	MOVQ	runtime·pollcache(SB), AX
	TESTQ	AX, AX
	JEQ	unlock
	MOVQ	pollDesc_link(AX), CX
	MOVQ	CX, runtime·pollcache(SB)
	MOVQ	$0, pollDesc_link(AX)
unlock:
	MOVQ	AX, ret+0(FP)
	UNLOCK_MUTEX(runtime·pollcachelock(SB))
	CMPQ	ret+0(FP), $0
	JNE	done
	MOVQ	$pollDesc__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ret+0(FP)
	// The deadline timers are the pollDesc's for good.
	LEAQ	runtime·pollDeadline(SB), CX
	MOVQ	CX, (pollDesc_rt+timer_f)(AX)
	MOVQ	AX, (pollDesc_rt+timer_arg)(AX)
	MOVQ	CX, (pollDesc_wt+timer_f)(AX)
	MOVQ	AX, (pollDesc_wt+timer_arg)(AX)
done:
	RET

// func pdfree(pd *pollDesc): keep pd for reuse.
TEXT runtime·pdfree(SB), NOSPLIT, $16-8
	LOCK_MUTEX(runtime·pollcachelock(SB))
	MOVQ	pd+0(FP), AX
	MOVQ	runtime·pollcache(SB), CX
	MOVQ	CX, pollDesc_link(AX)
	MOVQ	AX, runtime·pollcache(SB)
	UNLOCK_MUTEX(runtime·pollcachelock(SB))
	RET

// func pollfdset(fd int64, pd *pollDesc): fd's entry in the table read and
// write look descriptors up in (pd nil: not registered). The table grows
// by doubling; an old one is never freed, since readers look without the
// lock: the array is stored before the length, and read after it.
TEXT runtime·pollfdset(SB), NOSPLIT, $24-16
	LOCK_MUTEX(runtime·pollcachelock(SB))
	MOVQ	fd+0(FP), CX
	CMPQ	CX, runtime·pollfdsn(SB)
	JCS	store
	TESTQ	CX, CX
	JLT	unlock
	MOVQ	runtime·pollfdsn(SB), AX
	SHLQ	$1, AX
	CMPQ	AX, $1024
	JCC	big
	MOVQ	$1024, AX
big:
	CMPQ	AX, CX
	JHI	sized
	LEAQ	1(CX), AX
sized:
	MOVQ	AX, n-8(SP)
	SHLQ	$3, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	runtime·pollfds(SB), SI
	MOVQ	runtime·pollfdsn(SB), CX
	CLD
	REP;	MOVSQ
	MOVQ	8(SP), DI
	MOVQ	DI, runtime·pollfds(SB)
	MOVQ	n-8(SP), AX
	MOVQ	AX, runtime·pollfdsn(SB)
	MOVQ	fd+0(FP), CX
store:
	MOVQ	runtime·pollfds(SB), SI
	MOVQ	pd+8(FP), AX
	MOVQ	AX, 0(SI)(CX*8)
unlock:
	UNLOCK_MUTEX(runtime·pollcachelock(SB))
	RET

// func pollfdget(fd int64) *pollDesc: the pollDesc fd is registered with,
// or nil.
TEXT runtime·pollfdget(SB), NOSPLIT, $0-16
	MOVQ	fd+0(FP), CX
	MOVQ	$0, AX
	CMPQ	CX, runtime·pollfdsn(SB)
	JCC	done
	MOVQ	runtime·pollfds(SB), SI
	MOVQ	0(SI)(CX*8), AX
done:
	MOVQ	AX, ret+8(FP)
	RET

// func pollClose(pd unsafe.Pointer): unregister pd's descriptor (before
// closing it); goroutines still waiting get EBADF. pd is not to be used
// again.
TEXT runtime·pollClose(SB), NOSPLIT, $32-8
	MOVQ	pd+0(FP), BX
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	pd+0(FP), BX
	MOVQ	$1, pollDesc_closing(BX)
	LEAQ	pollDesc_rg(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdtake(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, rg-8(SP)
	MOVQ	pd+0(FP), BX
	LEAQ	pollDesc_wg(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdtake(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, wg-16(SP)
	MOVQ	pd+0(FP), BX
	UNLOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	rg-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdready(SB)
	MOVQ	wg-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdready(SB)
	MOVQ	pd+0(FP), BX
	MOVQ	runtime·epfd(SB), DI
	MOVL	$EPOLL_CTL_DEL, SI
	MOVQ	pollDesc_fd(BX), DX
	LEAQ	rg-8(SP), R10	// ignored, but old kernels want one
	MOVL	$SYS_epoll_ctl, AX
	SYSCALL
	// Out of the table, unless a later pollOpen of the same number took
	// the entry.
	LOCK_MUTEX(runtime·pollcachelock(SB))
	MOVQ	pd+0(FP), BX
	MOVQ	pollDesc_fd(BX), CX
	CMPQ	CX, runtime·pollfdsn(SB)
	JCC	unlock
	MOVQ	runtime·pollfds(SB), SI
	CMPQ	0(SI)(CX*8), BX
	JNE	unlock
	MOVQ	$0, 0(SI)(CX*8)
unlock:
	UNLOCK_MUTEX(runtime·pollcachelock(SB))
	MOVQ	pd+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdfree(SB)
	RET

// func pdtake(slot *uintptr) *g: the g parked on slot (pd.rg or pd.wg),
// taken off it (slot becomes 0), or nil. The pd's lock held.
TEXT runtime·pdtake(SB), NOSPLIT, $0-16
	MOVQ	slot+0(FP), BX
	MOVQ	0(BX), AX
	CMPQ	AX, $const_pdReady
	JLS	none
	MOVQ	$0, 0(BX)
	LOCK
	DECQ	runtime·sched+schedt_npollwait(SB)
	MOVQ	AX, ret+8(FP)
	RET
none:
	MOVQ	$0, ret+8(FP)
	RET

// func pdready(gp *g): goready, for a gp that may be nil.
TEXT runtime·pdready(SB), NOSPLIT, $8-8
	MOVQ	gp+0(FP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, 0(SP)
	CALL	runtime·goready(SB)
done:
	RET

// func pollWait(pd unsafe.Pointer, mode int64) (errno int64): park until
// pd's descriptor is ready for mode ('r' reading, 'w' writing): 0; or
// ETIMEDOUT once the mode's deadline has passed, EBADF once pd is closed.
// Readiness that came while nobody waited is taken at once (edge-triggered
// epoll reports each change once).
TEXT runtime·pollWait(SB), NOSPLIT, $32-24
	MOVQ	pd+0(FP), BX
	LEAQ	pollDesc_rg(BX), AX
	LEAQ	pollDesc_rd(BX), CX
	CMPQ	mode+8(FP), $'w'
	JNE	slots
	LEAQ	pollDesc_wg(BX), AX
	LEAQ	pollDesc_wd(BX), CX
slots:
	MOVQ	AX, slot-8(SP)
	MOVQ	CX, dl-16(SP)
again:
	MOVQ	pd+0(FP), BX
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	pd+0(FP), BX
	CMPQ	pollDesc_closing(BX), $0
	JNE	closed
	MOVQ	dl-16(SP), CX
	MOVQ	0(CX), AX
	TESTQ	AX, AX
	JEQ	check
	JLT	timedout
	// A deadline whose timer has not run yet still counts.
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	dl-16(SP), CX
	CMPQ	AX, 0(CX)
	JLT	check
	MOVQ	$-1, 0(CX)
	JMP	timedout
check:
	MOVQ	slot-8(SP), BX
	CMPQ	0(BX), $const_pdReady
	JNE	park
	MOVQ	$0, 0(BX)
	MOVQ	$0, errno+16(FP)
	JMP	unlock
park:
	// The lock is gopark's: it is released once this goroutine is off
	// its stack, so netpoll, which takes it, cannot ready it before.
	getg(AX)
	MOVQ	AX, 0(BX)
	LOCK
	INCQ	runtime·sched+schedt_npollwait(SB)
	MOVQ	pd+0(FP), BX
	LEAQ	pollDesc_lock(BX), AX
	MOVQ	AX, 0(SP)
	LEAQ	str_waitIOWait, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	JMP	again
closed:
	MOVQ	$EBADF, errno+16(FP)
	JMP	unlock
timedout:
	MOVQ	$ETIMEDOUT, errno+16(FP)
unlock:
	MOVQ	pd+0(FP), BX
	UNLOCK_MUTEX(pollDesc_lock(BX))
	RET

// func pollSetDeadline(pd unsafe.Pointer, d int64, mode int64): the
// deadline (a nanotime, 0 for none) of pollWait for mode 'r', 'w' or
// 'r'+'w'. A deadline already past wakes the waiters at once.
TEXT runtime·pollSetDeadline(SB), NOSPLIT, $24-24
	MOVQ	pd+0(FP), BX
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	mode+16(FP), AX
	CMPQ	AX, $'w'
	JEQ	write
	MOVQ	pd+0(FP), BX
	MOVQ	d+8(FP), AX
	MOVQ	AX, pollDesc_rd(BX)
	LEAQ	pollDesc_rt(BX), AX
	MOVQ	AX, 0(SP)
	LEAQ	pollDesc_rarmed(BX), AX
	MOVQ	AX, 8(SP)
	MOVQ	d+8(FP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pdarm(SB)
	CMPQ	mode+16(FP), $'r'
	JEQ	unlock
write:
	MOVQ	pd+0(FP), BX
	MOVQ	d+8(FP), AX
	MOVQ	AX, pollDesc_wd(BX)
	LEAQ	pollDesc_wt(BX), AX
	MOVQ	AX, 0(SP)
	LEAQ	pollDesc_warmed(BX), AX
	MOVQ	AX, 8(SP)
	MOVQ	d+8(FP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pdarm(SB)
unlock:
	MOVQ	pd+0(FP), BX
	UNLOCK_MUTEX(pollDesc_lock(BX))
	// A deadline already past: the waiters go now, not at a timer.
	CMPQ	d+8(FP), $0
	JLE	done
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, d+8(FP)
	JLT	done
	MOVQ	pd+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdexpire(SB)
done:
	RET

// func pdarm(t *timer, armed *int64, d int64): make sure a deadline timer
// runs by d. The pollDesc's own timer goes into the heap unless it is
// there already for d or earlier (then it fires first and is set again
// for the deadline of the time); a deadline earlier than it gets a timer
// of its own, freed once run. The pd's lock held.
TEXT runtime·pdarm(SB), NOSPLIT, $16-24
	MOVQ	d+16(FP), AX
	TESTQ	AX, AX
	JLE	done
	MOVQ	armed+8(FP), BX
	MOVQ	t+0(FP), DX
	CMPQ	0(BX), $0
	JEQ	arm
	CMPQ	timer_when(DX), AX
	JLE	done
	// An earlier deadline than the armed timer's.
	MOVQ	$timer__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DX
	MOVQ	t+0(FP), CX
	MOVQ	timer_arg(CX), CX
	MOVQ	CX, timer_arg(DX)
	LEAQ	runtime·pollDeadlineOnce(SB), CX
	MOVQ	CX, timer_f(DX)
	MOVQ	d+16(FP), AX
	MOVQ	AX, timer_when(DX)
	JMP	add
arm:
	MOVQ	$1, 0(BX)
	MOVQ	AX, timer_when(DX)
add:
	MOVQ	DX, 0(SP)
	CALL	runtime·timeradd(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
done:
	RET

// func pollDeadline(t *timer): a pollDesc's own deadline timer ran (on
// g0, with a P). It is out of the heap: set it again for a deadline that
// moved later, and wake the waiters whose deadline has passed.
TEXT runtime·pollDeadline(SB), NOSPLIT, $32-8
	MOVQ	t+0(FP), DX
	MOVQ	timer_arg(DX), BX
	MOVQ	BX, pd-8(SP)
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	pd-8(SP), BX
	MOVQ	t+0(FP), DX
	LEAQ	pollDesc_rt(BX), AX
	LEAQ	pollDesc_rarmed(BX), CX
	MOVQ	pollDesc_rd(BX), SI
	CMPQ	AX, DX
	JEQ	which
	LEAQ	pollDesc_warmed(BX), CX
	MOVQ	pollDesc_wd(BX), SI
which:
	MOVQ	$0, 0(CX)
	MOVQ	DX, 0(SP)
	MOVQ	CX, 8(SP)
	MOVQ	SI, 16(SP)
	CALL	runtime·pdarm(SB)	// does nothing for a deadline now past
	MOVQ	pd-8(SP), BX
	UNLOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	pd-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdexpire(SB)
	RET

// func pollDeadlineOnce(t *timer): an extra deadline timer (pdarm) ran:
// wake the waiters whose deadline has passed, and free it.
TEXT runtime·pollDeadlineOnce(SB), NOSPLIT, $8-8
	MOVQ	t+0(FP), AX
	MOVQ	timer_arg(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdexpire(SB)
	MOVQ	t+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET

// func pdexpire(pd *pollDesc): each deadline of pd that has passed
// becomes -1, and its waiter is readied (pollWait then returns
// ETIMEDOUT). A deadline moved or cleared since a timer was set is not
// past, so a stale timer does nothing.
TEXT runtime·pdexpire(SB), NOSPLIT, $40-8
	MOVQ	pd+0(FP), BX
	MOVQ	pollDesc_rd(BX), AX
	ORQ	pollDesc_wd(BX), AX
	JEQ	done	// no deadline: no clock read either
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, now-8(SP)
	MOVQ	$0, rg-16(SP)
	MOVQ	$0, wg-24(SP)
	MOVQ	pd+0(FP), BX
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	pd+0(FP), BX
	MOVQ	now-8(SP), AX
	MOVQ	pollDesc_rd(BX), CX
	TESTQ	CX, CX
	JLE	write
	CMPQ	CX, AX
	JGT	write
	MOVQ	$-1, pollDesc_rd(BX)
	LEAQ	pollDesc_rg(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdtake(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, rg-16(SP)
	MOVQ	pd+0(FP), BX
	MOVQ	now-8(SP), AX
write:
	MOVQ	pollDesc_wd(BX), CX
	TESTQ	CX, CX
	JLE	unlock
	CMPQ	CX, AX
	JGT	unlock
	MOVQ	$-1, pollDesc_wd(BX)
	LEAQ	pollDesc_wg(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdtake(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, wg-24(SP)
	MOVQ	pd+0(FP), BX
unlock:
	UNLOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	rg-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdready(SB)
	MOVQ	wg-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pdready(SB)
done:
	RET

// func netpoll(until int64) (gp *g, n int64): the goroutines whose
// descriptors are ready, linked through schedlink (n of them, status
// still Gwaiting). until 0 does not block; maxWhen blocks until an event
// or a netpollBreak; any other time blocks until then at most. Only the
// idle waiter blocks (stopm).
TEXT runtime·netpoll(SB), NOSPLIT, $64-24
	MOVQ	$0, gp+8(FP)
	MOVQ	$0, n+16(FP)
	getm(BX)
	MOVQ	m_pollbuf(BX), AX
	TESTQ	AX, AX
	JNE	havebuf
	// The idle waiter has no P: the buffer is allocated and made
	// reachable (from allm) in one region where no cycle runs.
	CALL	runtime·gcnopenter(SB)
	MOVQ	$(const_pollEvents*evSize), 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	getm(BX)
	MOVQ	AX, m_pollbuf(BX)
	CALL	runtime·gcnopexit(SB)
havebuf:
	MOVQ	until+0(FP), AX
	MOVQ	$0, ms-8(SP)
	TESTQ	AX, AX
	JEQ	poll
	MOVQ	$-1, ms-8(SP)
	MOVQ	$const_maxWhen, CX
	CMPQ	AX, CX
	JEQ	block
	// Milliseconds, rounded up: never wake before the timer is due.
	CALL	runtime·nanotime(SB)
	MOVQ	until+0(FP), AX
	SUBQ	0(SP), AX
	JLE	zero
	ADDQ	$999999, AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	CMPQ	AX, $0x3fffffff
	JLS	ms
	MOVQ	$0x3fffffff, AX
ms:
	MOVQ	AX, ms-8(SP)
	JMP	block
zero:
	MOVQ	$0, ms-8(SP)
	JMP	poll
block:
	MOVQ	$0, runtime·sched+schedt_lastpoll(SB)
poll:
	MOVQ	runtime·epfd(SB), DI
	getm(BX)
	MOVQ	m_pollbuf(BX), SI
	MOVL	$const_pollEvents, DX
	MOVQ	ms-8(SP), R10
	MOVQ	$0, R8
	MOVQ	$0, R9
	MOVL	$SYS_epoll_pwait, AX
	SYSCALL
	CMPQ	AX, $0
	JGE	got
	MOVQ	$0, AX	// EINTR: the caller looks again
got:
	MOVQ	AX, cnt-16(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, runtime·sched+schedt_lastpoll(SB)
	MOVQ	$0, i-24(SP)
each:
	MOVQ	i-24(SP), CX
	CMPQ	CX, cnt-16(SP)
	JCC	done
	INCQ	i-24(SP)
	IMULQ	$evSize, CX
	getm(BX)
	MOVQ	m_pollbuf(BX), SI
	ADDQ	CX, SI
	MOVL	0(SI), AX	// events
	MOVQ	4(SI), BX	// the pollDesc
	TESTQ	BX, BX
	JNE	desc
	// The wake-up eventfd: a blocking poll drains it, and a later
	// netpollBreak writes again.
	CMPQ	ms-8(SP), $0
	JEQ	each
	MOVQ	runtime·pollbreakfd(SB), DI
	LEAQ	ev-32(SP), SI
	MOVL	$8, DX
	MOVL	$SYS_read, AX
	SYSCALL
	MOVQ	$0, runtime·pollbreaksig(SB)
	JMP	each
desc:
	MOVQ	BX, pd-32(SP)
	MOVL	AX, ev-40(SP)
	TESTL	$(EPOLLIN|EPOLLRDHUP|EPOLLHUP|EPOLLERR), AX
	JEQ	writable
	MOVQ	BX, 0(SP)
	LEAQ	pollDesc_rg(BX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·pdunblock(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JEQ	writable
	MOVQ	gp+8(FP), CX
	MOVQ	CX, g_schedlink(AX)
	MOVQ	AX, gp+8(FP)
	INCQ	n+16(FP)
writable:
	MOVL	ev-40(SP), AX
	TESTL	$(EPOLLOUT|EPOLLHUP|EPOLLERR), AX
	JEQ	each
	MOVQ	pd-32(SP), BX
	MOVQ	BX, 0(SP)
	LEAQ	pollDesc_wg(BX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·pdunblock(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JEQ	each
	MOVQ	gp+8(FP), CX
	MOVQ	CX, g_schedlink(AX)
	MOVQ	AX, gp+8(FP)
	INCQ	n+16(FP)
	JMP	each
done:
	RET

// func pdunblock(pd *pollDesc, slot *uintptr) *g: slot's mode (pd.rg or
// pd.wg) is ready: the g parked on it, now owed the readiness (slot is
// pdReady), or nil when nobody waits (the readiness is kept for the next
// pollWait).
TEXT runtime·pdunblock(SB), NOSPLIT, $16-24
	MOVQ	pd+0(FP), BX
	LOCK_MUTEX(pollDesc_lock(BX))
	MOVQ	slot+8(FP), BX
	MOVQ	0(BX), AX
	MOVQ	$const_pdReady, 0(BX)
	CMPQ	AX, $const_pdReady
	JHI	waiter
	MOVQ	$0, AX
	JMP	unlock
waiter:
	LOCK
	DECQ	runtime·sched+schedt_npollwait(SB)
unlock:
	MOVQ	AX, ret+16(FP)
	MOVQ	pd+0(FP), BX
	UNLOCK_MUTEX(pollDesc_lock(BX))
	RET

// func netpollBreak(): wake the idle waiter from its poll (a write to the
// eventfd), once until it has drained it.
TEXT runtime·netpollBreak(SB), NOSPLIT, $16-0
	MOVQ	$0, AX
	MOVQ	$1, CX
	LOCK
	CMPXCHGQ	CX, runtime·pollbreaksig(SB)
	JNE	done
	MOVQ	$1, one-8(SP)
again:
	MOVQ	runtime·pollbreakfd(SB), DI
	LEAQ	one-8(SP), SI
	MOVL	$8, DX
	MOVL	$SYS_write, AX
	SYSCALL
	CMPQ	AX, $-EINTR
	JEQ	again
done:
	RET

// func read(fd int32, p unsafe.Pointer, n int32) int32: one read: the
// bytes read (0 at end of file), or -errno. A descriptor registered with
// the poller and non-blocking parks on EAGAIN and reads again (a deadline
// gives -ETIMEDOUT); any other is read in a blocking system call whose P
// goes to other goroutines meanwhile (entersyscall).
TEXT runtime·read(SB), NOSPLIT, $48-28
	MOVLQSX	fd+0(FP), CX
	MOVQ	CX, 0(SP)
	MOVQ	p+8(FP), CX
	MOVQ	CX, 8(SP)
	MOVLQSX	n+16(FP), CX
	MOVQ	CX, 16(SP)
	MOVQ	$SYS_read, 24(SP)
	MOVQ	$'r', 32(SP)
	CALL	runtime·rwpoll(SB)
	MOVQ	40(SP), AX
	MOVL	AX, ret+24(FP)
	RET

// func write(fd uintptr, p unsafe.Pointer, n int32) int32: one write: the
// bytes written, or -errno; parking on EAGAIN as read does, else a
// blocking system call. A broken pipe is -32 (EPIPE), except on standard
// output and error, where the program dies of SIGPIPE as a Go program does
// (unless it asked for SIGPIPE with signalNotify). The runtime's own
// output uses write1, which needs no P.
TEXT runtime·write(SB), NOSPLIT, $48-28
	MOVQ	$SYS_write, AX
	MOVQ	$'w', BX
	MOVLQSX	fd+0(FP), CX
	MOVQ	CX, 0(SP)
	MOVQ	p+8(FP), CX
	MOVQ	CX, 8(SP)
	MOVLQSX	n+16(FP), CX
	MOVQ	CX, 16(SP)
	MOVQ	AX, 24(SP)
	MOVQ	BX, 32(SP)
	CALL	runtime·rwpoll(SB)
	MOVQ	40(SP), AX
	MOVL	AX, ret+24(FP)
	CMPQ	AX, $-32	// EPIPE
	JNE	done
	CMPQ	24(SP), $SYS_write
	JNE	done
	CMPL	fd+0(FP), $1
	JEQ	sigpipe
	CMPL	fd+0(FP), $2
	JNE	done
sigpipe:
	CALL	runtime·sigpipe(SB)
done:
	RET

// func rwpoll(fd int64, p unsafe.Pointer, n, num, mode int64) int64: read
// and write: system call num, parking for mode when fd is registered and
// non-blocking.
TEXT runtime·rwpoll(SB), NOSPLIT, $32-48
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pollfdget(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	blocking
	CMPQ	pollDesc_nonblock(AX), $0
	JEQ	blocking
	MOVQ	AX, pd-8(SP)
again:
	MOVQ	fd+0(FP), DI
	MOVQ	p+8(FP), SI
	MOVQ	n+16(FP), DX
	MOVQ	num+24(FP), AX
	SYSCALL
	CMPQ	AX, $-EINTR
	JEQ	again
	CMPQ	AX, $-EAGAIN
	JNE	done
	MOVQ	pd-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	mode+32(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·pollWait(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JEQ	again
	NEGQ	AX
	JMP	done
blocking:
	CALL	runtime·entersyscall(SB)
call:
	MOVQ	fd+0(FP), DI
	MOVQ	p+8(FP), SI
	MOVQ	n+16(FP), DX
	MOVQ	num+24(FP), AX
	SYSCALL
	CMPQ	AX, $-EINTR
	JEQ	call
	MOVQ	AX, pd-8(SP)
	CALL	runtime·exitsyscall(SB)
	MOVQ	pd-8(SP), AX
done:
	MOVQ	AX, ret+40(FP)
	RET

// func syscall6(num, a1, a2, a3, a4, a5, a6 int64) (r1, errno int64): any
// system call, as a blocking one: the P goes to other goroutines while it
// lasts (entersyscall). r1 is -1 and errno set on failure.
TEXT runtime·syscall6(SB), NOSPLIT, $0-72
	CALL	runtime·entersyscall(SB)
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	a4+32(FP), R10
	MOVQ	a5+40(FP), R8
	MOVQ	a6+48(FP), R9
	MOVQ	num+0(FP), AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JCC	fail
	MOVQ	AX, r1+56(FP)
	MOVQ	$0, errno+64(FP)
	JMP	exit
fail:
	NEGQ	AX
	MOVQ	AX, errno+64(FP)
	MOVQ	$-1, r1+56(FP)
exit:
	CALL	runtime·exitsyscall(SB)
	RET

GLOBL runtime·netpollinited(SB), NOPTR, $8
GLOBL runtime·epfd(SB), NOPTR, $8
GLOBL runtime·pollbreakfd(SB), NOPTR, $8
GLOBL runtime·pollbreaksig(SB), NOPTR, $8
GLOBL runtime·pollinitlock(SB), NOPTR, $8
// Closed pollDescs to reuse, and the descriptor table (pollfdsn entries),
// under pollcachelock.
GLOBL runtime·pollcache(SB), NOPTR, $8
GLOBL runtime·pollcachelock(SB), NOPTR, $8
GLOBL runtime·pollfds(SB), NOPTR, $8
GLOBL runtime·pollfdsn(SB), NOPTR, $8

TEXT_MARK(runtime·pollEtext)
