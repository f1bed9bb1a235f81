// The collector: stop-the-world mark-sweep for programs without pointer
// maps, conservative as Boehm's is for C.
//
// A cycle starts when the bytes handed out (heapLive: blocks taken from
// the central lists by the Ps' caches, and large blocks) reach gcNext,
// from malloc called by the program's own code (never by the runtime's,
// which may hold a lock), or from runtime·GC. The goroutine that starts
// it runs it on its M's g0 stack (systemstack):
//
//   - stop the world: gcwaiting is set under sched.lock; from then on no
//     idle P is handed out (pidleget), a P in a system call is taken
//     (Pgcstop: exitsyscall finds it gone and waits in the global queue),
//     and running Ps are asked to yield as sysmon asks them; each M stops
//     at schedule's or findrunnable's stop point (gcstopcheck) holding
//     its P (p.gcstop) until the world restarts;
//   - the Ps' caches go back to the central lists;
//   - mark: the roots are every word of the program's writable PT_LOAD
//     segments (data and bss, NOPTR symbols too, found from the program
//     headers in the auxiliary vector) and every goroutine's stack from
//     its SP (sched.sp, or syscallsp in a system call) to the top of each
//     segment it uses (the stktop chain); any word pointing into an
//     allocated block, at its start or inside it, marks it, and marked
//     blocks are scanned the same way (a mark stack outside the heap).
//     gs, ms, Ps, channels, timers and pollDescs are heap blocks reached
//     from the runtime's globals (allgs, allm, allp, pollcache, ...), so
//     the registers a parked or preempted goroutine saved (gobuf, its
//     stack, g.xsave) are scanned with them;
//   - sweep, with heapLock held: a span none of whose blocks is marked
//     goes back to the page heap; in others each unmarked allocated
//     block is freed as free frees it (zeroed, free mark set; a block
//     with the free mark is already free); an unmarked large block's
//     pages go back to the heap. heapLive becomes what survived, and the
//     next cycle is due at heapLive × (1 + GOGC/100), at least
//     gcMinHeap × GOGC/100;
//   - restart: Ps taken from system calls are handed off, stopped Ms go on.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "partial.h"
#include "mmap.h"
#include "go_tls.h"

#include "arena.h"
#include "curg.h"
#include "print.h"
#include "allp.h"
#include "lock.h"
// The bare-metal mark stack: 64 Ki blocks.
#define markStackPVH	(1<<20)

#define SCHEDLOCK	runtime·sched+schedt_lock(SB)
#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129
#define PT_LOAD	1
#define PT_PHDR	6
#define PF_W	2

// gcText and gcEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·gcText)

// func gcinit(): GOGC (default 100; "off" or a negative value: no
// collection), P9DEBUG=gctrace=1, and the mark stack. schedinit calls it
// after mallocinit. On bare metal GOGC and P9DEBUG come from the kernel
// command line, and the mark stack is memory taken at once (markStackPVH
// bytes), not reserved address space: a deep mark overflows it sooner,
// and gcrescan recovers.
// P9DEBUG=gcmarkstack=N makes the mark stack N bytes (at least 16), to
// test what happens when it fills.
TEXT runtime·gcinit(SB), NOSPLIT, $40-0
	MOVQ	$-1, runtime·gcpercent(SB)
	LEAQ	str_gcmarkstackVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	MOVQ	8(SP), AX
	ANDQ	$~15, AX
	JNE	sized
#ifdef GOOS_pvh
	MOVQ	$markStackPVH, AX
#else
	MOVQ	$const_gcMarkStackSize, AX
