// A goroutine's life: runtime·main, parking and readying, yielding and
// exiting. Everything that switches away from a goroutine goes through
// mcall to g0, which then calls schedule.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "print.h"

// goroutineText and goroutineEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·goroutineText)

// runtime·main is the main goroutine: it starts sysmon, runs every
// package's init function, then main·main, and exits 0.
TEXT runtime·main(SB), NOSPLIT, $48-0
	MOVQ	$1, runtime·mainStarted(SB)
	// sysmon's M, counted before newm makes it (as startm counts its Ms),
	// and as a system M the deadlock check leaves out.
	LOCK
	INCQ	runtime·sched+schedt_mcount(SB)
	LOCK
	INCQ	runtime·sched+schedt_nmsys(SB)
	LEAQ	runtime·sysmon(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·newm(SB)
	// Goroutines started before now waited for main to start: let idle
	// Ps pick them up, if there are any. A program that starts none
	// before main (hello) makes no M for nothing: a thread that is
	// still being made when the program exits holds up its exit.
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_p(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JEQ	wake
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JEQ	woken
wake:
	CALL	runtime·wakep(SB)
woken:
	LEAQ	runtime·inittasks(SB), AX
	MOVQ	AX, next-8(SP)
init:
	MOVQ	next-8(SP), AX
	MOVQ	0(AX), AX
	TESTQ	AX, AX
	JEQ	inited
	CMPQ	runtime·inittrace(SB), $0
	JNE	traced
	ADDQ	$16, next-8(SP)
	CALL	AX
	JMP	init
traced:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	MOVQ	next-8(SP), AX
	ADDQ	$16, next-8(SP)
	MOVQ	0(AX), AX
	CALL	AX
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	start-16(SP), AX
	SUBQ	runtime·starttime(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	next-8(SP), AX
	MOVQ	-8(AX), AX	// the package's name
	MOVQ	AX, 16(SP)
	CALL	runtime·printinittrace(SB)
	JMP	init
inited:
	CALL	main·main(SB)
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	RET

// inittasks lists the init functions (TEXT symbols named <pkg>·init) to
// run before main·main, in link order: pairs of the function's address and
// its package's NUL-terminated name, ending with a zero pair. p9ld writes
// the list; this weak empty one stands in for linkers that do not.
GLOBL runtime·inittasks(SB), DUPOK|RODATA|NOPTR, $16

GLOBL runtime·inittrace(SB), NOPTR, $8

// func printinittrace(clock, at int64, pkg *byte): one line of
// P9DEBUG=inittrace=1, as Go's GODEBUG=inittrace prints it:
// "init <pkg> @<ms> ms, <ms> ms clock".
TEXT runtime·printinittrace(SB), NOSPLIT, $24-24
	PRINTERR(str_initHeader)
	MOVQ	pkg+16(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_initAt)
	PRINTERR_MS(at+8(FP))
	PRINTERR(str_initMs)
	PRINTERR_MS(clock+0(FP))
	PRINTERR(str_initClock)
	RET

// func gopark(l *mutex, reason *byte): block the current goroutine until
// goready. l, if not nil, is unlocked once the goroutine is off its
// stack, so the waker, which must take l, cannot ready it early. reason
// says why it waits, in Go's words ("chan receive"), for tracebacks.
TEXT runtime·gopark(SB), NOSPLIT, $16-16
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	reason+8(FP), BX
	MOVQ	BX, g_waitreason(AX)
	MOVQ	g_m(AX), AX
	MOVQ	l+0(FP), BX
	MOVQ	BX, m_waitlock(AX)
	LEAQ	runtime·park_mPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func park_m(gp *g), on g0. A select parks holding the locks of all its
// channels (g.waiting lists its sudogs): they are released as m.waitlock
// is, once gp is parked. g.waiting is read before: once gp is parked,
// whoever readies it may run it on.
TEXT runtime·park_m(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·stackcheck(SB)
	MOVQ	gp+0(FP), AX
	MOVQ	g_waiting(AX), DX
	MOVQ	DX, waiting-8(SP)
	MOVQ	$const_Gwaiting, g_status(AX)
	MOVQ	g_m(AX), BX
	MOVQ	$0, m_curg(BX)
	MOVQ	$0, g_m(AX)
	MOVQ	m_waitlock(BX), CX
	TESTQ	CX, CX
	JEQ	selectlocks
	MOVQ	$0, m_waitlock(BX)
	MOVQ	CX, 0(SP)
	CALL	runtime·unlock(SB)
selectlocks:
	MOVQ	waiting-8(SP), DX
	TESTQ	DX, DX
	JEQ	sched
	MOVQ	DX, 0(SP)
	CALL	runtime·selunlockparked(SB)
sched:
	CALL	runtime·schedule(SB)
	RET

DATA runtime·park_mPC+0(SB)/8, $runtime·park_m(SB)
GLOBL runtime·park_mPC(SB), RODATA, $8

// func goready(gp *g): make a parked goroutine runnable, next on this P.
TEXT runtime·goready(SB), NOSPLIT, $32-8
	MOVQ	gp+0(FP), AX
	MOVQ	$const_Grunnable, g_status(AX)
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·runqput(SB)
	CALL	runtime·wakep1(SB)	// runqput's XCHG was the fence
	RET

// func Gosched(): yield the processor; the goroutine goes to the global
// run queue and runs again later.
TEXT runtime·Gosched(SB), NOSPLIT, $8-0
	LEAQ	runtime·gosched_mPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func gosched_m(gp *g), on g0.
TEXT runtime·gosched_m(SB), NOSPLIT, $40-8
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·stackcheck(SB)
	MOVQ	gp+0(FP), AX
	MOVQ	$const_Grunnable, g_status(AX)
	MOVQ	g_m(AX), BX
	MOVQ	$0, m_curg(BX)
	MOVQ	$0, g_m(AX)
	LEAQ	runtime·sched+schedt_lock(SB), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·globrunqput(SB)
	// With nothing in the local queue, schedule would take the lock again
	// just to take from the global queue: take from it now, unless the P
	// has timers, which schedule runs first, or a collection waits for
	// the world to stop, which schedule's stop point must see (a
	// goroutine that yields from malloc to the collection comes here).
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX
	MOVQ	m_p(BX), BX
	CMPQ	p_timer0when(BX), $0
	JNE	unlock
	CMPL	runtime·gcwaiting(SB), $0
	JNE	unlock
	MOVQ	BX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JEQ	unlock
	MOVQ	$0, 8(SP)	// pp is still at 0(SP)
	CALL	runtime·globrunqget(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, next-8(SP)
	LEAQ	runtime·sched+schedt_lock(SB), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·unlock(SB)
	// More came from the global queue than this M runs next, or some are
	// still there: an idle P may take them.
	CMPQ	runtime·sched+schedt_runqsize(SB), $0
	JNE	wake
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_m(BX), BX
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·runqempty(SB)
	CMPB	8(SP), $0
	JNE	run
wake:
	CALL	runtime·wakep(SB)
run:
	MOVQ	next-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·execute(SB)
unlock:
	LEAQ	runtime·sched+schedt_lock(SB), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·unlock(SB)
	// gp waits in the global queue while this M runs its local work: an
	// idle P may run it meanwhile (as Go's goschedImpl does).
	CALL	runtime·wakep(SB)
	CALL	runtime·schedule(SB)
	RET

DATA runtime·gosched_mPC+0(SB)/8, $runtime·gosched_m(SB)
GLOBL runtime·gosched_mPC(SB), RODATA, $8

// func Goexit(): end the calling goroutine.
TEXT runtime·Goexit(SB), NOSPLIT, $0-0
	JMP	runtime·goexit1(SB)

// func goexit1(): where a goroutine's first function returns to (through
// goexit).
TEXT runtime·goexit1(SB), NOSPLIT, $8-0
	LEAQ	runtime·goexit0PC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

// func goexit0(gp *g), on g0: gp is dead; keep it for reuse.
TEXT runtime·goexit0(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·stackcheck(SB)
	CALL	runtime·stackunwind(SB)	// gp is still at 0(SP)
	MOVQ	gp+0(FP), AX
	MOVQ	$const_Gdead, g_status(AX)
	MOVQ	g_m(AX), BX
	MOVQ	$0, m_curg(BX)
	MOVQ	$0, g_m(AX)
	MOVQ	$0, g_param(AX)
	MOVQ	m_p(BX), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·gfput(SB)
	CALL	runtime·schedule(SB)
	RET

DATA runtime·goexit0PC+0(SB)/8, $runtime·goexit0(SB)
GLOBL runtime·goexit0PC(SB), RODATA, $8

// func mid() int64: the id of the M running the caller.
TEXT runtime·mid(SB), NOSPLIT, $0-8
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_id(AX), AX
	MOVQ	AX, ret+0(FP)
	RET

// func gomaxprocs() int32
TEXT runtime·gomaxprocs(SB), NOSPLIT, $0-4
	MOVQ	runtime·sched+schedt_gomaxprocs(SB), AX
	MOVL	AX, ret+0(FP)
	RET

// func goid() int64: the id of the calling goroutine.
TEXT runtime·goid(SB), NOSPLIT, $0-8
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_goid(AX), AX
	MOVQ	AX, ret+0(FP)
	RET

TEXT_MARK(runtime·goroutineEtext)
