// The scheduler: Ms (threads) run gs (goroutines) while holding a P.
// Follows Go's proc.go: schedinit, newproc, mstart, schedule,
// findrunnable with work stealing, and Ms that sleep when idle and are
// woken (wakep, startm) when work appears.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "curg.h"
#include "allp.h"
#include "lock.h"

#define SCHEDLOCK	runtime·sched+schedt_lock(SB)

// CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD
#define cloneFlags	0x50f00

// Global-queue fairness: every schedtickFair-th schedule looks there first
// (counted down in p.fairtick).
#define schedtickFair	61

// getm loads the current M into r.

// procText and procEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·procText)

// func schedinit(): set up m0 and the Ps, GOMAXPROCS of them.
TEXT runtime·schedinit(SB), NOSPLIT, $32-0
	CALL	runtime·mallocinit(SB)
	CALL	runtime·gcinit(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, runtime·starttime(SB)
	LEAQ	str_schedtraceVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·schedtraceMS(SB)
	LEAQ	str_inittraceVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·inittrace(SB)
	LEAQ	str_asyncpreemptoffVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·asyncpreemptoff(SB)
	CALL	runtime·xsaveinit(SB)
	CALL	runtime·initsig(SB)
	LEAQ	runtime·m0(SB), AX
	MOVQ	$0, m_id(AX)
	MOVQ	AX, runtime·sched+schedt_allm(SB)
	MOVQ	$1, runtime·sched+schedt_mcount(SB)
	MOVQ	$1, runtime·sched+schedt_mnext(SB)
	MOVQ	runtime·randomSeed(SB), CX
	ORQ	$1, CX
	MOVQ	CX, m_fastrand(AX)

	// GOMAXPROCS from the environment, else the CPU count.
	MOVQ	runtime·sched+schedt_ncpu(SB), BX
	MOVQ	BX, procs-8(SP)
	LEAQ	str_gomaxprocsEnv, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·getenv(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	haveprocs
	MOVQ	AX, 0(SP)
	CALL	runtime·atoi(SB)
	CMPB	16(SP), $0
	JEQ	haveprocs
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	haveprocs
	MOVQ	AX, procs-8(SP)
haveprocs:
	// Any number of Ps, as Go has allowed since 1.10: allp is as long as
	// GOMAXPROCS says (malloc ends the program if it cannot be).
	MOVQ	procs-8(SP), AX
	MOVQ	AX, runtime·sched+schedt_gomaxprocs(SB)
	CMPQ	AX, $1
	JNE	multip
	MOVB	$1, runtime·chanplain(SB)	// see chan_amd64.s
multip:
	SHLQ	$3, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·allp(SB)

	// Allocate the Ps.
	MOVQ	$0, i-16(SP)
alloc:
	MOVQ	i-16(SP), CX
	CMPQ	CX, runtime·sched+schedt_gomaxprocs(SB)
	JCC	allocated
	MOVQ	$p__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	i-16(SP), CX
	MOVQ	CX, p_id(AX)
	MOVQ	runtime·allp(SB), DX
	MOVQ	AX, 0(DX)(CX*8)
	INCQ	i-16(SP)
	JMP	alloc
allocated:
	// m0 takes P 0; the rest are idle, P 1 first.
	MOVQ	runtime·allp(SB), AX
	MOVQ	0(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	MOVQ	runtime·sched+schedt_gomaxprocs(SB), CX
idle:
	DECQ	CX
	JEQ	done
	MOVQ	CX, i-16(SP)
	MOVQ	runtime·allp(SB), DX
	MOVQ	0(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pidleput(SB)
	MOVQ	i-16(SP), CX
	JMP	idle
done:
	RET

GLOBL runtime·sched(SB), NOPTR, $schedt__size
// allp points at the Ps, GOMAXPROCS of them.
GLOBL runtime·allp(SB), NOPTR, $8
GLOBL runtime·mainStarted(SB), NOPTR, $8

// func acquirep(pp *p): the current M takes pp.
TEXT runtime·acquirep(SB), NOSPLIT, $0-8
	MOVQ	pp+0(FP), AX
	getm(CX)
	MOVQ	AX, m_p(CX)
	MOVQ	CX, p_m(AX)
	MOVQ	$const_Prunning, p_status(AX)
	RET

// func releasep() *p: the current M gives up its P.
TEXT runtime·releasep(SB), NOSPLIT, $0-8
	getm(CX)
	MOVQ	m_p(CX), AX
	MOVQ	$0, m_p(CX)
	MOVQ	$0, p_m(AX)
	MOVQ	$const_Pidle, p_status(AX)
	MOVQ	AX, ret+0(FP)
	RET

// func pidleput(pp *p): sched.lock held.
TEXT runtime·pidleput(SB), NOSPLIT, $0-8
	MOVQ	pp+0(FP), AX
	MOVQ	runtime·sched+schedt_pidle(SB), CX
	MOVQ	CX, p_link(AX)
	MOVQ	AX, runtime·sched+schedt_pidle(SB)
	MOVQ	$const_Pidle, p_status(AX)
	LOCK
	INCQ	runtime·sched+schedt_npidle(SB)
	RET

// func pidleget() *p: an idle P or nil. sched.lock held. While the
// collector stops the world, none: idle Ps stay idle. A P taken is no
// longer idle (Prunning) for the collector's look at the Ps.
TEXT runtime·pidleget(SB), NOSPLIT, $0-8
	MOVQ	$0, AX
	CMPL	runtime·gcwaiting(SB), $0
	JNE	done
	MOVQ	runtime·sched+schedt_pidle(SB), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	p_link(AX), CX
	MOVQ	CX, runtime·sched+schedt_pidle(SB)
	MOVQ	$0, p_link(AX)
	MOVQ	$const_Prunning, p_status(AX)
	LOCK
	DECQ	runtime·sched+schedt_npidle(SB)
done:
	MOVQ	AX, ret+0(FP)
	RET

// func mput(mp *m): mp joins the idle Ms. sched.lock held.
TEXT runtime·mput(SB), NOSPLIT, $0-8
	MOVQ	mp+0(FP), AX
	MOVQ	runtime·sched+schedt_midle(SB), CX
	MOVQ	CX, m_schedlink(AX)
	MOVQ	AX, runtime·sched+schedt_midle(SB)
	INCQ	runtime·sched+schedt_nmidle(SB)
	MOVQ	$1, m_idle(AX)
	RET

// func mget() *m: an idle M or nil. sched.lock held.
TEXT runtime·mget(SB), NOSPLIT, $0-8
	MOVQ	runtime·sched+schedt_midle(SB), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	m_schedlink(AX), CX
	MOVQ	CX, runtime·sched+schedt_midle(SB)
	MOVQ	$0, m_schedlink(AX)
	MOVQ	$0, m_idle(AX)
	DECQ	runtime·sched+schedt_nmidle(SB)
done:
	MOVQ	AX, ret+0(FP)
	RET

// func newproc(fn *funcval): start a goroutine running fn, called from
// goexit.
TEXT runtime·newproc(SB), NOSPLIT, $48-8
	getm(AX)
	MOVQ	m_p(AX), BX
	MOVQ	BX, pp-8(SP)
	MOVQ	BX, 0(SP)
	CALL	runtime·gfget(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JNE	have
	CALL	runtime·malg(SB)
	CALL	runtime·allgadd(SB)	// the new g is still at 0(SP)
	MOVQ	0(SP), AX
have:
	// Who starts it, from where: newproc's return address (just below its
	// arguments) and the current goroutine's id.
	LEAQ	fn+0(FP), CX
	MOVQ	-8(CX), CX
	MOVQ	CX, g_gopc(AX)
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	g_goid(CX), CX
	MOVQ	CX, g_parentgoid(AX)
	// The goroutine starts in goexit, which calls fn (DX) with the stack
	// as empty as it is now.
	MOVQ	(g_stack+stack_hi)(AX), BX
	SUBQ	$stktop__size, BX
	MOVQ	BX, (g_sched+gobuf_sp)(AX)
	LEAQ	runtime·goexit(SB), CX
	MOVQ	CX, (g_sched+gobuf_pc)(AX)
	MOVQ	fn+0(FP), DX
	MOVQ	funcval_fn(DX), CX
	MOVQ	CX, g_startpc(AX)
	MOVQ	DX, (g_sched+gobuf_ctxt)(AX)
	MOVQ	AX, (g_sched+gobuf_g)(AX)
	MOVQ	$0, (g_sched+gobuf_bp)(AX)
	MOVQ	$0, (g_sched+gobuf_ret)(AX)
	MOVQ	$0, g_param(AX)
	// An id from the P's batch, so Ps do not contend for goidgen.
	MOVQ	pp-8(SP), BX
	MOVQ	p_goidcache(BX), CX
	CMPQ	CX, p_goidcacheend(BX)
	JCS	goid
	MOVQ	$16, CX
	LOCK
	XADDQ	CX, runtime·sched+schedt_goidgen(SB)
	INCQ	CX
	LEAQ	16(CX), DX
	MOVQ	DX, p_goidcacheend(BX)
goid:
	MOVQ	CX, g_goid(AX)
	INCQ	CX
	MOVQ	CX, p_goidcache(BX)
	MOVQ	$const_Grunnable, g_status(AX)

	MOVQ	pp-8(SP), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·runqput(SB)
	CMPQ	runtime·mainStarted(SB), $0
	JEQ	done
	CALL	runtime·wakep1(SB)	// runqput's XCHG was the fence
done:
	RET

// func malg() *g: a new g with its first stack segment (stack_amd64.s).
TEXT runtime·malg(SB), NOSPLIT, $32-8
	MOVQ	$g__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, gp-8(SP)
	MOVQ	$const_firstStackSize, 0(SP)
	CALL	runtime·stackalloc(SB)
	MOVQ	gp-8(SP), AX
	MOVQ	8(SP), BX
	MOVQ	16(SP), CX
	MOVQ	BX, (g_stack+stack_lo)(AX)
	MOVQ	CX, (g_stack+stack_hi)(AX)
	MOVQ	CX, DX
	SUBQ	BX, DX
	MOVQ	DX, g_stacksize(AX)
	MOVQ	$const_stackCanary, DX
	MOVQ	DX, 0(BX)
	// The first segment's top says there is no segment below it.
	MOVQ	$0, (-stktop__size+stktop_oldhi)(CX)
	LEAQ	const_stackGuard(BX), BX
	MOVQ	BX, g_stackguard0(AX)
	MOVQ	BX, g_stackguard1(AX)
	MOVQ	AX, (g_sg+sudog_g)(AX)
	MOVQ	$const_Gdead, g_status(AX)
	MOVQ	AX, ret+0(FP)
	RET

// func allgadd(gp *g): gp joins allgs, the list of every goroutine, at
// its end, for good (a dead g is reused, not freed). A fatal error's
// report walks the list without the lock: gp's alllink is 0 before gp is
// linked, and x86 keeps the stores in order.
TEXT runtime·allgadd(SB), NOSPLIT, $16-8
	LOCK_MUTEX(runtime·allglock(SB))
	MOVQ	gp+0(FP), AX
	MOVQ	$0, g_alllink(AX)
	MOVQ	runtime·allgtail(SB), CX
	TESTQ	CX, CX
	JEQ	first
	MOVQ	AX, g_alllink(CX)
	JMP	linked
first:
	MOVQ	AX, runtime·allgs(SB)
linked:
	MOVQ	AX, runtime·allgtail(SB)
	UNLOCK_MUTEX(runtime·allglock(SB))
	RET

// allgs is the first g of the list (linked through g.alllink), allgtail
// its last.
GLOBL runtime·allgs(SB), NOPTR, $8
GLOBL runtime·allgtail(SB), NOPTR, $8
GLOBL runtime·allglock(SB), NOPTR, $8

// The global free-g list is a stack of batches of gfreeBatch gs: each
// batch is a chain through g.schedlink, and its first g's param links to
// the next batch. A P moves a whole batch under gflock, so the lock is
// held for a few stores: the chain is walked outside it. Walking under it
// cost a cache miss per g (the gs were last written on the other CPU),
// and at two Ps spawning on one and exiting on the other, the lock was
// held through 32 misses at a time and both sides slept on it.
#define gfreeBatch	(const_gfreeMax/2)

// func gfput(pp *p, gp *g): keep dead gp for reuse; at gfreeMax, move a
// batch of pp's list to the global one.
TEXT runtime·gfput(SB), NOSPLIT, $16-16
	MOVQ	pp+0(FP), BX
	MOVQ	gp+8(FP), AX
	MOVQ	p_gfree(BX), CX
	MOVQ	CX, g_schedlink(AX)
	MOVQ	AX, p_gfree(BX)
	INCQ	p_gfreecnt(BX)
	CMPQ	p_gfreecnt(BX), $const_gfreeMax
	JCS	done
	// Cut the batch: the first gfreeBatch gs, recently freed here.
	MOVQ	AX, DX
	MOVQ	$(gfreeBatch-1), CX
walk:
	MOVQ	g_schedlink(DX), DX
	DECQ	CX
	JNE	walk
	MOVQ	g_schedlink(DX), CX
	MOVQ	CX, p_gfree(BX)
	MOVQ	$0, g_schedlink(DX)
	SUBQ	$gfreeBatch, p_gfreecnt(BX)
	LOCK_MUTEX(runtime·sched+schedt_gflock(SB))
	MOVQ	gp+8(FP), AX
	MOVQ	runtime·sched+schedt_gfree(SB), CX
	MOVQ	CX, g_param(AX)
	MOVQ	AX, runtime·sched+schedt_gfree(SB)
	ADDQ	$gfreeBatch, runtime·sched+schedt_ngfree(SB)
	UNLOCK_MUTEX(runtime·sched+schedt_gflock(SB))
done:
	RET

// func gfget(pp *p) *g: a dead g to reuse, or nil. Refills pp's empty
// list with a batch from the global one.
TEXT runtime·gfget(SB), NOSPLIT, $16-16
	MOVQ	pp+0(FP), BX
	CMPQ	p_gfree(BX), $0
	JNE	pop
	CMPQ	runtime·sched+schedt_ngfree(SB), $0
	JEQ	pop
	LOCK_MUTEX(runtime·sched+schedt_gflock(SB))
	MOVQ	runtime·sched+schedt_gfree(SB), AX
	TESTQ	AX, AX
	JEQ	refilled
	MOVQ	g_param(AX), CX
	MOVQ	CX, runtime·sched+schedt_gfree(SB)
	SUBQ	$gfreeBatch, runtime·sched+schedt_ngfree(SB)
	MOVQ	$0, g_param(AX)
	MOVQ	pp+0(FP), BX
	MOVQ	AX, p_gfree(BX)
	MOVQ	$gfreeBatch, p_gfreecnt(BX)
refilled:
	UNLOCK_MUTEX(runtime·sched+schedt_gflock(SB))
	MOVQ	pp+0(FP), BX
pop:
	MOVQ	p_gfree(BX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, p_gfree(BX)
	DECQ	p_gfreecnt(BX)
	MOVQ	$0, g_schedlink(AX)
done:
	MOVQ	AX, ret+8(FP)
	RET

// func wakep(): if a P is idle and no M is looking for work, start one
// spinning M to look.
TEXT runtime·wakep(SB), NOSPLIT|NOFRAME, $0-0
	// With one P, the caller holds it: no P is idle.
	CMPQ	runtime·sched+schedt_gomaxprocs(SB), $1
	JEQ	done
	// Order the caller's queue store before wakep1's loads: an M that is
	// giving up its P either sees the new work or is seen there.
	MFENCE
	JMP	runtime·wakep1(SB)
done:
	RET

// func wakep1(): wakep for a caller whose new work is already ordered
// before these loads, by the locked instruction that published it
// (runqput's XCHG on runnext, for goready and newproc). The fence costs
// as much as that XCHG again, on every channel hand-off.
TEXT runtime·wakep1(SB), NOSPLIT, $16-0
	CMPQ	runtime·sched+schedt_gomaxprocs(SB), $1
	JEQ	done
	CMPQ	runtime·sched+schedt_npidle(SB), $0
	JEQ	done
	CMPQ	runtime·sched+schedt_nmspinning(SB), $0
	JNE	done
	MOVQ	$0, AX
	MOVQ	$1, CX
	LOCK
	CMPXCHGQ	CX, runtime·sched+schedt_nmspinning(SB)
	JNE	done
	MOVQ	$0, 0(SP)
	MOVB	$1, 8(SP)
	CALL	runtime·startm(SB)
done:
	RET

// func startm(pp *p, spinning bool): run an M with pp (an idle P if nil).
// A spinning M was counted in nmspinning by the caller.
TEXT runtime·startm(SB), NOSPLIT, $32-9
	LOCK_MUTEX(SCHEDLOCK)
	CMPQ	pp+0(FP), $0
	JNE	havep
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JNE	gotp
	// No idle P after all.
	UNLOCK_MUTEX(SCHEDLOCK)
	CMPB	spinning+8(FP), $0
	JEQ	done
	LOCK
	DECQ	runtime·sched+schedt_nmspinning(SB)
done:
	RET
gotp:
	MOVQ	AX, pp+0(FP)
havep:
	CALL	runtime·mget(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, mp-8(SP)
	TESTQ	AX, AX
	JNE	unlock
	// No idle M: count the one newm will make now, under the lock, as
	// Go's startm reserves its id. Otherwise an M stopping in between
	// would see every counted M idle and call it a deadlock, while this
	// one is about to run pp's goroutines.
	INCQ	runtime·sched+schedt_mcount(SB)
unlock:
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	mp-8(SP), AX
	TESTQ	AX, AX
	JEQ	new
	MOVBQZX	spinning+8(FP), CX
	MOVQ	CX, m_spinning(AX)
	MOVQ	pp+0(FP), CX
	MOVQ	CX, m_nextp(AX)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notewakeup(SB)
	// The idle waiter may be in the poller, which a futex wake-up does
	// not reach (it stays the waiter until it has woken).
	MOVQ	mp-8(SP), AX
	CMPQ	AX, runtime·sched+schedt_idlewaiter(SB)
	JNE	woken
	CMPQ	runtime·netpollinited(SB), $0
	JEQ	woken
	CALL	runtime·netpollBreak(SB)
woken:
	RET
new:
	MOVQ	$0, 0(SP)
	MOVQ	pp+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVB	spinning+8(FP), AX
	MOVB	AX, 16(SP)
	CALL	runtime·newm(SB)
	RET

// func newm(fn func(), pp *p, spinning bool): a new M (an OS thread) that
// runs fn (sysmon) or, with fn nil, schedules goroutines with pp. The
// caller has counted it in sched.mcount already. Its m and g0 are
// allocated and linked into allm in one gcnopenter region: the caller
// may have no P (sysmon handing a P off), and a cycle in between would
// free them.
TEXT runtime·newm(SB), NOSPLIT, $64-17
	CALL	runtime·gcnopenter(SB)
	MOVQ	$m__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, mp-8(SP)
	// g0 is made here rather than by malg: newm runs on NOSPLIT chains
	// (goready, wakep, startm) that one more frame would take past the
	// 792-byte limit p9ld checks.
	MOVQ	$g__size, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, g0-16(SP)
	MOVQ	$const_cgoStackSize, 0(SP)
	CALL	runtime·stackmap(SB)
	MOVQ	g0-16(SP), AX
	MOVQ	8(SP), BX
	MOVQ	16(SP), CX
	MOVQ	BX, (g_stack+stack_lo)(AX)
	MOVQ	CX, (g_stack+stack_hi)(AX)
	LEAQ	const_stackGuard(BX), BX
	MOVQ	BX, g_stackguard0(AX)
	MOVQ	BX, g_stackguard1(AX)
	MOVQ	mp-8(SP), BX
	MOVQ	AX, m_g0(BX)
	MOVQ	BX, g_m(AX)
	MOVQ	fn+0(FP), CX
	MOVQ	CX, m_mstartfn(BX)
	MOVQ	pp+8(FP), CX
	MOVQ	CX, m_nextp(BX)
	MOVBQZX	spinning+16(FP), CX
	MOVQ	CX, m_spinning(BX)
	// Seed the new M's random numbers from the creator's.
	getm(DX)
	MOVQ	m_fastrand(DX), CX
	MOVQ	$0x9e3779b97f4a7c15, AX
	IMULQ	AX, CX
	ORQ	$1, CX
	MOVQ	CX, m_fastrand(BX)

	LOCK_MUTEX(SCHEDLOCK)
	MOVQ	mp-8(SP), BX
	MOVQ	runtime·sched+schedt_mnext(SB), CX
	MOVQ	CX, m_id(BX)
	INCQ	runtime·sched+schedt_mnext(SB)
	MOVQ	runtime·sched+schedt_allm(SB), CX
	MOVQ	CX, m_alllink(BX)
	MOVQ	BX, runtime·sched+schedt_allm(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	CALL	runtime·gcnopexit(SB)

	MOVL	$cloneFlags, 0(SP)
	MOVQ	g0-16(SP), AX
	MOVQ	(g_stack+stack_hi)(AX), CX
	MOVQ	CX, 8(SP)
	MOVQ	mp-8(SP), BX
	MOVQ	BX, 16(SP)
	MOVQ	AX, 24(SP)
	LEAQ	runtime·mstart(SB), CX
	MOVQ	CX, 32(SP)
	CALL	runtime·clone(SB)
	MOVLQSX	40(SP), AX
	TESTQ	AX, AX
	JLT	failed
	RET
failed:
	LEAQ	str_cloneFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

// mstart is where every M starts, on its g0 stack: the point schedule
// restarts from each time an mcall switches to g0.
TEXT runtime·mstart(SB), NOSPLIT|NOFRAME|TOPFRAME, $0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	SP, (g_sched+gobuf_sp)(AX)
	CALL	runtime·mstart1(SB)
	CALL	runtime·abort(SB)

TEXT runtime·mstart1(SB), NOSPLIT, $16-0
	CALL	runtime·minit(SB)
	getm(BX)
	MOVQ	m_mstartfn(BX), AX
	TESTQ	AX, AX
	JEQ	sched
	CALL	AX
	CALL	runtime·abort(SB)
sched:
	getm(BX)
	MOVQ	m_nextp(BX), AX
	TESTQ	AX, AX
	JEQ	run
	MOVQ	$0, m_nextp(BX)
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
run:
	CALL	runtime·schedule(SB)
	RET

// func stopm(): park the current M until startm hands it a P. This is
// the one idle path: while timers are pending or goroutines wait on the
// network poller, one idle M (the idle waiter) waits with a deadline, the
// earliest timer of all Ps (osidle; in the poller, netpoll, once it is in
// use); when it passes, that M takes an idle P and returns, and
// findrunnable runs the timers. Goroutines the poll readies are run with
// an idle P by the waiter itself. Other idle Ms sleep until startm wakes
// them. The deadlock check is here too: every M idle (sysmon aside, and
// the waiter counts as idle), no timer pending, nobody in the poller.
TEXT runtime·stopm(SB), NOSPLIT, $56-0
	LOCK_MUTEX(SCHEDLOCK)
	getm(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·mput(SB)
idle:
	// sched.lock held. Off the idle list already: startm took this M
	// and is about to hand it a P.
	getm(BX)
	CMPQ	m_idle(BX), $0
	JEQ	taken
	CALL	runtime·idleuntil(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, until-8(SP)
	TESTQ	AX, AX
	JNE	timers
	MOVQ	runtime·sched+schedt_nmidle(SB), AX
	ADDQ	runtime·sched+schedt_nmsys(SB), AX
	CMPQ	AX, runtime·sched+schedt_mcount(SB)
	JEQ	deadlock
	JMP	sleep
timers:
	getm(BX)
	MOVQ	runtime·sched+schedt_idlewaiter(SB), AX
	TESTQ	AX, AX
	JEQ	wait
	CMPQ	AX, BX
	JNE	sleep
wait:
	// This M waits for the timers. The deadline is published before
	// the waiter, for wakeidle's look without the lock.
	MOVQ	until-8(SP), AX
	MOVQ	AX, runtime·sched+schedt_idleuntil(SB)
	MOVQ	BX, runtime·sched+schedt_idlewaiter(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	CMPQ	runtime·netpollinited(SB), $0
	JNE	poll
	getm(AX)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	MOVQ	until-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·osidle(SB)
	JMP	waited
poll:
	// In the poller. A note set before this look is seen here; one set
	// after comes with netpollBreak (startm, wakeidle).
	getm(AX)
	CMPL	m_park(AX), $0
	JNE	waited
	MOVQ	until-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·netpoll(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	waited
	MOVQ	AX, list-24(SP)
	MOVQ	16(SP), AX
	MOVQ	AX, n-32(SP)
	// Goroutines to run: on an idle P, by this M if it is still idle;
	// else in the global queue, for the running Ps or for the P startm
	// is handing this M.
	LOCK_MUTEX(SCHEDLOCK)
	getm(BX)
	CMPQ	m_idle(BX), $0
	JEQ	queue
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JEQ	queue
	MOVQ	AX, pp-16(SP)
	getm(BX)
	MOVQ	BX, 0(SP)
	CALL	runtime·mremove(SB)
	CALL	runtime·idlehandover(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	pp-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	MOVQ	list-24(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	n-32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·injectglist(SB)
	RET
queue:
	MOVQ	list-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqputlist(SB)
	JMP	idle
waited:
	LOCK_MUTEX(SCHEDLOCK)
	// Poked (an earlier timer): look again.
	getm(BX)
	MOVL	$const_parkPoked, AX
	MOVL	$0, CX
	LOCK
	CMPXCHGL	CX, m_park(BX)
	JEQ	idle
	CMPL	AX, $1
	JEQ	handed
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, until-8(SP)
	JLT	idle	// a signal cut the wait short
	// The deadline has passed: leave the idle list to run the timers,
	// on an idle P. With none, every P is running and runs its own
	// timers at its next schedule (sysmon takes Ps from system calls).
	getm(BX)
	CMPQ	m_idle(BX), $0
	JEQ	taken
	MOVQ	BX, 0(SP)
	CALL	runtime·mremove(SB)
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JEQ	nop
	MOVQ	AX, pp-16(SP)
	CALL	runtime·idlehandover(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	pp-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	RET
nop:
	getm(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·mput(SB)
	CALL	runtime·idlehandover(SB)
sleep:
	UNLOCK_MUTEX(SCHEDLOCK)
	getm(AX)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notesleep(SB)
	getm(BX)
	MOVL	$const_parkPoked, AX
	MOVL	$0, CX
	LOCK
	CMPXCHGL	CX, m_park(BX)
	JNE	woken
	// Poked (wakeidle): look at the timers.
	LOCK_MUTEX(SCHEDLOCK)
	JMP	idle
taken:
	CALL	runtime·idlehandover(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
handwait:
	// Until startm's notewakeup; a poke before it is dropped.
	getm(AX)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notesleep(SB)
	getm(BX)
	MOVL	$const_parkPoked, AX
	MOVL	$0, CX
	LOCK
	CMPXCHGL	CX, m_park(BX)
	JEQ	handwait
	JMP	woken
handed:
	CALL	runtime·idlehandover(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
woken:
	getm(AX)
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·noteclear(SB)
	getm(BX)
	MOVQ	m_nextp(BX), AX
	MOVQ	$0, m_nextp(BX)
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	RET
deadlock:
	LEAQ	str_deadlock, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// func mremove(mp *m): take mp, which is idle, off the idle list.
// sched.lock held.
TEXT runtime·mremove(SB), NOSPLIT, $0-8
	MOVQ	mp+0(FP), AX
	LEAQ	runtime·sched+schedt_midle(SB), CX	// the link to mp
look:
	MOVQ	0(CX), DX
	TESTQ	DX, DX
	JEQ	absent
	CMPQ	DX, AX
	JEQ	found
	LEAQ	m_schedlink(DX), CX
	JMP	look
found:
	MOVQ	m_schedlink(AX), DX
	MOVQ	DX, 0(CX)
	MOVQ	$0, m_schedlink(AX)
	MOVQ	$0, m_idle(AX)
	DECQ	runtime·sched+schedt_nmidle(SB)
absent:
	RET

// func idlehandover(): the current M stops being the idle waiter, if it
// was; with timers still pending or goroutines in the poller, another
// idle M is poked to take its place. sched.lock held.
TEXT runtime·idlehandover(SB), NOSPLIT, $16-0
	getm(BX)
	CMPQ	runtime·sched+schedt_idlewaiter(SB), BX
	JNE	done
	MOVQ	$0, runtime·sched+schedt_idlewaiter(SB)
	CALL	runtime·idleuntil(SB)
	CMPQ	0(SP), $0
	JEQ	done
	MOVQ	runtime·sched+schedt_midle(SB), AX
	TESTQ	AX, AX
	JEQ	done
	LEAQ	m_park(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·notepoke(SB)
done:
	RET

// func schedule(): find a runnable g and run it. Runs on g0; never returns.
// A g taken from runnext inherits the time slice (schedtick does not
// move), as in Go: two goroutines handing the P to each other through
// runnext are then one long-running goroutine to sysmon, which preempts
// them after forcePreemptNS, so they cannot starve the P's queue.
TEXT runtime·schedule(SB), NOSPLIT, $32-0
	CALL	runtime·gcstopcheck(SB)
	getm(BX)
	MOVQ	m_p(BX), BX
	// The P's due timers first; the clock is read only if it has any.
	CMPQ	p_timer0when(BX), $0
	JEQ	notimers
	CALL	runtime·nanotime(SB)
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	0(SP), AX
	CMPQ	AX, p_timer0when(BX)
	JLT	notimers
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·runtimers(SB)
	getm(BX)
	MOVQ	m_p(BX), BX
notimers:
	// Now and then look at the global queue first, so it cannot starve.
	DECQ	p_fairtick(BX)
	JGT	local
	MOVQ	$schedtickFair, p_fairtick(BX)
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JEQ	local
	LOCK_MUTEX(SCHEDLOCK)
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, gp-8(SP)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	gp-8(SP), AX
	TESTQ	AX, AX
	JNE	tick
	getm(BX)
	MOVQ	m_p(BX), BX
local:
	MOVQ	BX, 0(SP)
	CALL	runtime·runqget(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	find
	CMPB	16(SP), $0
	JNE	run	// from runnext: the time slice goes on
	JMP	tick
find:
	CALL	runtime·findrunnable(SB)
	MOVQ	0(SP), AX
tick:
	getm(BX)
	MOVQ	m_p(BX), CX
	INCQ	p_schedtick(CX)
run:
	MOVQ	AX, gp-8(SP)
	getm(BX)
	CMPQ	m_spinning(BX), $0
	JEQ	execute
	// This M found work: it stops spinning, and another may start.
	MOVQ	$0, m_spinning(BX)
	LOCK
	DECQ	runtime·sched+schedt_nmspinning(SB)
	CALL	runtime·wakep(SB)
execute:
	MOVQ	gp-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·execute(SB)
	RET

// func execute(gp *g): run gp on the current M. Never returns.
TEXT runtime·execute(SB), NOSPLIT, $8-8
	MOVQ	gp+0(FP), AX
	getm(BX)
	MOVQ	AX, m_curg(BX)
	MOVQ	BX, g_m(AX)
	MOVQ	$const_Grunning, g_status(AX)
	MOVQ	$0, g_waitreason(AX)
	MOVQ	(g_stack+stack_lo)(AX), CX
	ADDQ	$const_stackGuard, CX
	MOVQ	CX, g_stackguard0(AX)
	LEAQ	g_sched(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)
	RET

// func findrunnable() *g: block until there is a g to run, stealing from
// other Ps; returns with the M holding a P.
TEXT runtime·findrunnable(SB), NOSPLIT, $48-8
top:
	CALL	runtime·gcstopcheck(SB)
	CALL	runtime·checktimers(SB)
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·runqget(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JNE	found
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JEQ	poll
	CALL	runtime·globget(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JNE	found

poll:
	// Goroutines whose descriptors are ready, without blocking: this M
	// runs the first, the rest are queued (injectglist).
	CMPQ	runtime·netpollinited(SB), $0
	JEQ	steal
	CMPQ	runtime·sched+schedt_npollwait(SB), $0
	JEQ	steal
	MOVQ	$0, 0(SP)
	CALL	runtime·netpoll(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	steal
	MOVQ	16(SP), CX
	MOVQ	AX, gp-32(SP)
	MOVQ	g_schedlink(AX), DX
	MOVQ	$0, g_schedlink(AX)
	MOVQ	$const_Grunnable, g_status(AX)
	DECQ	CX
	MOVQ	DX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·injectglist(SB)
	MOVQ	gp-32(SP), AX
	JMP	found

steal:
	// Spin only while spinning Ms are fewer than half the busy Ps.
	getm(BX)
	CMPQ	m_spinning(BX), $0
	JNE	spinning
	MOVQ	runtime·sched+schedt_gomaxprocs(SB), AX
	SUBQ	runtime·sched+schedt_npidle(SB), AX
	MOVQ	runtime·sched+schedt_nmspinning(SB), CX
	SHLQ	$1, CX
	CMPQ	CX, AX
	JGE	stop
	MOVQ	$1, m_spinning(BX)
	LOCK
	INCQ	runtime·sched+schedt_nmspinning(SB)
spinning:
	MOVQ	$4, tries-8(SP)
round:
	// Visit every P from a random one.
	getm(BX)
	MOVQ	m_fastrand(BX), AX	// xorshift64
	MOVQ	AX, CX
	SHLQ	$13, CX
	XORQ	CX, AX
	MOVQ	AX, CX
	SHRQ	$7, CX
	XORQ	CX, AX
	MOVQ	AX, CX
	SHLQ	$17, CX
	XORQ	CX, AX
	MOVQ	AX, m_fastrand(BX)
	MOVQ	$0, DX
	DIVQ	runtime·sched+schedt_gomaxprocs(SB)
	MOVQ	DX, start-16(SP)
	MOVQ	$0, i-24(SP)
victim:
	MOVQ	i-24(SP), CX
	CMPQ	CX, runtime·sched+schedt_gomaxprocs(SB)
	JCC	nextround
	ADDQ	start-16(SP), CX
	MOVQ	CX, AX
	MOVQ	$0, DX
	DIVQ	runtime·sched+schedt_gomaxprocs(SB)
	MOVQ	runtime·allp(SB), AX
	MOVQ	0(AX)(DX*8), AX	// allp[(start+i) % gomaxprocs]
	INCQ	i-24(SP)
	getm(BX)
	MOVQ	m_p(BX), BX
	CMPQ	AX, BX
	JEQ	victim
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	// Runnext only in the last round (see runqsteal).
	MOVL	$0, DI
	CMPQ	tries-8(SP), $1
	SETEQ	DI
	CALL	runtime·runqsteal(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JNE	found
	JMP	victim
nextround:
	DECQ	tries-8(SP)
	JNE	round

stop:
	// Nothing to run: give up the P, unless the global queue has work.
	LOCK_MUTEX(SCHEDLOCK)
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JEQ	release
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, gp-32(SP)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	gp-32(SP), AX
	JMP	found
release:
	CALL	runtime·releasep(SB)
	CALL	runtime·pidleput(SB)	// the P releasep returned is the argument
	UNLOCK_MUTEX(SCHEDLOCK)

	getm(BX)
	MOVQ	m_spinning(BX), AX
	MOVQ	AX, tries-8(SP)	// was spinning
	TESTQ	AX, AX
	JEQ	sleep
	MOVQ	$0, m_spinning(BX)
	LOCK
	DECQ	runtime·sched+schedt_nmspinning(SB)
	// Work may have arrived after the queues were looked at but before
	// nmspinning dropped, from an M that saw a spinning M and woke none.
	MOVQ	$0, i-24(SP)
recheck:
	NEXTP(i-24(SP), AX, sleep)
	MOVQ	AX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JNE	recheck
	LOCK_MUTEX(SCHEDLOCK)
	CALL	runtime·pidleget(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, gp-32(SP)
	UNLOCK_MUTEX(SCHEDLOCK)
	MOVQ	gp-32(SP), AX
	TESTQ	AX, AX
	JEQ	sleep
	MOVQ	AX, 0(SP)
	CALL	runtime·acquirep(SB)
	getm(BX)
	MOVQ	$1, m_spinning(BX)
	LOCK
	INCQ	runtime·sched+schedt_nmspinning(SB)
	JMP	top
sleep:
	CALL	runtime·stopm(SB)
	JMP	top
found:
	// A collection is stopping the world: the g waits in the global
	// queue, this M at the stop point.
	CMPL	runtime·gcwaiting(SB), $0
	JNE	gcwait
	MOVQ	AX, ret+0(FP)
	RET
gcwait:
	MOVQ	AX, gp-32(SP)
	LOCK_MUTEX(SCHEDLOCK)
	MOVQ	gp-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	JMP	top

// func idleuntil() int64: how long the idle waiter waits: until the
// earliest timer of all Ps; with none, for ever (maxWhen) while
// goroutines wait in the poller; 0: no waiter is needed.
TEXT runtime·idleuntil(SB), NOSPLIT, $8-8
	CALL	runtime·timerswhen(SB)
	MOVQ	0(SP), AX
	TESTQ	AX, AX
	JNE	done
	CMPQ	runtime·netpollinited(SB), $0
	JEQ	done
	CMPQ	runtime·sched+schedt_npollwait(SB), $0
	JEQ	done
	MOVQ	$const_maxWhen, AX
done:
	MOVQ	AX, ret+0(FP)
	RET

// func injectglist(gp *g, n int64): make the n goroutines linked from gp
// through schedlink (a poll's) runnable, as Go's injectglist: with no P,
// all to the global queue; with one, as many as Ps are idle go to the
// global queue and the rest to this P's queue. An M is started for each
// idle P that has one to run.
TEXT runtime·injectglist(SB), NOSPLIT, $40-16
	MOVQ	gp+0(FP), AX
each:
	TESTQ	AX, AX
	JEQ	marked
	MOVQ	$const_Grunnable, g_status(AX)
	MOVQ	g_schedlink(AX), AX
	JMP	each
marked:
	MOVQ	n+8(FP), CX
	getm(BX)
	CMPQ	m_p(BX), $0
	JEQ	global
	MOVQ	runtime·sched+schedt_npidle(SB), AX
	CMPQ	AX, CX
	JGE	global
	MOVQ	AX, CX	// to the global queue: npidle of them
global:
	MOVQ	CX, k-8(SP)
	MOVQ	CX, put-16(SP)
	TESTQ	CX, CX
	JEQ	local
	LOCK_MUTEX(SCHEDLOCK)
glob:
	MOVQ	gp+0(FP), AX
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, gp+0(FP)
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	DECQ	n+8(FP)
	DECQ	k-8(SP)
	JNE	glob
	UNLOCK_MUTEX(SCHEDLOCK)
	// An M for each of them while a P is idle (startm gives up without).
start:
	CMPQ	put-16(SP), $0
	JEQ	local
	CMPQ	runtime·sched+schedt_npidle(SB), $0
	JEQ	local
	DECQ	put-16(SP)
	MOVQ	$0, 0(SP)
	MOVB	$0, 8(SP)
	CALL	runtime·startm(SB)
	JMP	start
local:
	MOVQ	gp+0(FP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, gp+0(FP)
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·runqput(SB)
	JMP	local
done:
	RET

// func globrunqputlist(gp *g): the goroutines linked from gp through
// schedlink, runnable, to the global queue. sched.lock held.
TEXT runtime·globrunqputlist(SB), NOSPLIT, $8-8
next:
	MOVQ	gp+0(FP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, gp+0(FP)
	MOVQ	$const_Grunnable, g_status(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	JMP	next
done:
	RET

// globget: findrunnable's look at the global queue, under the lock.
// Returns the g in 0(SP) of the caller's frame as a result.
TEXT runtime·globget(SB), NOSPLIT, $32-8
	LOCK_MUTEX(SCHEDLOCK)
	getm(BX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+0(FP)
	UNLOCK_MUTEX(SCHEDLOCK)
	RET

TEXT_MARK(runtime·procEtext)
