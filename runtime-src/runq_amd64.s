// Run queues: each P's lock-free ring of runqSize gs plus runnext, and the
// global queue under sched.lock.
//
// Only a P's owner writes its runqtail; anyone may take from runqhead with
// a compare-and-swap. On amd64 plain loads and stores already have the
// acquire and release ordering this needs.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "lock.h"

#define RUNQMASK	(const_runqSize-1)

// runqText and runqEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·runqText)

// func runqput(pp *p, gp *g, next bool): make gp runnable on pp. With
// next, gp goes in runnext and the g it displaces goes to the queue.
TEXT runtime·runqput(SB), NOSPLIT, $32-24
	MOVQ	pp+0(FP), BX
	MOVQ	gp+8(FP), AX
	CMPB	next+16(FP), $0
	JEQ	tail
	XCHGQ	AX, p_runnext(BX)
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, gp+8(FP)
tail:
	MOVL	p_runqhead(BX), CX
	MOVL	p_runqtail(BX), DX
	MOVL	DX, SI
	SUBL	CX, SI
	CMPL	SI, $const_runqSize
	JCC	full
	MOVL	DX, SI
	ANDL	$RUNQMASK, SI
	MOVQ	AX, p_runq(BX)(SI*8)
	INCL	DX
	MOVL	DX, p_runqtail(BX)
done:
	RET
full:
	// Move half the queue and gp to the global queue.
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVL	CX, 16(SP)
	MOVL	DX, 20(SP)
	CALL	runtime·runqputslow(SB)
	CMPB	24(SP), $0
	JNE	done
	MOVQ	pp+0(FP), BX
	MOVQ	gp+8(FP), AX
	JMP	tail

// func runqputslow(pp *p, gp *g, h, t uint32) bool: move the older half of
// pp's full queue, then gp, to the global queue. False if a thief took
// from the queue meanwhile (the caller retries).
TEXT runtime·runqputslow(SB), NOSPLIT, $32-25
	MOVQ	pp+0(FP), BX
	MOVL	h+16(FP), CX
	MOVL	t+20(FP), DX
	SUBL	CX, DX
	SHRL	$1, DX	// n = (t-h)/2
	// Claim runq[h], ..., runq[h+n-1] first: until the claim succeeds a
	// thief may take them, run them, and reuse their schedlink.
	MOVL	CX, AX
	LEAL	0(CX)(DX*1), R11
	LOCK
	CMPXCHGL	R11, p_runqhead(BX)
	JNE	lost
	// The claimed slots stay as they are: only this P's owner writes the
	// ring, at its tail. Link them, then gp, through schedlink.
	MOVL	CX, SI
	ANDL	$RUNQMASK, SI
	MOVQ	p_runq(BX)(SI*8), R8	// first
	MOVQ	R8, R9	// last so far
	MOVL	$1, DI
link:
	CMPL	DI, DX
	JCC	linked
	LEAL	0(CX)(DI*1), SI
	ANDL	$RUNQMASK, SI
	MOVQ	p_runq(BX)(SI*8), R10
	MOVQ	R10, g_schedlink(R9)
	MOVQ	R10, R9
	INCL	DI
	JMP	link
linked:
	MOVQ	gp+8(FP), R10
	MOVQ	R10, g_schedlink(R9)
	MOVQ	$0, g_schedlink(R10)
	INCL	DX	// n+1 gs
	MOVQ	R8, first-8(SP)
	MOVQ	R10, last-16(SP)
	MOVL	DX, n-20(SP)
	LOCK_MUTEX(runtime·sched+schedt_lock(SB))
	MOVQ	first-8(SP), R8
	MOVQ	last-16(SP), R10
	MOVL	n-20(SP), DX
	MOVQ	runtime·sched+schedt_runqtail(SB), AX
	TESTQ	AX, AX
	JEQ	emptyq
	MOVQ	R8, g_schedlink(AX)
	JMP	settail
emptyq:
	MOVQ	R8, runtime·sched+schedt_runqhead(SB)
