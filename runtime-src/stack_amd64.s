// Goroutine stacks: small segments that grow without moving a frame.
//
// A goroutine starts on a firstStackSize segment. When a function's
// stack-split prologue finds too little room, morestack (on g0) takes a
// new segment, copies the function's arguments to its top, and runs the
// function there with lessstack as its return address; lessstack copies
// the arguments (with the results) back and returns to the old segment.
// Frames never move, so pointers into a frame (LEAQ x-8(SP)) stay good:
// the design of Go up to 1.2. The segment left is kept for the
// goroutine's next split, so a call that splits on every iteration does
// not allocate each time.
//
// Segments up to stackMaxPooled bytes are carved from chunks of
// stackChunkSize bytes, and freed ones are kept per P and in a global
// pool. Chunks, and bigger segments, are spans of the page heap
// (mheap_amd64.s, state spanStack) whose first page is a guard page,
// made inaccessible; a big segment goes back to the heap when freed.

#include "textflag.h"
#include "textmark.h"
#include "go_tls.h"
#include "go_asm.h"
#include "mmap.h"
#include "curg.h"
#include "print.h"
#include "lock.h"
#include "functab.h"

// A P's free segments: row class of p.stackfree, its first
// p.nstackfree[class] slots in use. STACKCACHE_POP takes the last into
// dst, STACKCACHE_PUSH appends src; idx is a scratch register.
#define STACKCACHE_POP(pp, class, idx, dst) \
	DECQ	p_nstackfree(pp)(class*8); \
	MOVQ	class, idx; \
	IMULQ	$const_stackCacheMax, idx; \
	ADDQ	p_nstackfree(pp)(class*8), idx; \
	MOVQ	p_stackfree(pp)(idx*8), dst
#define STACKCACHE_PUSH(pp, class, idx, src) \
	MOVQ	class, idx; \
	IMULQ	$const_stackCacheMax, idx; \
	ADDQ	p_nstackfree(pp)(class*8), idx; \
	INCQ	p_nstackfree(pp)(class*8); \
	MOVQ	src, p_stackfree(pp)(idx*8)

// stackText and stackEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·stackText)

// func stackalloc(size uintptr) (lo, hi uintptr): a goroutine stack
// segment of at least size bytes. size is a power of two from
// stackMinSize to stackMaxPooled, or a multiple of 4096 above.
TEXT runtime·stackalloc(SB), NOSPLIT, $24-24
	MOVQ	size+0(FP), AX
	CMPQ	AX, $const_stackMaxPooled
	JHI	big
	BSRQ	AX, CX
	SUBQ	$const_stackMinShift, CX
	MOVQ	CX, class-8(SP)
	getp(BX)
	TESTQ	BX, BX
	JEQ	global
	CMPQ	p_nstackfree(BX)(CX*8), $0
	JNE	pop
	MOVQ	BX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·stackrefill(SB)
	MOVQ	class-8(SP), CX
	getp(BX)
pop:
	STACKCACHE_POP(BX, CX, DX, AX)
	JMP	got