#endif
sized:
	MOVQ	AX, size-8(SP)
	// The mark stack: reserved address space, touched as it fills.
	MOVQ	$0, 0(SP)
	MMAP_RW(AX, $MAP_PRIVATE_ANON_NORESERVE, AX)
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, runtime·gcmarkbase(SB)
	MOVQ	AX, runtime·gcmarksp(SB)
	ADDQ	size-8(SP), AX
	MOVQ	AX, runtime·gcmarkend(SB)
	MOVQ	$100, runtime·gcpercent(SB)
	LEAQ	str_gctraceVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·gctrace(SB)
	LEAQ	str_gogcEnv, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·getenv(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	done
	CMPB	0(AX), $0x6f	// "off"
	JNE	num
	CMPB	1(AX), $0x66
	JNE	num
	CMPB	2(AX), $0x66
	JNE	num
	CMPB	3(AX), $0
	JNE	num
	MOVQ	$-1, runtime·gcpercent(SB)
	JMP	done
num:
	CMPB	0(AX), $0x2d	// "-": off, as Go
	JNE	positive
	MOVQ	$-1, runtime·gcpercent(SB)
	JMP	done
positive:
	MOVQ	AX, 0(SP)
	CALL	runtime·atoi(SB)
	CMPB	16(SP), $0
	JEQ	done
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·gcpercent(SB)
done:
	CALL	runtime·gcsetnext(SB)
	RET

// func gcsetnext(): gcNext from heapLive and GOGC.
TEXT runtime·gcsetnext(SB), NOSPLIT, $0-0
	MOVQ	runtime·gcpercent(SB), CX
	TESTQ	CX, CX
	JGE	on
	MOVQ	$0x7fffffffffffffff, AX
	MOVQ	AX, runtime·gcNext(SB)
	RET
on:
	MOVQ	runtime·heapLive(SB), AX
	IMULQ	CX, AX
	MOVQ	$0, DX
	MOVQ	$100, R8
	DIVQ	R8
	ADDQ	runtime·heapLive(SB), AX
	MOVQ	AX, R9
	MOVQ	$const_gcMinHeap, AX
	IMULQ	CX, AX
	MOVQ	$0, DX
	DIVQ	R8
	CMPQ	R9, AX
	JCC	set
	MOVQ	AX, R9
set:
	MOVQ	R9, runtime·gcNext(SB)
	RET

// gcmaybe: {fn, pc, yield}, run by systemstack from malloc for a
// goroutine on its own stack, when a cycle is due or one waits for the
// world to stop. Only if malloc was called from pc outside the runtime
// (a safe point: the caller holds no runtime lock) on a P: a cycle under
// way sets yield (malloc then yields, so a goroutine that allocates in a
// loop of NOSPLIT calls stops at once); else a cycle runs. malloc calls
// it before it refills a cache or allocates a large block.
TEXT runtime·gcmaybe(SB), NOSPLIT, $24-0
	MOVQ	DX, fv-8(SP)
	getm(BX)
	CMPQ	m_p(BX), $0
	JEQ	done
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·inruntime(SB)
	CMPB	8(SP), $0
	JEQ	safe
	// From the runtime: only for a goroutine in an entry point that
	// holds no lock (g.gcsafe).
	getm(BX)
	MOVQ	m_curg(BX), BX
	TESTQ	BX, BX
	JEQ	done
	CMPQ	g_gcsafe(BX), $0
	JEQ	done
safe:
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	due
	MOVQ	fv-8(SP), DX
	MOVQ	$1, 16(DX)
	RET
due:
	MOVQ	runtime·heapLive(SB), AX
	CMPQ	AX, runtime·gcNext(SB)
	JLT	done
	CALL	runtime·gcstart(SB)
done:
	RET

// func GC(): a full cycle, now (after the one under way, if any). Does
// nothing when the collector could not start (no mark stack).
TEXT runtime·GC(SB), NOSPLIT, $8-0
	CMPQ	runtime·gcmarkbase(SB), $0
	JEQ	done
again:
	CALL	runtime·gcstart(SB)
	CMPB	0(SP), $0
	JNE	done
	CALL	runtime·Gosched(SB)
	JMP	again
done:
	RET

// func gcstart() bool: run a cycle, unless one is under way (false).
// The calling goroutine's stack is a root like any other: systemstack
// saves its SP.
TEXT runtime·gcstart(SB), NOSPLIT, $16-8
	MOVB	$0, ret+0(FP)
	LOCK_MUTEX(SCHEDLOCK)
	CMPL	runtime·gcwaiting(SB), $0
	JNE	busy
	MOVL	$1, runtime·gcwaiting(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	LEAQ	runtime·gcworkFV(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	MOVB	$1, ret+0(FP)
	RET
busy:
	UNLOCK_MUTEX(SCHEDLOCK)
	RET

DATA runtime·gcworkFV+0(SB)/8, $runtime·gcwork(SB)
GLOBL runtime·gcworkFV(SB), RODATA, $8

// gcwork, on g0 with gcwaiting set: one cycle.
TEXT runtime·gcwork(SB), NOSPLIT, $64-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, t0-8(SP)
	MOVQ	runtime·heapLive(SB), AX
	MOVQ	AX, before-16(SP)
	CALL	runtime·gcstw(SB)
	CALL	runtime·gcflushcaches(SB)
	INCQ	runtime·gcCycles(SB)
	CALL	runtime·gcscandata(SB)
	MOVQ	runtime·allgs(SB), AX
stacks:
	TESTQ	AX, AX
	JEQ	drain
	MOVQ	AX, gp-24(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·gcscanstack(SB)
	MOVQ	gp-24(SP), AX
	MOVQ	g_alllink(AX), AX
	JMP	stacks
drain:
	CALL	runtime·gcdrain(SB)
	CMPQ	runtime·gcmarkoverflow(SB), $0
	JEQ	sweep
	MOVQ	$0, runtime·gcmarkoverflow(SB)
	CALL	runtime·gcrescan(SB)
	JMP	drain
sweep:
	CALL	runtime·gcsweep(SB)
	CALL	runtime·gcsetnext(SB)
	CALL	runtime·gcrestart(SB)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	t0-8(SP), AX
	MOVQ	AX, pause-32(SP)
	ADDQ	AX, runtime·gcPauseTotal(SB)
	CMPQ	runtime·gctrace(SB), $0
	JEQ	done
	MOVQ	before-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	t0-8(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	pause-32(SP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·gcprinttrace(SB)
done:
	RET

// func gcprinttrace(before, start, pause int64): P9DEBUG=gctrace=1's line:
// "gc N @S.SSSs: B->A MB, G MB goal, P.PPP ms pause, N P".
TEXT runtime·gcprinttrace(SB), NOSPLIT, $24-24
	PRINTERR(str_gcHeader)
	PRINTERR_INT(runtime·gcCycles(SB))
	PRINTERR(str_gcAt)
	MOVQ	start+8(FP), AX
	SUBQ	runtime·starttime(SB), AX
	MOVQ	$0, DX
	MOVQ	$1000, CX
	DIVQ	CX	// µs, printed as ms: seconds with three decimals
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintms(SB)
	PRINTERR(str_gcSeconds)
	MOVQ	$2, 0(SP)
	MOVQ	before+0(FP), AX
	SHRQ	$20, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_gcArrow)
	MOVQ	$2, 0(SP)
	MOVQ	runtime·heapLive(SB), AX
	SHRQ	$20, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_gcGoal)
	MOVQ	$2, 0(SP)
	MOVQ	runtime·gcNext(SB), AX
	SHRQ	$20, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_gcGoalEnd)
	PRINTERR_MS(pause+16(FP))
	PRINTERR(str_gcPause)
	PRINTERR_INT(runtime·sched+schedt_gomaxprocs(SB))
	PRINTERR(str_gcProcs)
	RET

// func gcstw(): wait until every other P is idle (no idle P is handed out
// while gcwaiting is set), taken from a system call, or held by an M at
// the stop point; running ones are asked to yield, as sysmon asks.
TEXT runtime·gcstw(SB), NOSPLIT, $32-0
	MOVQ	$0, tries-8(SP)
round:
	MOVQ	$1, all-16(SP)
	MOVQ	$0, i-24(SP)
each:
	NEXTP(i-24(SP), BX, check)
	getm(DX)
	CMPQ	m_p(DX), BX
	JEQ	each
	MOVQ	p_status(BX), AX
	CMPQ	AX, $const_Pidle
	JEQ	each
	CMPQ	AX, $const_Pgcstop
	JEQ	each
	CMPQ	AX, $const_Psyscall
	JNE	running
	MOVQ	$const_Pgcstop, CX
	LOCK
	CMPXCHGQ	CX, p_status(BX)
	JEQ	each
	MOVQ	$0, all-16(SP)
	JMP	each
running:
	CMPQ	p_gcstop(BX), $0
	JNE	each
	MOVQ	$0, all-16(SP)
	MOVQ	tries-8(SP), AX
	ANDQ	$15, AX
	JNE	each
	MOVQ	BX, 0(SP)
	CALL	runtime·preemptone(SB)
	JMP	each
check:
	CMPQ	runtime·gcnopbusy(SB), $0
	JNE	again
	CMPQ	all-16(SP), $0
	JNE	done
again:
	INCQ	tries-8(SP)
#ifdef GOOS_pvh
	CALL	runtime·osyield(SB)
#else
	MOVL	$20, 0(SP)
	CALL	runtime·osusleep(SB)
#endif
	JMP	round
done:
	RET

// func gcstopcheck(): the stop point. While a cycle runs, the M waits
// here holding its P, its P's gcstop set. schedule and findrunnable call
// it first. The M clears its own gcstop when it leaves, then looks at
// gcwaiting once more: a cycle that began meanwhile may have counted the
// P stopped, so the M stays. (gcrestart used to clear every P's flag; an
// M that had set its flag, not yet slept, and then slept through the
// next cycle's start was then never counted stopped: the world never
// stopped.)
TEXT runtime·gcstopcheck(SB), NOSPLIT, $32-0
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	done
wait:
	getm(AX)
	MOVQ	m_p(AX), AX
	MOVQ	$1, p_gcstop(AX)
	LEAQ	runtime·gcwaiting(SB), AX
	MOVQ	AX, 0(SP)
	MOVL	$FUTEX_WAIT_PRIVATE, 8(SP)
	MOVL	$1, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	CMPL	runtime·gcwaiting(SB), $0
	JNE	wait
	getm(AX)
	MOVQ	m_p(AX), AX
	MOVQ	$0, p_gcstop(AX)
	MFENCE
	CMPL	runtime·gcwaiting(SB), $0
	JNE	wait
done:
	RET

// func gcnopenter(): a thread without a P (sysmon, an idle M, an M
// starting) enters a region in which no cycle runs, waiting first for the
// one under way to end. Inside it, it may take blocks from the central
// lists or the page heap, give them back, and store what malloc returned
// where the collector will find it: the world does not stop while any
// thread is inside (gcstw waits for gcnopbusy to drop to zero), so neither
// the sweep nor a block that is reachable only from the thread's g0 stack
// races with it. (A thread without a P is never stopped otherwise: sysmon
// allocating an xsave area while the sweep relinked the same class's
// spans broke the central lists about once in three runs of gcsurvive at
// GOGC=1.) Regions nest: m.gcnop counts them. A thread that has a P
// needs no region (the world stops only once its P does) and gets none:
// waiting here for a cycle that waits for its P would never end.
TEXT runtime·gcnopenter(SB), NOSPLIT, $0-0
	getm(BX)
	CMPQ	m_gcnop(BX), $0
	JNE	nested
	CMPQ	m_p(BX), $0
	JNE	done
try:
	// The locked add orders this thread's claim before its load of
	// gcwaiting, as gcstart's unlock (XCHG) orders the store of
	// gcwaiting before gcstw's loads of gcnopbusy: one of the two sees
	// the other.
	LOCK
	INCQ	runtime·gcnopbusy(SB)
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	entered
	LOCK
	DECQ	runtime·gcnopbusy(SB)
	CALL	runtime·gcwaitnop(SB)
	JMP	try
entered:
	getm(BX)
nested:
	INCQ	m_gcnop(BX)
done:
	RET

// func gcnopexit(): leave the region gcnopenter entered, if it entered
// one.
TEXT runtime·gcnopexit(SB), NOSPLIT, $0-0
	getm(BX)
	CMPQ	m_gcnop(BX), $0
	JEQ	done
	DECQ	m_gcnop(BX)
	JNE	done
	LOCK
	DECQ	runtime·gcnopbusy(SB)
done:
	RET

// func gcwaitnop(): wait for the cycle under way, if any, to end.
TEXT runtime·gcwaitnop(SB), NOSPLIT, $32-0
wait:
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	done
	LEAQ	runtime·gcwaiting(SB), AX
	MOVQ	AX, 0(SP)
	MOVL	$FUTEX_WAIT_PRIVATE, 8(SP)
	MOVL	$1, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	JMP	wait
done:
	RET

// func gcrestart(): the world goes on. Each M at the stop point clears
// its own P's gcstop as it leaves (gcstopcheck).
TEXT runtime·gcrestart(SB), NOSPLIT, $48-0
	LOCK_MUTEX(SCHEDLOCK)
	MOVL	$0, runtime·gcwaiting(SB)
	UNLOCK_MUTEX(SCHEDLOCK)
	LEAQ	runtime·gcwaiting(SB), AX
	MOVQ	AX, 0(SP)
	MOVL	$FUTEX_WAKE_PRIVATE, 8(SP)
	MOVL	$0x7fffffff, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	// Ps taken from system calls go to work, or to the idle list.
	MOVQ	$0, i-8(SP)
each:
	NEXTP(i-8(SP), BX, done)
	CMPQ	p_status(BX), $const_Pgcstop
	JNE	each
	MOVQ	$const_Pidle, p_status(BX)
	MOVQ	BX, 0(SP)
	CALL	runtime·handoffp(SB)
	JMP	each
done:
	CALL	runtime·wakep(SB)
	RET

// func gcflushcaches(): every P's cached free blocks back to their spans.
TEXT runtime·gcflushcaches(SB), NOSPLIT, $64-0
	MOVQ	$0, i-8(SP)
nextp:
	NEXTP(i-8(SP), BX, done)
	MOVQ	BX, pp-16(SP)
	MOVQ	$1, c-24(SP)
class:
	MOVQ	c-24(SP), CX
	CMPQ	CX, $const_numSizeClasses
	JCC	nextp
	INCQ	c-24(SP)
	MOVQ	pp-16(SP), BX
	MOVQ	CX, DX
	SHLQ	$4, DX
	LEAQ	p_mcache(BX)(DX*1), DX
	MOVQ	mclass_count(DX), AX
	TESTQ	AX, AX
	JEQ	class
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·mcentralFlush(SB)
	JMP	class
done:
	RET

// func gcscandata(): the roots in the program's writable PT_LOAD
// segments (data and bss, NOPTR or not), from the program headers the
// kernel passed (AT_PHDR, AT_PHNUM), however the program was linked.
TEXT runtime·gcscandata(SB), NOSPLIT, $40-0
#ifdef GOOS_pvh
	// A bare-metal image is p9ld's own: its writable sections' bounds.
	CALL	runtime·pvhdatastart(SB)
	MOVQ	AX, 0(SP)
	LEAQ	runtime·end(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gcscanrange(SB)
	RET
#endif
	MOVQ	runtime·gcPhdr(SB), SI
	TESTQ	SI, SI
	JEQ	done
	// Where the program was loaded: AT_PHDR less PT_PHDR's address.
	MOVQ	$0, bias-8(SP)
	MOVQ	runtime·gcPhnum(SB), CX
bias:
	TESTQ	CX, CX
	JEQ	biased
	CMPL	0(SI), $PT_PHDR
	JNE	nextbias
	MOVQ	runtime·gcPhdr(SB), AX
	SUBQ	16(SI), AX
	MOVQ	AX, bias-8(SP)
nextbias:
	ADDQ	$56, SI
	DECQ	CX
	JMP	bias
biased:
	MOVQ	runtime·gcPhdr(SB), SI
	MOVQ	runtime·gcPhnum(SB), CX
seg:
	TESTQ	CX, CX
	JEQ	done
	MOVQ	SI, ph-16(SP)
	MOVQ	CX, n-24(SP)
	CMPL	0(SI), $PT_LOAD
	JNE	nextseg
	MOVL	4(SI), AX
	TESTL	$PF_W, AX
	JEQ	nextseg
	MOVQ	16(SI), AX	// p_vaddr
	ADDQ	bias-8(SP), AX
	MOVQ	AX, 0(SP)
	ADDQ	40(SI), AX	// p_memsz
	MOVQ	AX, 8(SP)
	CALL	runtime·gcscanrange(SB)
nextseg:
	MOVQ	ph-16(SP), SI
	MOVQ	n-24(SP), CX
	ADDQ	$56, SI
	DECQ	CX
	JMP	seg
done:
	RET

// func gcscanstack(gp *g): gp's stack, from its SP to the top of its
// segment, and each segment below from the SP of the call that left it
// (the stktop chain). Stack memory itself is never collected.
TEXT runtime·gcscanstack(SB), NOSPLIT, $40-8
	MOVQ	gp+0(FP), AX
	MOVQ	g_status(AX), CX
	CMPQ	CX, $const_Gdead
	JEQ	done
	MOVQ	(g_stack+stack_lo)(AX), DX
	MOVQ	(g_stack+stack_hi)(AX), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	(g_sched+gobuf_sp)(AX), SI
	CMPQ	CX, $const_Gsyscall
	JNE	seg
	MOVQ	g_syscallsp(AX), SI
seg:
	// DX lo, BX hi, SI sp: [sp, hi-stktop) or, if sp is not in the
	// segment, all of it.
	SUBQ	$stktop__size, BX
	CMPQ	SI, DX
	JCS	whole
	CMPQ	SI, BX
	JCS	scan
whole:
	MOVQ	DX, SI
scan:
	MOVQ	BX, top-8(SP)
	MOVQ	SI, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·gcscanrange(SB)
	MOVQ	top-8(SP), AX
	MOVQ	stktop_oldhi(AX), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	stktop_oldlo(AX), DX
	MOVQ	stktop_oldsp(AX), SI
	JMP	seg
done:
	RET

// func gcscanrange(p, end uintptr): every word in [p, end) that points
// into an allocated block (at its start or inside it) marks the block
// and pushes it on the mark stack. Free blocks (the free mark) and
// memory that is not a small or large block (stacks, free pages) are
// passed by.
TEXT runtime·gcscanrange(SB), NOSPLIT, $16-16
	MOVQ	p+0(FP), SI
	MOVQ	end+8(FP), DI
	ADDQ	$7, SI
	ANDQ	$~7, SI
	MOVQ	runtime·arenaL1(SB), R8
	MOVQ	runtime·gcCycles(SB), R9
	MOVQ	runtime·freeMarker(SB), R10
	MOVQ	runtime·gcmarksp(SB), R11
loop:
	CMPQ	SI, DI
	JCC	done
	MOVQ	0(SI), AX
	ADDQ	$8, SI
	MOVQ	AX, CX
	SHRQ	$arenaShift, CX
	CMPQ	CX, $(1<<arenaL1Bits)
	JCC	loop
	MOVQ	(R8)(CX*8), DX
	TESTQ	DX, DX
	JEQ	loop
	PAGE_SPAN(BX, loop)
	MOVQ	mspan_state(BX), CX
	CMPQ	CX, $const_spanSmall
	JNE	notsmall
	SUBQ	mspan_base(BX), AX
	IMULQ	mspan_divmul(BX), AX
	SHRQ	$32, AX	// the block's index
	CMPQ	AX, mspan_carved(BX)
	JCC	loop	// past the last block, or never handed out
	CMPQ	mspan_markgen(BX), R9
	JEQ	valid
	MOVQ	R9, mspan_markgen(BX)
	MOVQ	$0, (mspan_marks+0)(BX)
	MOVQ	$0, (mspan_marks+8)(BX)
	MOVQ	$0, (mspan_marks+16)(BX)
	MOVQ	$0, (mspan_marks+24)(BX)
	MOVQ	$0, (mspan_marks+32)(BX)
	MOVQ	$0, (mspan_marks+40)(BX)
	MOVQ	$0, (mspan_marks+48)(BX)
	MOVQ	$0, (mspan_marks+56)(BX)
valid:
	MOVQ	AX, CX
	SHRQ	$6, CX
	LEAQ	mspan_marks(BX)(CX*8), DX
	MOVQ	AX, CX
	ANDQ	$63, CX
	MOVQ	$1, R12
	SHLQ	CX, R12
	TESTQ	R12, 0(DX)
	JNE	loop	// marked already
	IMULQ	mspan_elemsize(BX), AX
	ADDQ	mspan_base(BX), AX	// the block
	MOVQ	8(AX), CX
	XORQ	AX, CX
	CMPQ	CX, R10
	JEQ	loop	// free
	ORQ	R12, 0(DX)
	CMPQ	R11, runtime·gcmarkend(SB)
	JCC	overflow
	MOVQ	AX, 0(R11)
	MOVQ	mspan_elemsize(BX), CX
	MOVQ	CX, 8(R11)
	ADDQ	$16, R11
	JMP	loop
notsmall:
	CMPQ	CX, $const_spanLarge
	JNE	loop
	CMPQ	mspan_markgen(BX), R9
	JEQ	lvalid
	MOVQ	R9, mspan_markgen(BX)
	MOVQ	$0, mspan_marks(BX)
lvalid:
	TESTQ	$1, mspan_marks(BX)
	JNE	loop
	MOVQ	$1, mspan_marks(BX)
	CMPQ	R11, runtime·gcmarkend(SB)
	JCC	overflow
	MOVQ	mspan_base(BX), AX
	MOVQ	AX, 0(R11)
	MOVQ	mspan_npages(BX), CX
	SHLQ	$const_pageShift, CX
	MOVQ	CX, 8(R11)
	ADDQ	$16, R11
	JMP	loop
done:
	MOVQ	R11, runtime·gcmarksp(SB)
	RET
overflow:
	// The mark stack is full: the block stays marked but unscanned, and
	// gcwork scans every marked block again (gcrescan).
	MOVQ	$1, runtime·gcmarkoverflow(SB)
	JMP	loop

// func gcdrain(): scan the marked blocks on the mark stack until it is
// empty.
TEXT runtime·gcdrain(SB), NOSPLIT, $16-0
loop:
	MOVQ	runtime·gcmarksp(SB), AX
	CMPQ	AX, runtime·gcmarkbase(SB)
	JLS	done
	SUBQ	$16, AX
	MOVQ	AX, runtime·gcmarksp(SB)
	MOVQ	0(AX), CX
	MOVQ	8(AX), DX
	ADDQ	CX, DX
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	CALL	runtime·gcscanrange(SB)
	JMP	loop
done:
	RET

// func gcrescan(): after the mark stack overflowed, scan every marked
// block again, draining the stack after each: the blocks it had no room
// for are among them. Each pass marks at least a stack's worth of blocks
// more, so passes end (gcwork repeats them while one overflows).
TEXT runtime·gcrescan(SB), NOSPLIT, $72-0
	MOVQ	runtime·arenaLo(SB), AX
	MOVQ	AX, ai-8(SP)
arena:
	MOVQ	ai-8(SP), CX
	CMPQ	CX, runtime·arenaHi(SB)
	JCC	done
	INCQ	ai-8(SP)
	MOVQ	runtime·arenaL1(SB), AX
	MOVQ	(AX)(CX*8), DX
	TESTQ	DX, DX
	JEQ	arena
	MOVQ	DX, pt-16(SP)
	SHLQ	$arenaShift, CX
	MOVQ	CX, abase-24(SP)
	MOVQ	$0, j-32(SP)
page:
	MOVQ	j-32(SP), CX
	CMPQ	CX, $pagesPerArena
	JCC	arena
	INCQ	j-32(SP)
	MOVQ	pt-16(SP), DX
	MOVQ	(DX)(CX*8), BX
	TESTQ	BX, BX
	JEQ	page
	// Only at a span's first page.
	SHLQ	$const_pageShift, CX
	ADDQ	abase-24(SP), CX
	CMPQ	CX, mspan_base(BX)
	JNE	page
	MOVQ	runtime·gcCycles(SB), AX
	CMPQ	mspan_markgen(BX), AX
	JNE	page
	MOVQ	BX, s-40(SP)
	CMPQ	mspan_state(BX), $const_spanLarge
	JEQ	large
	CMPQ	mspan_state(BX), $const_spanSmall
	JNE	page
	MOVQ	$0, i-48(SP)
block:
	MOVQ	s-40(SP), BX
	MOVQ	i-48(SP), CX
	CMPQ	CX, mspan_nelems(BX)
	JCC	page
	INCQ	i-48(SP)
	MOVQ	CX, DX
	SHRQ	$6, DX
	MOVQ	mspan_marks(BX)(DX*8), AX
	BTQ	CX, AX
	JCC	block
	IMULQ	mspan_elemsize(BX), CX
	ADDQ	mspan_base(BX), CX
	MOVQ	CX, 0(SP)
	ADDQ	mspan_elemsize(BX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·gcscanrange(SB)
	CALL	runtime·gcdrain(SB)
	JMP	block
large:
	TESTQ	$1, mspan_marks(BX)
	JEQ	page
	MOVQ	mspan_base(BX), CX
	MOVQ	CX, 0(SP)
	MOVQ	mspan_npages(BX), AX
	SHLQ	$const_pageShift, AX
	ADDQ	AX, CX
	MOVQ	CX, 8(SP)
	CALL	runtime·gcscanrange(SB)
	CALL	runtime·gcdrain(SB)
	JMP	page
done:
	RET

// func gcsweep(): walk every span of every arena with heapLock held:
// small spans are swept (gcsweepspan), unmarked large blocks freed;
// heapLive becomes the bytes that survived.
TEXT runtime·gcsweep(SB), NOSPLIT, $96-0
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, now-8(SP)
	MOVQ	$0, live-16(SP)
	LOCK_MUTEX(runtime·heapLock(SB))
	MOVQ	runtime·arenaLo(SB), AX
	MOVQ	AX, ai-24(SP)
arena:
	MOVQ	ai-24(SP), CX
	CMPQ	CX, runtime·arenaHi(SB)
	JCC	swept
	INCQ	ai-24(SP)
	MOVQ	runtime·arenaL1(SB), AX
	MOVQ	(AX)(CX*8), DX
	TESTQ	DX, DX
	JEQ	arena
	MOVQ	DX, pt-32(SP)
	SHLQ	$arenaShift, CX
	MOVQ	CX, abase-40(SP)
	MOVQ	$0, j-48(SP)
page:
	MOVQ	j-48(SP), CX
	CMPQ	CX, $pagesPerArena
	JCC	arena
	MOVQ	pt-32(SP), DX
	MOVQ	(DX)(CX*8), BX
	TESTQ	BX, BX
	JNE	span
	INCQ	j-48(SP)
	JMP	page
span:
	// The page after the span, in this arena's numbering.
	MOVQ	mspan_npages(BX), AX
	SHLQ	$const_pageShift, AX
	ADDQ	mspan_base(BX), AX
	SUBQ	abase-40(SP), AX
	SHRQ	$const_pageShift, AX
	MOVQ	AX, j-48(SP)
	// Only at the span's first page (a span may start in an earlier
	// arena; a free run's last page names it too).
	SHLQ	$const_pageShift, CX
	ADDQ	abase-40(SP), CX
	CMPQ	CX, mspan_base(BX)
	JNE	page
	MOVQ	mspan_state(BX), AX
	CMPQ	AX, $const_spanSmall
	JEQ	small
	CMPQ	AX, $const_spanLarge
	JNE	page
	MOVQ	runtime·gcCycles(SB), AX
	CMPQ	mspan_markgen(BX), AX
	JNE	deadlarge
	TESTQ	$1, mspan_marks(BX)
	JEQ	deadlarge
	MOVQ	mspan_npages(BX), AX
	SHLQ	$const_pageShift, AX
	ADDQ	AX, live-16(SP)
	JMP	page
deadlarge:
	MOVQ	BX, 0(SP)
	MOVQ	now-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·mheap_freelocked(SB)
	JMP	page
small:
	MOVQ	BX, 0(SP)
	MOVQ	now-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gcsweepspan(SB)
	MOVQ	16(SP), AX
	ADDQ	AX, live-16(SP)
	JMP	page
swept:
	UNLOCK_MUTEX(runtime·heapLock(SB))
	MOVQ	live-16(SP), AX
	MOVQ	AX, runtime·heapLive(SB)
	RET

// func gcsweepspan(s *mspan, now int64) (live uintptr): s, a small span:
// with no block marked, all of it goes back to the heap (off its class's
// list); else each unmarked block without the free mark is freed as free
// frees it, and s joins its class's list if it had no free block. The
// world is stopped and heapLock held; no P caches blocks.
TEXT runtime·gcsweepspan(SB), NOSPLIT, $24-24
	MOVQ	s+0(FP), BX
	MOVQ	$0, live+16(FP)
	MOVQ	runtime·gcCycles(SB), AX
	CMPQ	mspan_markgen(BX), AX
	JNE	dead
	// Any block marked? (No POPCNT: the CPU QEMU emulates by default
	// has none; the block loop counts the marked ones.)
	MOVQ	$0, R8
	MOVQ	$0, CX
any:
	ORQ	mspan_marks(BX)(CX*8), R8
	INCQ	CX
	CMPQ	CX, $8
	JCS	any
	TESTQ	R8, R8
	JEQ	dead
	MOVQ	mspan_nfree(BX), R13	// free before
	MOVQ	runtime·freeMarker(SB), R10
	MOVQ	$0, R9	// block index
	MOVQ	mspan_base(BX), R11	// block
block:
	CMPQ	R9, mspan_carved(BX)
	JCC	blocksdone	// the rest were never handed out
	MOVQ	R9, CX
	SHRQ	$6, CX
	MOVQ	mspan_marks(BX)(CX*8), AX
	MOVQ	R9, CX
	ANDQ	$63, CX
	SHRQ	CX, AX
	TESTQ	$1, AX
	JNE	marked
	MOVQ	8(R11), AX
	XORQ	R11, AX
	CMPQ	AX, R10
	JEQ	nextblock	// free already
	MOVQ	R11, DI
	MOVQ	mspan_elemsize(BX), CX
	SHRQ	$3, CX
	XORL	AX, AX
	CLD
	REP;	STOSQ
	MOVQ	R11, AX
	XORQ	R10, AX
	MOVQ	AX, 8(R11)
	MOVQ	mspan_freelist(BX), AX
	MOVQ	AX, 0(R11)
	MOVQ	R11, mspan_freelist(BX)
	INCQ	mspan_nfree(BX)
	JMP	nextblock
marked:
	MOVQ	mspan_elemsize(BX), AX
	ADDQ	AX, live+16(FP)
nextblock:
	INCQ	R9
	ADDQ	mspan_elemsize(BX), R11
	JMP	block
blocksdone:
	TESTQ	R13, R13
	JNE	done
	CMPQ	mspan_nfree(BX), $0
	JEQ	done
	// Its first free blocks: onto the class's list.
	MOVQ	mspan_sizeclass(BX), CX
	SHLQ	$6, CX
	LEAQ	runtime·mcentral(SB), DX
	ADDQ	CX, DX
	PARTIAL_PUSH(BX, DX, AX)
done:
	RET
dead:
	// Nothing in it survived: off its class's list (if it had free
	// blocks it is on it) and back to the heap.
	CMPQ	mspan_nfree(BX), $0
	JEQ	unlinked
	MOVQ	mspan_sizeclass(BX), CX
	SHLQ	$6, CX
	LEAQ	runtime·mcentral(SB), R8
	ADDQ	CX, R8
	PARTIAL_REMOVE(BX, R8)
	MOVQ	$0, mspan_next(BX)
	MOVQ	$0, mspan_prev(BX)
	MOVQ	BX, 0(SP)
	MOVQ	now+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·mheap_freelocked(SB)
	RET

// GOGC: the percentage of growth over the live heap that starts the next
// cycle; -1 off.
GLOBL runtime·gcpercent(SB), NOPTR, $8
GLOBL runtime·gctrace(SB), NOPTR, $8
// Bytes handed out (blocks in the Ps' caches count as handed out), and
// the heapLive at which the next cycle starts.
GLOBL runtime·heapLive(SB), NOPTR, $8
GLOBL runtime·gcNext(SB), NOPTR, $8
// Threads without a P inside a gcnopenter region: the world is stopped
// only when none is.
GLOBL runtime·gcnopbusy(SB), NOPTR, $8
// Set (under sched.lock) while a cycle stops the world; a futex word.
GLOBL runtime·gcwaiting(SB), NOPTR, $8
// Cycles completed (the mark generation of the one under way), and their
// pauses together (ns).
GLOBL runtime·gcCycles(SB), NOPTR, $8
GLOBL runtime·gcPauseTotal(SB), NOPTR, $8
// The mark stack: (block, size) pairs in [gcmarkbase, gcmarksp), mapped
// apart from the heap.
GLOBL runtime·gcmarkbase(SB), NOPTR, $8
GLOBL runtime·gcmarksp(SB), NOPTR, $8
GLOBL runtime·gcmarkend(SB), NOPTR, $8
// Set when the mark stack had no room for a block it marked.
GLOBL runtime·gcmarkoverflow(SB), NOPTR, $8
// The program headers (auxv AT_PHDR, AT_PHNUM): the data and bss roots.
GLOBL runtime·gcPhdr(SB), NOPTR, $8
GLOBL runtime·gcPhnum(SB), NOPTR, $8

TEXT_MARK(runtime·gcEtext)