settail:
	MOVQ	R10, runtime·sched+schedt_runqtail(SB)
	ADDQ	DX, runtime·sched+schedt_runqsize(SB)
	UNLOCK_MUTEX(runtime·sched+schedt_lock(SB))
	MOVB	$1, ret+24(FP)
	RET
lost:
	MOVB	$0, ret+24(FP)
	RET

// func runqget(pp *p) (gp *g, inherit bool): the next g to run from pp,
// or nil; inherit says it came from runnext and takes over the time slice
// of the g that readied it (see schedule).
TEXT runtime·runqget(SB), NOSPLIT, $0-17
	MOVQ	pp+0(FP), BX
	MOVB	$0, inherit+16(FP)
	MOVQ	p_runnext(BX), AX
	TESTQ	AX, AX
	JEQ	queue
	MOVQ	$0, CX
	LOCK
	CMPXCHGQ	CX, p_runnext(BX)
	JNE	queue
	MOVQ	AX, ret+8(FP)
	MOVB	$1, inherit+16(FP)
	RET
queue:
	MOVL	p_runqhead(BX), AX
	MOVL	p_runqtail(BX), CX
	CMPL	AX, CX
	JEQ	empty
	MOVL	AX, SI
	ANDL	$RUNQMASK, SI
	MOVQ	p_runq(BX)(SI*8), DX
	LEAL	1(AX), CX
	LOCK
	CMPXCHGL	CX, p_runqhead(BX)
	JNE	queue
	MOVQ	DX, ret+8(FP)
	RET
empty:
	MOVQ	$0, ret+8(FP)
	RET

// func runqempty(pp *p) bool
TEXT runtime·runqempty(SB), NOSPLIT, $0-9
	MOVQ	pp+0(FP), BX
	MOVB	$0, ret+8(FP)
	CMPQ	p_runnext(BX), $0
	JNE	done
	MOVL	p_runqhead(BX), AX
	CMPL	AX, p_runqtail(BX)
	JNE	done
	MOVB	$1, ret+8(FP)
done:
	RET

// func runqsteal(pp, victim *p) *g: move half of victim's queue (or, if
// DI is 1, its runnext) to pp and return one of the stolen gs, or nil.
// The flag comes in a register: findrunnable's frame is on a NOSPLIT
// chain with no room for a third argument.
TEXT runtime·runqsteal(SB), NOSPLIT, $16-24
	MOVB	DI, stealnext-8(SP)
	MOVQ	pp+0(FP), BX
	MOVQ	victim+8(FP), R8
	MOVL	p_runqtail(BX), R9	// where stolen gs go in pp's ring
grab:
	MOVL	p_runqhead(R8), CX
	MOVL	p_runqtail(R8), DX
	MOVL	DX, R10
	SUBL	CX, R10
	MOVL	R10, R11
	SHRL	$1, R11
	SUBL	R11, R10	// n = half, rounded up
	JEQ	runnext
	CMPL	R10, $(const_runqSize/2)
	JHI	grab	// head and tail read at different times: again
	MOVL	$0, DI
copy:
	CMPL	DI, R10
	JCC	claim
	LEAL	0(CX)(DI*1), SI
	ANDL	$RUNQMASK, SI
	MOVQ	p_runq(R8)(SI*8), AX
	LEAL	0(R9)(DI*1), SI
	ANDL	$RUNQMASK, SI
	MOVQ	AX, p_runq(BX)(SI*8)
	INCL	DI
	JMP	copy
claim:
	MOVL	CX, AX
	LEAL	0(CX)(R10*1), SI
	LOCK
	CMPXCHGL	SI, p_runqhead(R8)
	JNE	grab
	// Run the last stolen g; publish the rest in pp's queue.
	DECL	R10
	LEAL	0(R9)(R10*1), SI
	MOVL	SI, DI
	ANDL	$RUNQMASK, DI
	MOVQ	p_runq(BX)(DI*8), AX
	MOVL	SI, p_runqtail(BX)
	MOVQ	AX, ret+16(FP)
	RET