global:
	// No P (a thread between Ps): straight from the pool.
	LOCK_MUTEX(runtime·stackpoolLock(SB))
	MOVQ	class-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·stackpoolpop(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, lo+8(FP)
	UNLOCK_MUTEX(runtime·stackpoolLock(SB))
	MOVQ	lo+8(FP), AX
got:
	MOVQ	AX, lo+8(FP)
	ADDQ	size+0(FP), AX
	MOVQ	AX, hi+16(FP)
	RET
big:
	MOVQ	AX, 0(SP)
	CALL	runtime·stackheapalloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, lo+8(FP)
	MOVQ	16(SP), AX
	MOVQ	AX, hi+16(FP)
	RET

// func stackfree(lo, hi uintptr): give back a segment stackalloc made.
TEXT runtime·stackfree(SB), NOSPLIT, $24-16
	MOVQ	hi+8(FP), AX
	SUBQ	lo+0(FP), AX
	CMPQ	AX, $const_stackMaxPooled
	JHI	big
	BSRQ	AX, CX
	SUBQ	$const_stackMinShift, CX
	getp(BX)
	TESTQ	BX, BX
	JEQ	global
	CMPQ	p_nstackfree(BX)(CX*8), $const_stackCacheMax
	JCS	push
	// The row is full: half of it to the pool first.
	MOVQ	CX, class-8(SP)
	MOVQ	BX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·stackdrain(SB)
	MOVQ	class-8(SP), CX
	getp(BX)
push:
	MOVQ	lo+0(FP), AX
	STACKCACHE_PUSH(BX, CX, DX, AX)
	RET
global:
	MOVQ	CX, class-8(SP)
	LOCK_MUTEX(runtime·stackpoolLock(SB))
	MOVQ	class-8(SP), CX
	LEAQ	runtime·stackpool(SB), BX
	MOVQ	lo+0(FP), AX
	MOVQ	0(BX)(CX*8), DX
	MOVQ	DX, 0(AX)
	MOVQ	AX, 0(BX)(CX*8)
	UNLOCK_MUTEX(runtime·stackpoolLock(SB))
	RET
big:
	// Back to the heap.
	MOVQ	lo+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·stackheapfree(SB)
	RET

// func stackrefill(pp *p, class int64): move half a cache's worth of
// class's segments from the pool to pp.
TEXT runtime·stackrefill(SB), NOSPLIT, $16-16
	LOCK_MUTEX(runtime·stackpoolLock(SB))
more:
	MOVQ	class+8(FP), CX
	MOVQ	pp+0(FP), BX
	CMPQ	p_nstackfree(BX)(CX*8), $(const_stackCacheMax/2)
	JCC	full
	MOVQ	CX, 0(SP)
	CALL	runtime·stackpoolpop(SB)
	MOVQ	8(SP), AX
	MOVQ	class+8(FP), CX
	MOVQ	pp+0(FP), BX
	STACKCACHE_PUSH(BX, CX, DX, AX)
	JMP	more
full:
	UNLOCK_MUTEX(runtime·stackpoolLock(SB))
	RET

// func stackdrain(pp *p, class int64): move half of pp's class segments to
// the pool.
TEXT runtime·stackdrain(SB), NOSPLIT, $16-16
	LOCK_MUTEX(runtime·stackpoolLock(SB))
	MOVQ	class+8(FP), CX
	MOVQ	pp+0(FP), BX
	LEAQ	runtime·stackpool(SB), SI
less:
	CMPQ	p_nstackfree(BX)(CX*8), $(const_stackCacheMax/2)
	JLS	done
	STACKCACHE_POP(BX, CX, DI, AX)
	MOVQ	0(SI)(CX*8), DX
	MOVQ	DX, 0(AX)
	MOVQ	AX, 0(SI)(CX*8)
	JMP	less
done:
	UNLOCK_MUTEX(runtime·stackpoolLock(SB))
	RET

// func stackpoolpop(class int64) unsafe.Pointer: a free segment of class
// from the pool (stackpoolLock held): a freed one if there is one, else
// the next of the class's chunk (stackcarve's {next, end}), taken from
// the heap when the last is used up. A chunk's segments are carved as
// they are handed out: linking them all into the free list when the
// chunk came wrote a word into each, touching every page of it (64 page
// faults for the 2 KiB class, most of a small program's start-up).
TEXT runtime·stackpoolpop(SB), NOSPLIT, $32-16
	MOVQ	class+0(FP), CX
	LEAQ	runtime·stackpool(SB), BX
	MOVQ	0(BX)(CX*8), AX
	TESTQ	AX, AX
	JEQ	carve
	MOVQ	0(AX), DX
	MOVQ	DX, 0(BX)(CX*8)
	MOVQ	AX, ret+8(FP)
	RET
carve:
	SHLQ	$4, CX
	LEAQ	runtime·stackcarve(SB), BX
	ADDQ	CX, BX
	MOVQ	0(BX), AX
	CMPQ	AX, 8(BX)
	JCS	take
	// A new chunk: segments of the class above a guard page.
	MOVQ	BX, carve-8(SP)
	MOVQ	$const_stackChunkSize, 0(SP)
	CALL	runtime·stackheapalloc(SB)
	MOVQ	carve-8(SP), BX
	MOVQ	8(SP), AX
	MOVQ	16(SP), DX
	MOVQ	DX, 8(BX)
take:
	MOVQ	class+0(FP), CX
	MOVQ	$const_stackMinSize, DX
	SHLQ	CX, DX
	ADDQ	AX, DX
	MOVQ	DX, 0(BX)
	MOVQ	AX, ret+8(FP)
	RET

// func stackheapalloc(size uintptr) (lo, hi uintptr): size bytes of
// stack from the page heap (a pool's chunk, or a big segment), with a
// guard page below: the span's first page, made inaccessible.
TEXT runtime·stackheapalloc(SB), NOSPLIT, $56-24
	MOVQ	size+0(FP), AX
	ADDQ	$(2*const_pageSize-1), AX
	SHRQ	$const_pageShift, AX
	MOVQ	AX, npages-24(SP)
	LEAQ	runtime·stackheapslow(SB), AX
	MOVQ	AX, fv-32(SP)
	LEAQ	fv-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	MOVQ	span-16(SP), AX
	TESTQ	AX, AX
	JEQ	oom
	MOVQ	mspan_base(AX), BX
	MPROTECT(BX, $const_pageSize, $PROT_NONE)
	TESTQ	AX, AX
	JNE	noguard
	MOVQ	span-16(SP), AX
	MOVQ	mspan_base(AX), BX
	ADDQ	$const_pageSize, BX
	MOVQ	BX, lo+8(FP)
	ADDQ	size+0(FP), BX
	MOVQ	BX, hi+16(FP)
	RET
oom:
	CALL	runtime·throwoom(SB)
	RET
noguard:
	LEAQ	str_mprotectFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

// stackheapslow: {fn, npages, span}: the heap's span, on the system stack.
TEXT runtime·stackheapslow(SB), NOSPLIT, $32-0
	MOVQ	DX, fv-8(SP)
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	MOVQ	$const_spanStack, 8(SP)
	CALL	runtime·mheap_alloc(SB)
	MOVQ	16(SP), AX
	MOVQ	fv-8(SP), DX
	MOVQ	AX, 16(DX)
	RET

// func stackheapfree(lo uintptr): the big segment at lo goes back to the
// heap, its guard page made ordinary memory again.
TEXT runtime·stackheapfree(SB), NOSPLIT, $40-8
	MOVQ	lo+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanOf(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, span-8(SP)
	MOVQ	mspan_base(AX), BX
	MPROTECT(BX, $const_pageSize, $PROT_RW)
	TESTQ	AX, AX
	JNE	noguard
	LEAQ	runtime·largefreeslow(SB), AX
	MOVQ	AX, fv-16(SP)
	LEAQ	fv-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	RET
noguard:
	LEAQ	str_mprotectFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

// morestack_noctxt is where a stack-split prologue goes when SP is below
// stackguard0, for a function without a closure context.
TEXT runtime·morestack_noctxt(SB), NOSPLIT|NOFRAME, $0
	MOVL	$0, DX
	JMP	runtime·morestack(SB)

// morestack: called from a function's prologue, before its frame exists.
// 0(SP) is where the function resumes (its jump back to the prologue);
// DX is its closure context, the one register live at a prologue (as in
// Go's ABI0). Saves where the goroutine is, then newstack decides on g0.
TEXT runtime·morestack(SB), NOSPLIT|NOFRAME, $0
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), AX
	CMPQ	BX, m_g0(AX)
	JNE	save
	CALL	runtime·abort(SB)	// morestack on g0
save:
	MOVQ	0(SP), AX
	MOVQ	AX, (g_sched+gobuf_pc)(BX)
	LEAQ	8(SP), AX
	MOVQ	AX, (g_sched+gobuf_sp)(BX)
	MOVQ	DX, (g_sched+gobuf_ctxt)(BX)
	MOVQ	BP, (g_sched+gobuf_bp)(BX)
	// Continue on g0.
	MOVQ	g_m(BX), AX
	MOVQ	m_g0(AX), SI
	MOVQ	SI, g(CX)
	MOVQ	(g_sched+gobuf_sp)(SI), SP
	SUBQ	$8, SP
	MOVQ	BX, 0(SP)
	CALL	runtime·newstack(SB)
	CALL	runtime·abort(SB)
	RET

// func newstack(gp *g), on g0: gp's prologue found too little room. Either
// sysmon asked gp to stop (stackguard0 is stackPreempt), or the function
// gets a new segment: its arguments are copied to the new segment's top,
// under them goes lessstack's address as the return address, and the
// function starts again from its prologue there. Never returns.
TEXT runtime·newstack(SB), NOSPLIT, $64-8
	MOVQ	gp+0(FP), AX
	MOVQ	$const_stackPreempt, CX
	CMPQ	g_stackguard0(AX), CX
	JNE	grow
	MOVQ	AX, 0(SP)
	CALL	runtime·gopreempt_m(SB)
	RET
grow:
	// The function: its morestack call (sched.pc) lies inside it.
	MOVQ	(g_sched+gobuf_pc)(AX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	nofunc
	MOVQ	BX, f-8(SP)
	MOVLQSX	funcrec_args(BX), CX
	TESTQ	CX, CX
	JLT	noargs	// ArgsUnknown
	ADDQ	$7, CX
	ANDQ	$~7, CX
	MOVQ	CX, args-16(SP)
	// Room it needs: its frame (with the saved BP), its arguments and the
	// segment's top, and the stack guard's reserve for what it calls.
	MOVLQZX	funcrec_frame(BX), DX
	LEAQ	(const_stackGuard+stktop__size+16)(CX)(DX*1), DX
	// The segment the goroutine left last, if that is enough.
	MOVQ	gp+0(FP), AX
	MOVQ	(g_stackcache+stack_lo)(AX), BX
	TESTQ	BX, BX
	JEQ	size
	MOVQ	(g_stackcache+stack_hi)(AX), CX
	MOVQ	CX, SI
	SUBQ	BX, SI
	CMPQ	SI, DX
	JCS	size
	MOVQ	$0, (g_stackcache+stack_lo)(AX)
	MOVQ	$0, (g_stackcache+stack_hi)(AX)
	JMP	limit
size:
	// Else twice the current segment (up to stackSegMax), or more if the
	// function needs it: a power of two up to stackMaxPooled, whole pages
	// beyond.
	MOVQ	(g_stack+stack_hi)(AX), SI
	SUBQ	(g_stack+stack_lo)(AX), SI
	SHLQ	$1, SI
	CMPQ	SI, $const_stackSegMax
	JLS	capped
	MOVQ	$const_stackSegMax, SI
capped:
	CMPQ	SI, DX
	JCC	sized
	MOVQ	DX, SI
	CMPQ	SI, $const_stackMaxPooled
	JHI	pages
	DECQ	SI
	BSRQ	SI, CX
	INCQ	CX
	MOVQ	$1, SI
	SHLQ	CX, SI
	JMP	sized
pages:
	ADDQ	$4095, SI
	ANDQ	$~4095, SI
sized:
	MOVQ	g_stacksize(AX), CX
	ADDQ	SI, CX
	CMPQ	CX, $const_maxStackSize
	JHI	exceeded
	MOVQ	SI, 0(SP)
	CALL	runtime·stackalloc(SB)
	MOVQ	8(SP), BX
	MOVQ	16(SP), CX
limit:
	MOVQ	gp+0(FP), AX
	MOVQ	CX, DX
	SUBQ	BX, DX
	ADDQ	g_stacksize(AX), DX
	CMPQ	DX, $const_maxStackSize
	JHI	exceeded
	MOVQ	DX, g_stacksize(AX)
	MOVQ	BX, lo-24(SP)
	MOVQ	CX, hi-32(SP)
	MOVQ	$const_stackCanary, DX
	MOVQ	DX, 0(BX)
	// The new segment's top: where the goroutine was.
	LEAQ	-stktop__size(CX), R8
	MOVQ	(g_stack+stack_lo)(AX), DX
	MOVQ	DX, stktop_oldlo(R8)
	MOVQ	(g_stack+stack_hi)(AX), DX
	MOVQ	DX, stktop_oldhi(R8)
	MOVQ	(g_sched+gobuf_sp)(AX), DX
	MOVQ	DX, stktop_oldsp(R8)
	MOVQ	args-16(SP), CX
	MOVQ	CX, stktop_args(R8)
	// The arguments, just above the old return address, go under it.
	LEAQ	8(DX), SI
	MOVQ	R8, DI
	SUBQ	CX, DI
	MOVQ	DI, R9
	SHRQ	$3, CX
	CLD
	REP;	MOVSQ
	LEAQ	-8(R9), DI
	LEAQ	runtime·lessstack(SB), DX
	MOVQ	DX, 0(DI)
	MOVQ	DI, (g_sched+gobuf_sp)(AX)
	MOVQ	lo-24(SP), BX
	MOVQ	BX, (g_stack+stack_lo)(AX)
	MOVQ	hi-32(SP), CX
	MOVQ	CX, (g_stack+stack_hi)(AX)
	// A preemption request that came meanwhile stays (sysmon sets preempt
	// before stackguard0; XCHG orders this store before the load).
	ADDQ	$const_stackGuard, BX
	XCHGQ	BX, g_stackguard0(AX)
	CMPQ	g_preempt(AX), $0
	JEQ	run
	MOVQ	$const_stackPreempt, BX
	MOVQ	BX, g_stackguard0(AX)
run:
	LEAQ	g_sched(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·gogo(SB)
	RET
exceeded:
	// As Go says it, then a traceback from the function.
	PRINTERR(str_stackExceeds)
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printstackbounds(SB)
	JMP	fatal
noargs:
	PRINTERR(str_stackRuntime)
	MOVQ	f-8(SP), BX
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_stackUnknownArgs)
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	LEAQ	str_stackNoArgs, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·throwfrom(SB)
	RET
nofunc:
	THROW(str_stackNoFunc)
	RET
fatal:
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	LEAQ	str_stackOverflow, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·throwfrom(SB)
	RET

// func throwfrom(gp *g, s *byte): fatal error s, the traceback starting
// where gp stopped (its saved PC and SP), not in the runtime code on g0
// that found the error.
TEXT runtime·throwfrom(SB), NOSPLIT, $8-16
	MOVQ	gp+0(FP), AX
	MOVQ	(g_sched+gobuf_pc)(AX), CX
	MOVQ	CX, runtime·fatalpc(SB)
	MOVQ	(g_sched+gobuf_sp)(AX), CX
	MOVQ	CX, runtime·fatalsp(SB)
	MOVQ	s+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func printstackbounds(gp *g): "runtime: sp=0x… stack=[0x…, 0x…]", the
// SP gp stopped at and the bounds of its segment, as Go prints them.
TEXT runtime·printstackbounds(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), BX
	LEAQ	str_stackSP, AX
	MOVQ	(g_sched+gobuf_sp)(BX), CX
	CALL	printlabelhex<>(SB)
	MOVQ	gp+0(FP), BX
	LEAQ	str_stackBounds, AX
	MOVQ	(g_stack+stack_lo)(BX), CX
	CALL	printlabelhex<>(SB)
	MOVQ	gp+0(FP), BX
	LEAQ	str_stackComma, AX
	MOVQ	(g_stack+stack_hi)(BX), CX
	CALL	printlabelhex<>(SB)
	PRINTERR(str_stackClose)
	RET

// printlabelhex prints the string at AX, then CX in hexadecimal, on
// standard error.
TEXT printlabelhex<>(SB), NOSPLIT, $24-0
	MOVQ	CX, v-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR_HEX(v-8(SP))
	RET

// lessstack is where a function that ran on a new segment returns to. SP
// is at its arguments, just under the segment's top: copy them (results
// and all) back to the caller's frame, make the segment the goroutine's
// cached one, and return to the caller on the old segment. Every general
// register but SP comes through unchanged, for functions that return
// something in one.
TEXT runtime·lessstack(SB), NOSPLIT|NOFRAME, $0
	SUBQ	$8, SP	// the old SP goes here
	PUSHQ	AX
	PUSHQ	BX
	PUSHQ	CX
	PUSHQ	DX
	PUSHQ	SI
	PUSHQ	DI
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	getg(AX)
	MOVQ	(g_stack+stack_hi)(AX), BX
	SUBQ	$stktop__size, BX
	MOVQ	stktop_args(BX), CX
	MOVQ	BX, SI
	SUBQ	CX, SI
	MOVQ	stktop_oldsp(BX), DI
	MOVQ	DI, 112(SP)
	ADDQ	$8, DI
	SHRQ	$3, CX
	CLD
	REP;	MOVSQ
	// The segment cached before goes back to the pool.
	MOVQ	(g_stackcache+stack_lo)(AX), CX
	TESTQ	CX, CX
	JEQ	cache
	SUBQ	$16, SP
	MOVQ	CX, 0(SP)
	MOVQ	(g_stackcache+stack_hi)(AX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·stackfree(SB)
	ADDQ	$16, SP
	getg(AX)
	MOVQ	(g_stack+stack_hi)(AX), BX
	SUBQ	$stktop__size, BX
cache:
	MOVQ	(g_stack+stack_lo)(AX), CX
	MOVQ	CX, (g_stackcache+stack_lo)(AX)
	MOVQ	(g_stack+stack_hi)(AX), DX
	MOVQ	DX, (g_stackcache+stack_hi)(AX)
	SUBQ	DX, CX
	ADDQ	CX, g_stacksize(AX)
	MOVQ	stktop_oldhi(BX), DX
	MOVQ	DX, (g_stack+stack_hi)(AX)
	MOVQ	stktop_oldlo(BX), CX
	MOVQ	CX, (g_stack+stack_lo)(AX)
	ADDQ	$const_stackGuard, CX
	XCHGQ	CX, g_stackguard0(AX)
	CMPQ	g_preempt(AX), $0
	JEQ	restore
	MOVQ	$const_stackPreempt, CX
	MOVQ	CX, g_stackguard0(AX)
restore:
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	R11
	POPQ	R10
	POPQ	R9
	POPQ	R8
	POPQ	DI
	POPQ	SI
	POPQ	DX
	POPQ	CX
	POPQ	BX
	POPQ	AX
	MOVQ	0(SP), SP
	RET

// func stackunwind(gp *g): gp is done with every segment but its first
// (it is exiting): give them back, and the cached one.
TEXT runtime·stackunwind(SB), NOSPLIT, $16-8
segment:
	MOVQ	gp+0(FP), AX
	MOVQ	(g_stack+stack_hi)(AX), CX
	MOVQ	(-stktop__size+stktop_oldhi)(CX), DX
	TESTQ	DX, DX
	JEQ	cached
	MOVQ	(g_stack+stack_lo)(AX), BX
	MOVQ	BX, 0(SP)
	MOVQ	CX, 8(SP)
	SUBQ	CX, BX
	ADDQ	BX, g_stacksize(AX)
	MOVQ	DX, (g_stack+stack_hi)(AX)
	MOVQ	(-stktop__size+stktop_oldlo)(CX), DX
	MOVQ	DX, (g_stack+stack_lo)(AX)
	CALL	runtime·stackfree(SB)
	JMP	segment
cached:
	MOVQ	(g_stackcache+stack_lo)(AX), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	BX, 0(SP)
	MOVQ	(g_stackcache+stack_hi)(AX), CX
	MOVQ	CX, 8(SP)
	MOVQ	$0, (g_stackcache+stack_lo)(AX)
	MOVQ	$0, (g_stackcache+stack_hi)(AX)
	CALL	runtime·stackfree(SB)
done:
	RET

// func stackcheck(gp *g), on g0 when gp stops running (it parks, yields,
// is preempted or exits): an overrun of gp's segment that no prologue
// could see (a NOSPLIT function called through a pointer, foreign code)
// either changed the canary at the segment's bottom or left SP below it.
// Either is a stack overflow, reported with gp's traceback.
TEXT runtime·stackcheck(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), AX
	MOVQ	(g_stack+stack_lo)(AX), BX
	MOVQ	$const_stackCanary, CX
	CMPQ	0(BX), CX
	JNE	overflow
	CMPQ	(g_sched+gobuf_sp)(AX), BX
	JCS	overflow
	RET
overflow:
	MOVQ	AX, 0(SP)
	LEAQ	str_stackOverflow, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·throwfrom(SB)
	RET

// func stackmap(size uintptr) (lo, hi uintptr): a stack of size bytes in
// a mapping of its own, with an unmapped guard page below it: each M's g0
// and signal stacks (goroutine stacks come from the heap).
TEXT runtime·stackmap(SB), NOSPLIT, $48-24
	MOVQ	$0, 0(SP)
	MOVQ	size+0(FP), AX
	ADDQ	$const_guardSize, AX
	MMAP_RW(AX, $MAP_PRIVATE_ANON, BX)
	TESTQ	BX, BX
	JEQ	oom
	MOVQ	BX, base-8(SP)
	MPROTECT(BX, $const_guardSize, $PROT_NONE)
	TESTQ	AX, AX
	JNE	noguard
	MOVQ	base-8(SP), BX
	ADDQ	$const_guardSize, BX
	MOVQ	BX, lo+8(FP)
	ADDQ	size+0(FP), BX
	MOVQ	BX, hi+16(FP)
	RET
oom:
	CALL	runtime·throwoom(SB)
	RET
noguard:
	// Running on without the guard would let an overrun of this stack
	// write into its neighbour's (vm.max_map_count runs out first: each
	// guard splits its stack's mapping in two).
	LEAQ	str_mprotectFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

GLOBL runtime·stackpool(SB), NOPTR, $(const_stackClasses*8)
GLOBL runtime·stackcarve(SB), NOPTR, $(const_stackClasses*16)
GLOBL runtime·stackpoolLock(SB), NOPTR, $8

TEXT_MARK(runtime·stackEtext)