runnext:
	CMPB	stealnext-8(SP), $0
	JEQ	none
	CMPQ	p_runnext(R8), $0
	JEQ	none
	// A g in a running P's runnext was most likely readied by the g
	// running there, which is about to block and run it (a channel
	// ping-pong): taking it moves the pair to this M and leaves the
	// victim to go idle, a futex sleep and wake-up per hand-off. Give the
	// owner a moment to take it first, as Go's runqgrab does.
	CMPQ	p_status(R8), $const_Prunning
	JNE	takenext
	MOVL	$const_stealNextDelay, 0(SP)
	CALL	runtime·osusleep(SB)
	MOVQ	pp+0(FP), BX
	MOVQ	victim+8(FP), R8
takenext:
	MOVQ	p_runnext(R8), AX
	TESTQ	AX, AX
	JEQ	none
	MOVQ	$0, CX
	LOCK
	CMPXCHGQ	CX, p_runnext(R8)
	JNE	retry
	MOVQ	AX, ret+16(FP)
	RET
retry:
	MOVL	p_runqtail(BX), R9
	JMP	grab
none:
	MOVQ	$0, ret+16(FP)
	RET

// func globrunqput(gp *g): append gp to the global queue. sched.lock held.
TEXT runtime·globrunqput(SB), NOSPLIT, $0-8
	MOVQ	gp+0(FP), AX
	MOVQ	$0, g_schedlink(AX)
	MOVQ	runtime·sched+schedt_runqtail(SB), CX
	TESTQ	CX, CX
	JEQ	empty
	MOVQ	AX, g_schedlink(CX)
	JMP	settail
empty:
	MOVQ	AX, runtime·sched+schedt_runqhead(SB)
settail:
	MOVQ	AX, runtime·sched+schedt_runqtail(SB)
	INCQ	runtime·sched+schedt_runqsize(SB)
	RET

// func globrunqget(pp *p, max int64) *g: take a fair share of the global
// queue (at most max if max > 0), return one g and put the rest on pp's
// queue. sched.lock held.
TEXT runtime·globrunqget(SB), NOSPLIT, $48-24
	MOVQ	runtime·sched+schedt_runqsize(SB), CX
	TESTQ	CX, CX
	JEQ	none
	// n = min(size, size/gomaxprocs+1, max if > 0, runqSize/2)
	MOVQ	CX, AX
	CMPQ	runtime·sched+schedt_gomaxprocs(SB), $1
	JEQ	capmax	// n = size
	MOVQ	$0, DX
	DIVQ	runtime·sched+schedt_gomaxprocs(SB)
	INCQ	AX
	CMPQ	AX, CX
	JLS	capmax
	MOVQ	CX, AX
capmax:
	MOVQ	max+8(FP), DX
	TESTQ	DX, DX
	JEQ	caphalf
	CMPQ	AX, DX
	JLS	caphalf
	MOVQ	DX, AX
caphalf:
	CMPQ	AX, $(const_runqSize/2)
	JLS	take
	MOVQ	$(const_runqSize/2), AX
take:
	SUBQ	AX, runtime·sched+schedt_runqsize(SB)
	MOVQ	AX, n-8(SP)
	CALL	runtime·globrunqpop(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, ret+16(FP)
more:
	DECQ	n-8(SP)
	JEQ	done
	CALL	runtime·globrunqpop(SB)
	MOVQ	0(SP), AX
	MOVQ	pp+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·runqput(SB)
	JMP	more
none:
	MOVQ	$0, ret+16(FP)
done:
	RET

// func globrunqpop() *g: unlink the global queue's first g (there is one).
TEXT runtime·globrunqpop(SB), NOSPLIT, $0-8
	MOVQ	runtime·sched+schedt_runqhead(SB), AX
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, runtime·sched+schedt_runqhead(SB)
	TESTQ	CX, CX
	JNE	done
	MOVQ	$0, runtime·sched+schedt_runqtail(SB)
done:
	MOVQ	$0, g_schedlink(AX)
	MOVQ	AX, ret+0(FP)
	RET

TEXT_MARK(runtime·runqEtext)
