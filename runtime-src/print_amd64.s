// Printing for programs and for fatal errors. Each call is one write, so
// output from different threads does not interleave within a call.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "print.h"
#include "functab.h"

// printText and printEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·printText)

// func writeall(fd uintptr, p *byte, n int64): write all n bytes,
// retrying after short writes and interruptions.
TEXT runtime·writeall(SB), NOSPLIT, $32-24
again:
	CMPQ	n+16(FP), $0
	JLE	done
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	p+8(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	n+16(FP), AX
	CMPQ	AX, $0x40000000
	JLS	small
	MOVQ	$0x40000000, AX
small:
	MOVL	AX, 16(SP)
	CALL	runtime·write1(SB)
	MOVLQSX	24(SP), AX
	CMPQ	AX, $-4	// EINTR
	JEQ	again
	CMPQ	AX, $0
	JLE	done	// an error: nothing more can be done
	ADDQ	AX, p+8(FP)
	SUBQ	AX, n+16(FP)
	JMP	again
done:
	RET

// func printstring(p *byte, n int64): write n bytes to standard output.
TEXT runtime·printstring(SB), NOSPLIT, $24-16
	MOVQ	$1, 0(SP)
	MOVQ	p+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	n+8(FP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·writeall(SB)
	RET

// func printnl(): write a newline to standard output.
TEXT runtime·printnl(SB), NOSPLIT, $24-0
	MOVQ	$1, 0(SP)
	LEAQ	runtime·newline(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$1, 16(SP)
	CALL	runtime·writeall(SB)
	RET

DATA runtime·newline+0(SB)/1, $"\n"
GLOBL runtime·newline(SB), RODATA|NOPTR, $2	// NUL-terminated for printerr

// func printint(v int64): write v in decimal to standard output.
TEXT runtime·printint(SB), NOSPLIT, $24-8
	MOVQ	$1, 0(SP)
	MOVQ	v+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	RET

// func fprintint(fd uintptr, v int64): write v in decimal to fd.
TEXT runtime·fprintint(SB), NOSPLIT, $64-16
	// Digits fill buf from its end: buf is the 24 bytes below the
	// pseudo-SP, past the 24 bytes of writeall's arguments.
	LEAQ	end-0(SP), DI
	MOVQ	v+8(FP), AX
	MOVQ	AX, R8	// the sign
	TESTQ	AX, AX
	JGE	digits
	NEGQ	AX	// -MinInt64 stays negative: the unsigned division copes
digits:
	MOVQ	$10, CX
loop:
	MOVQ	$0, DX
	DIVQ	CX
	ADDL	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	TESTQ	AX, AX
	JNE	loop
	TESTQ	R8, R8
	JGE	write
	DECQ	DI
	MOVB	$'-', 0(DI)
write:
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	DI, 8(SP)
	LEAQ	end-0(SP), AX
	SUBQ	DI, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·writeall(SB)
	RET

// func fprinthex(fd uintptr, v uint64): write v in hexadecimal to fd.
TEXT runtime·fprinthex(SB), NOSPLIT, $64-16
	LEAQ	end-0(SP), DI
	MOVQ	v+8(FP), AX
loop:
	MOVQ	AX, CX
	ANDQ	$15, CX
	LEAQ	runtime·hexdigits(SB), DX
	MOVB	0(DX)(CX*1), CX
	DECQ	DI
	MOVB	CX, 0(DI)
	SHRQ	$4, AX
	JNE	loop
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	DI, 8(SP)
	LEAQ	end-0(SP), AX
	SUBQ	DI, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·writeall(SB)
	RET

DATA runtime·hexdigits+0(SB)/8, $"01234567"
DATA runtime·hexdigits+8(SB)/8, $"89abcdef"
GLOBL runtime·hexdigits(SB), RODATA|NOPTR, $16

// func fprintms(fd uintptr, ns int64): write ns as milliseconds with
// three decimals ("1.250") to fd.
TEXT runtime·fprintms(SB), NOSPLIT, $64-16
	LEAQ	end-0(SP), DI
	MOVQ	ns+8(FP), AX
	MOVQ	$0, DX
	MOVQ	$1000, CX
	DIVQ	CX	// AX = µs
	MOVQ	$0, DX
	DIVQ	CX	// AX = ms, DX = µs past them
	MOVQ	AX, R9
	MOVQ	DX, AX
	MOVQ	$3, R8
	MOVQ	$10, CX
frac:
	MOVQ	$0, DX
	DIVQ	CX
	ADDL	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	DECQ	R8
	JNE	frac
	DECQ	DI
	MOVB	$'.', 0(DI)
	MOVQ	R9, AX
whole:
	MOVQ	$0, DX
	DIVQ	CX
	ADDL	$'0', DX
	DECQ	DI
	MOVB	DX, 0(DI)
	TESTQ	AX, AX
	JNE	whole
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	DI, 8(SP)
	LEAQ	end-0(SP), AX
	SUBQ	DI, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·writeall(SB)
	RET

// func throw(s *byte): a fatal error. Prints "fatal error: s" and the id
// of the goroutine that was running to standard error, and exits with
// status 2.
TEXT runtime·throw(SB), NOSPLIT, $16-8
	PRINTERR(str_fatalError)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	CALL	runtime·fatalexit(SB)
	RET

// func fatal(s *byte): a fatal error the program made, not the runtime
// (Go's fatal, as against throw): as throw, but the report leaves out
// the runtime's own frames and goroutines, as Go's does for a deadlock.
TEXT runtime·fatal(SB), NOSPLIT, $8-8
	MOVQ	$1, runtime·tracehide(SB)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func throwerrno(s *byte, errno int64): a fatal error for a system call
// that failed: "fatal error: s (errno N)", N the error number (errno may
// be given as the kernel returns it, negative).
TEXT runtime·throwerrno(SB), NOSPLIT, $16-16
	PRINTERR(str_fatalError)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_errnoOpen)
	MOVQ	errno+8(FP), AX
	TESTQ	AX, AX
	JGE	positive
	NEGQ	AX
positive:
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_errnoClose)
	CALL	runtime·fatalexit(SB)
	RET

// func fatalexit(): end a fatal error message with the goroutine that was
// running, if any, and a traceback of its stack, then every other
// goroutine's (and the registers, for SIGQUIT), and exit with status 2.
// One thread reports: another that fails meanwhile waits for the exit; a
// fault while reporting (the traceback read something it should not
// have) exits at once.
TEXT runtime·fatalexit(SB), NOSPLIT, $32-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	$1, BX	// who is dying: its M, or 1 without one
	TESTQ	AX, AX
	JEQ	claim
	MOVQ	g_m(AX), DX
	TESTQ	DX, DX
	JEQ	claim
	MOVQ	DX, BX
claim:
	MOVQ	$0, AX
	LOCK
	CMPXCHGQ	BX, runtime·dyingM(SB)
	JEQ	report
	CMPQ	AX, BX
	JEQ	exit	// failed again while reporting
wait:
	MOVL	$1000000, 0(SP)
	CALL	runtime·osusleep(SB)
	JMP	wait
report:
	// On g0 the goroutine is the one the M was running.
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	nogoroutine
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	user
	CMPQ	AX, m_g0(BX)
	JNE	user
	MOVQ	m_curg(BX), AX
	TESTQ	AX, AX
	JEQ	nogoroutine
user:
	// The goroutine's header and frames, from where the failure was (a
	// signal handler said) or else from this function's caller, then the
	// other goroutines, on the system stack: the goroutine's may have no
	// room left.
	CMPQ	runtime·fatalsp(SB), $0
	JNE	trace
	CALL	runtime·callerframe(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, runtime·fatalpc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·fatalsp(SB)
	MOVQ	$1, runtime·fatalskip(SB)	// fatalexit itself
trace:
	LEAQ	runtime·tracebackfatalPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	JMP	exit
nogoroutine:
	PRINTERR(runtime·newline(SB))
	// Then every goroutine, from this M's g0 (or signal) stack.
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	exit
	CMPQ	g_m(AX), $0
	JEQ	exit
	LEAQ	runtime·reportothersPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
exit:
	MOVL	$2, 0(SP)
	CALL	runtime·exit(SB)
	RET

// Where a fatal error's traceback starts: a PC and SP, how many frames to
// leave out, and whether the PC is a faulting instruction's rather than a
// return address.
GLOBL runtime·fatalpc(SB), NOPTR, $8
GLOBL runtime·fatalsp(SB), NOPTR, $8
GLOBL runtime·fatalskip(SB), NOPTR, $8
GLOBL runtime·fatalfault(SB), NOPTR, $8
GLOBL runtime·dyingM(SB), NOPTR, $8

// func callerframe() (pc, sp uintptr): the caller's PC and SP at the call.
TEXT runtime·callerframe(SB), NOSPLIT|NOFRAME, $0-16
	MOVQ	0(SP), AX
	MOVQ	AX, pc+0(FP)
	LEAQ	8(SP), AX
	MOVQ	AX, sp+8(FP)
	RET

// func tracecreatedby(pc uintptr, goid int64): "created by f in goroutine
// N", then the tab, file, line and offset of pc, the call to newproc.
TEXT runtime·tracecreatedby(SB), NOSPLIT, $32-16
	MOVQ	pc+0(FP), AX
	DECQ	AX	// the CALL's line, not the next instruction's
	MOVQ	AX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	BX, f-8(SP)
	PRINTERR(str_traceCreatedBy)
	MOVQ	f-8(SP), BX
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_traceInGoroutine)
	PRINTERR_INT(goid+8(FP))
	PRINTERR(runtime·newline(SB))
	MOVQ	f-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc+0(FP), AX
	MOVQ	AX, 16(SP)
	DECQ	AX
	MOVQ	AX, 8(SP)
	CALL	runtime·printframepos(SB)
done:
	RET

// func printframepos(f *funcrec, look, pc uintptr): a traceback's second
// line for a frame of f: a tab, the file and line of look (pc, or the
// CALL just before a return address), and the offset of pc in f.
TEXT runtime·printframepos(SB), NOSPLIT, $40-24
	PRINTERR(str_traceTab)
	MOVQ	f+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	look+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·funcline(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, line-8(SP)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_traceColon)
	PRINTERR_INT(line-8(SP))
	PRINTERR(str_traceOffset)
	MOVQ	$2, 0(SP)
	MOVQ	pc+16(FP), AX
	MOVQ	f+0(FP), BX
	FUNCREC_PTR(funcrec_entry, BX, CX)
	SUBQ	CX, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	PRINTERR(runtime·newline(SB))
	RET

// tracebackfatal reports the goroutine the dying M runs, on g0: after a
// blank line, "goroutine N [running]:" (a thread SIGQUIT found in a
// system call says so instead: [syscall], [sleep]), then traceback from
// fatalpc and fatalsp.
TEXT runtime·tracebackfatal(SB), NOSPLIT, $32-0
	PRINTERR(runtime·newline(SB))
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_curg(AX), AX
	MOVQ	AX, 0(SP)
	MOVQ	g_status(AX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·goroutineheader(SB)
	MOVQ	runtime·fatalpc(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	runtime·fatalsp(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	runtime·fatalskip(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	runtime·fatalfault(SB), AX
	MOVB	AX, 24(SP)
	CALL	runtime·traceback(SB)
	// Then where the goroutine was started, as Go prints it (not for the
	// main goroutine, which the runtime starts).
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	m_curg(BX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	g_goid(AX), $1
	JEQ	done
	MOVQ	g_gopc(AX), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	CX, 0(SP)
	MOVQ	g_parentgoid(AX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·tracecreatedby(SB)
done:
	CALL	runtime·reportothers(SB)
	RET

DATA runtime·tracebackfatalPC+0(SB)/8, $runtime·tracebackfatal(SB)
GLOBL runtime·tracebackfatalPC(SB), RODATA, $8

// Go's traceback prints the innermost 50 and outermost 50 frames of a
// deeper stack.
#define tracebackInner	50
#define tracebackOuter	50

// TRACEWALK calls tracewalk with traceback's arguments (each walk uses its
// copy up) to print frames from to to-1; it leaves the count in 48(SP).
#define TRACEWALK(from, to) \
	MOVQ	pc+0(FP), AX; MOVQ AX, 0(SP); \
	MOVQ	sp+8(FP), AX; MOVQ AX, 8(SP); \
	MOVQ	skip+16(FP), AX; MOVQ AX, 16(SP); \
	MOVB	fault+24(FP), AX; MOVB AX, 24(SP); \
	MOVQ	from, AX; MOVQ AX, 32(SP); \
	MOVQ	to, AX; MOVQ AX, 40(SP); \
	CALL	runtime·tracewalk(SB)

// func traceback(pc, sp uintptr, skip int64, fault bool): print the frames
// of the stack at pc and sp, innermost first, as Go prints them:
// "main.f(...)", then a tab, the file, the line and the offset in the
// function. Past tracebackInner+tracebackOuter frames, as Go, the middle
// is left out: "...N frames elided...". fault says pc is a faulting
// instruction's, not a return address. See tracewalk.
TEXT runtime·traceback(SB), NOSPLIT, $72-25
	// Count the frames first.
	TRACEWALK($0, $0)
	MOVQ	48(SP), AX
	MOVQ	AX, n-8(SP)
	CMPQ	AX, $(tracebackInner+tracebackOuter)
	JGT	elide
	TRACEWALK($0, n-8(SP))
	RET
elide:
	TRACEWALK($0, $tracebackInner)
	PRINTERR(str_traceElidedOpen)
	MOVQ	$2, 0(SP)
	MOVQ	n-8(SP), AX
	SUBQ	$(tracebackInner+tracebackOuter), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_traceElidedClose)
	MOVQ	n-8(SP), AX
	SUBQ	$tracebackOuter, AX
	MOVQ	AX, first-16(SP)
	TRACEWALK(first-16(SP), n-8(SP))
	RET

// func tracewalk(pc, sp uintptr, skip int64, fault bool, from, to int64) (n int64):
// walk the stack at pc and sp, skip frames left out, print frames from to
// to-1 (counting from 0) and return how many frames there are. Each
// frame's return address is where the function table's SP depth at its PC
// says; a function that ran on a new stack segment returns to lessstack,
// and its caller is where that segment's top says. The walk ends at a
// TOPFRAME function (the bottom of every stack) or at code the table does
// not know (foreign code, except on g0 under asmcgocall, where it goes on
// with the goroutine). The last PC's function and depth are kept: a deep
// recursion repeats them.
TEXT runtime·tracewalk(SB), NOSPLIT, $64-56
	MOVQ	$0, n+48(FP)
	MOVQ	$0, lastlook-40(SP)
frame:
	MOVQ	pc+0(FP), AX
	CMPB	fault+24(FP), $0
	JNE	exact
	DECQ	AX
exact:
	MOVQ	AX, look-16(SP)
	CMPQ	AX, lastlook-40(SP)
	JEQ	known
	MOVQ	AX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	foreign
	MOVL	funcrec_flags(BX), CX
	TESTL	$TOPFRAME, CX
	JNE	done
	MOVQ	BX, f-24(SP)
	MOVQ	BX, 0(SP)
	MOVQ	look-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·funcspdelta(SB)
	MOVQ	16(SP), AX
	CMPQ	AX, $(1<<24)
	JHI	done	// no sane depth (negative ones too)
	MOVQ	AX, depth-32(SP)
	MOVQ	look-16(SP), AX
	MOVQ	AX, lastlook-40(SP)
known:
	CMPQ	skip+16(FP), $0
	JEQ	count
	DECQ	skip+16(FP)
	JMP	caller
count:
	// Frames a deadlock's report leaves out (the runtime's) are not counted.
	CMPQ	runtime·tracehide(SB), $0
	JEQ	shown
	MOVQ	f-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·showframe(SB)
	CMPB	8(SP), $0
	JEQ	caller
shown:
	MOVQ	n+48(FP), AX
	INCQ	n+48(FP)
	CMPQ	AX, from+32(FP)
	JLT	caller
	CMPQ	AX, to+40(FP)
	JGE	caller
	MOVQ	f-24(SP), BX
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_traceArgs)
	MOVQ	f-24(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	look-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	pc+0(FP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·printframepos(SB)
caller:
	// morestack ran on g0 for the goroutine whose prologue called it: go
	// on with the goroutine, from where morestack saved it.
	MOVQ	f-24(SP), BX
	LEAQ	runtime·morestack(SB), CX
	FUNCREC_PTR(funcrec_entry, BX, DX)
	CMPQ	DX, CX
	JNE	up
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_curg(AX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	(g_sched+gobuf_pc)(AX), CX
	MOVQ	CX, pc+0(FP)
	MOVQ	(g_sched+gobuf_sp)(AX), CX
	MOVQ	CX, sp+8(FP)
	MOVB	$0, fault+24(FP)
	JMP	frame
up:
	// The caller: its return address is where the depth says, and its SP
	// just above it.
	MOVQ	sp+8(FP), AX
	ADDQ	depth-32(SP), AX
	MOVQ	0(AX), CX
	LEAQ	runtime·lessstack(SB), DX
	CMPQ	CX, DX
	JNE	ret
	// f ran on a segment of its own: the segment's top, above f's
	// arguments, says where its caller's frame is.
	MOVLQSX	funcrec_args(BX), DX
	ADDQ	$7, DX
	ANDQ	$~7, DX
	LEAQ	8(AX)(DX*1), AX
	MOVQ	stktop_oldsp(AX), AX
	MOVQ	0(AX), CX
ret:
	MOVQ	CX, pc+0(FP)
	ADDQ	$8, AX
	MOVQ	AX, sp+8(FP)
	MOVB	$0, fault+24(FP)
	JMP	frame
done:
	RET
foreign:
	// Foreign code on g0, which asmcgocall called for the goroutine (in
	// the syscall state): go on with the goroutine, from where asmcgocall
	// saved it. Not when the frame is on the goroutine's own stack.
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	g_m(AX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	m_curg(AX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	g_status(AX), $const_Gsyscall
	JNE	done
	MOVQ	(g_sched+gobuf_sp)(AX), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	sp+8(FP), DX
	CMPQ	DX, (g_stack+stack_lo)(AX)
	JCS	resume
	CMPQ	DX, (g_stack+stack_hi)(AX)
	JCS	done
resume:
	MOVQ	CX, sp+8(FP)
	MOVQ	(g_sched+gobuf_pc)(AX), CX
	MOVQ	CX, pc+0(FP)
	MOVB	$0, fault+24(FP)
	JMP	frame

// tracehide, when set, makes tracebacks leave out the runtime's frames
// and goroutines (Go's GOTRACEBACK level 1, which a user's fatal error
// such as a deadlock prints at; a runtime's failure and SIGQUIT print
// everything). traceshown counts the frames showframe let through.
GLOBL runtime·tracehide(SB), NOPTR, $8
GLOBL runtime·traceshown(SB), NOPTR, $8

// The registers a signal's report ends with, when fatalhasregs is set:
// in regnames' order (Go's: rax, rbx, … r15, rip, rflags, cs, fs, gs).
GLOBL runtime·fatalregs(SB), NOPTR, $(21*8)
GLOBL runtime·fatalhasregs(SB), NOPTR, $8

// func showframe(f *funcrec) bool: whether a traceback at tracehide
// shows f, as Go decides: a name with a package (a dot), not in the
// runtime unless exported (runtime.Gosched). Counts in traceshown.
TEXT runtime·showframe(SB), NOSPLIT, $24-9
	MOVQ	f+0(FP), AX
	FUNCREC_PTR(funcrec_name, AX, SI)
dot:
	MOVBLZX	0(SI), CX
	TESTL	CX, CX
	JEQ	hidden
	INCQ	SI
	CMPL	CX, $'.'
	JNE	dot
	MOVQ	f+0(FP), AX
	FUNCREC_PTR(funcrec_name, AX, SI)
	MOVQ	SI, 0(SP)
	LEAQ	runtime·runtimeprefix(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·hasprefix(SB)
	CMPB	16(SP), $0
	JEQ	shown
	MOVQ	f+0(FP), AX
	FUNCREC_PTR(funcrec_name, AX, SI)
	MOVBLZX	8(SI), CX	// just past "runtime."
	SUBL	$'A', CX
	CMPL	CX, $('Z'-'A')
	JHI	hidden
shown:
	INCQ	runtime·traceshown(SB)
	MOVB	$1, ret+8(FP)
	RET
hidden:
	MOVB	$0, ret+8(FP)
	RET

DATA runtime·runtimeprefix+0(SB)/8, $"runtime."
GLOBL runtime·runtimeprefix(SB), RODATA|NOPTR, $9

// func hasprefix(s, prefix *byte) bool: whether the NUL-terminated s
// starts with the NUL-terminated prefix.
TEXT runtime·hasprefix(SB), NOSPLIT, $0-17
	MOVQ	s+0(FP), SI
	MOVQ	prefix+8(FP), DI
loop:
	MOVBLZX	0(DI), AX
	TESTL	AX, AX
	JEQ	yes
	MOVBLZX	0(SI), CX
	CMPL	AX, CX
	JNE	no
	INCQ	SI
	INCQ	DI
	JMP	loop
yes:
	MOVB	$1, ret+16(FP)
	RET
no:
	MOVB	$0, ret+16(FP)
	RET

// func issystemg(gp *g) bool: whether gp is one of the runtime's own
// goroutines (the one that delivers signals): it started in a runtime
// function other than runtime·main. Go's tracebacks leave these out
// unless asked for everything.
TEXT runtime·issystemg(SB), NOSPLIT, $24-9
	MOVB	$0, ret+8(FP)
	MOVQ	gp+0(FP), AX
	MOVQ	g_startpc(AX), AX
	LEAQ	runtime·main(SB), CX
	CMPQ	AX, CX
	JEQ	done
	MOVQ	AX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	done
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, 0(SP)
	LEAQ	runtime·runtimeprefix(SB), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·hasprefix(SB)
	MOVB	16(SP), AX
	MOVB	AX, ret+8(FP)
done:
	RET

// tracebackothers prints, after a fatal error's report of the goroutine
// that failed, every other goroutine as Go does: in the order they were
// made, leaving out dead ones (and, at tracehide, the runtime's). It runs
// on the dying M's system stack and takes no lock: the goroutines it
// reads may be changing on other threads (see tracebackg).
TEXT runtime·tracebackothers(SB), NOSPLIT, $32-0
	get_tls(CX)
	MOVQ	g(CX), AX
	MOVQ	g_m(AX), AX
	MOVQ	m_curg(AX), AX	// reported already, if any
	MOVQ	AX, me-8(SP)
	MOVQ	runtime·allgs(SB), AX
each:
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, gp-16(SP)
	CMPQ	AX, me-8(SP)
	JEQ	next
	CMPQ	g_status(AX), $const_Gdead
	JEQ	next
	CMPQ	runtime·tracehide(SB), $0
	JEQ	show
	MOVQ	AX, 0(SP)
	CALL	runtime·issystemg(SB)
	CMPB	8(SP), $0
	JNE	next
show:
	MOVQ	gp-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·tracebackg(SB)
next:
	MOVQ	gp-16(SP), AX
	MOVQ	g_alllink(AX), AX
	JMP	each
done:
	RET

// reportothers ends a fatal error's report, on the system stack: every
// other goroutine, then the registers, if a signal saved them.
TEXT runtime·reportothers(SB), NOSPLIT, $0-0
	CALL	runtime·tracebackothers(SB)
	CMPQ	runtime·fatalhasregs(SB), $0
	JEQ	done
	CALL	runtime·printregs(SB)
done:
	RET

DATA runtime·reportothersPC+0(SB)/8, $runtime·reportothers(SB)
GLOBL runtime·reportothersPC(SB), RODATA, $8

// func tracebackg(gp *g): one goroutine of tracebackothers: "goroutine N
// [status]:", its frames from where it stopped (its saved PC and SP, or
// where it entered a system call), and where it was started. A goroutine
// running on another thread has no stopping point to read: that is said
// instead, as Go says it. One that has not run yet shows its function.
TEXT runtime·tracebackg(SB), NOSPLIT, $64-8
	MOVQ	gp+0(FP), AX
	MOVQ	g_status(AX), CX
	MOVQ	CX, status-8(SP)
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·goroutineheader(SB)
	MOVQ	gp+0(FP), AX
	MOVQ	status-8(SP), CX
	CMPQ	CX, $const_Grunning
	JEQ	elsewhere
	MOVQ	(g_sched+gobuf_pc)(AX), BX
	MOVQ	(g_sched+gobuf_sp)(AX), DX
	CMPQ	CX, $const_Gsyscall
	JNE	stopped
	MOVQ	g_syscallpc(AX), BX
	MOVQ	g_syscallsp(AX), DX
stopped:
	TESTQ	DX, DX
	JEQ	elsewhere	// it has started running meanwhile
	LEAQ	runtime·goexit(SB), CX
	CMPQ	BX, CX
	JEQ	unstarted
	MOVQ	BX, pc-16(SP)
	MOVQ	DX, sp-24(SP)
	MOVQ	$0, runtime·traceshown(SB)
	MOVQ	BX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVB	$0, 24(SP)
	CALL	runtime·traceback(SB)
	// Every frame left out (all the runtime's): show them all, as Go does.
	CMPQ	runtime·tracehide(SB), $0
	JEQ	created
	CMPQ	runtime·traceshown(SB), $0
	JNE	created
	MOVQ	$0, runtime·tracehide(SB)
	MOVQ	pc-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	sp-24(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVB	$0, 24(SP)
	CALL	runtime·traceback(SB)
	MOVQ	$1, runtime·tracehide(SB)
	JMP	created
unstarted:
	// It starts in goexit, which calls its function: show that function,
	// at its first instruction.
	MOVQ	g_startpc(AX), AX
	MOVQ	AX, pc-16(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·findfunc(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	created
	MOVQ	BX, f-32(SP)
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_traceArgs)
	MOVQ	f-32(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·printframepos(SB)
	JMP	created
elsewhere:
	PRINTERR(str_goroutineOtherThread)
created:
	// Where it was started (not the main goroutine, which the runtime
	// starts).
	MOVQ	gp+0(FP), AX
	CMPQ	g_goid(AX), $1
	JEQ	done
	MOVQ	g_gopc(AX), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	CX, 0(SP)
	MOVQ	g_parentgoid(AX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·tracecreatedby(SB)
done:
	RET

// func goroutineheader(gp *g, status int64): "\ngoroutine N [status]:",
// the status in Go's words: running, runnable, syscall, or for a waiting
// goroutine why it waits ("chan receive"; "waiting" if it did not say).
// A goroutine in a system call that named its wait (usleep: "sleep")
// shows that name.
TEXT runtime·goroutineheader(SB), NOSPLIT, $24-16
	PRINTERR(str_goroutineOther)
	MOVQ	$2, 0(SP)
	MOVQ	gp+0(FP), AX
	MOVQ	g_goid(AX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	PRINTERR(str_goroutineStatusOpen)
	MOVQ	gp+0(FP), BX
	MOVQ	status+8(FP), CX
	LEAQ	str_statusIdle, AX
	CMPQ	CX, $const_Grunnable
	JNE	notrunnable
	LEAQ	str_statusRunnable, AX
notrunnable:
	CMPQ	CX, $const_Grunning
	JNE	notrunning
	LEAQ	str_statusRunning, AX
notrunning:
	CMPQ	CX, $const_Gsyscall
	JNE	notsyscall
	LEAQ	str_statusSyscall, AX
	JMP	reason
notsyscall:
	CMPQ	CX, $const_Gwaiting
	JNE	print
	LEAQ	str_statusWaiting, AX
reason:
	MOVQ	g_waitreason(BX), DX
	TESTQ	DX, DX
	JEQ	print
	MOVQ	DX, AX
print:
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	PRINTERR(str_goroutineStatusClose)
	RET

// func printregs(): after a blank line, the registers of fatalregs, one
// a line, as Go ends a signal's report: "rax    0x1f".
TEXT runtime·printregs(SB), NOSPLIT, $32-0
	PRINTERR(runtime·newline(SB))
	MOVQ	$0, i-8(SP)
each:
	MOVQ	i-8(SP), CX
	CMPQ	CX, $21
	JEQ	done
	LEAQ	runtime·regnames(SB), AX
	PRINTERR(0(AX)(CX*8))
	PRINTERR(str_regEquals)
	MOVQ	i-8(SP), CX
	LEAQ	runtime·fatalregs(SB), AX
	MOVQ	0(AX)(CX*8), AX
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	PRINTERR(runtime·newline(SB))
	INCQ	i-8(SP)
	JMP	each
done:
	RET

// Each register's name, padded to 7 characters and NUL-terminated.
DATA runtime·regnames+0(SB)/8, $"rax    \000"
DATA runtime·regnames+8(SB)/8, $"rbx    \000"
DATA runtime·regnames+16(SB)/8, $"rcx    \000"
DATA runtime·regnames+24(SB)/8, $"rdx    \000"
DATA runtime·regnames+32(SB)/8, $"rdi    \000"
DATA runtime·regnames+40(SB)/8, $"rsi    \000"
DATA runtime·regnames+48(SB)/8, $"rbp    \000"
DATA runtime·regnames+56(SB)/8, $"rsp    \000"
DATA runtime·regnames+64(SB)/8, $"r8     \000"
DATA runtime·regnames+72(SB)/8, $"r9     \000"
DATA runtime·regnames+80(SB)/8, $"r10    \000"
DATA runtime·regnames+88(SB)/8, $"r11    \000"
DATA runtime·regnames+96(SB)/8, $"r12    \000"
DATA runtime·regnames+104(SB)/8, $"r13    \000"
DATA runtime·regnames+112(SB)/8, $"r14    \000"
DATA runtime·regnames+120(SB)/8, $"r15    \000"
DATA runtime·regnames+128(SB)/8, $"rip    \000"
DATA runtime·regnames+136(SB)/8, $"rflags \000"
DATA runtime·regnames+144(SB)/8, $"cs     \000"
DATA runtime·regnames+152(SB)/8, $"fs     \000"
DATA runtime·regnames+160(SB)/8, $"gs     \000"
GLOBL runtime·regnames(SB), RODATA|NOPTR, $(21*8)

// func printerr(s *byte): write the NUL-terminated s to standard error.
TEXT runtime·printerr(SB), NOSPLIT, $24-8
	MOVQ	s+0(FP), SI
	MOVQ	SI, DI
len:
	CMPB	0(DI), $0
	JEQ	counted
	INCQ	DI
	JMP	len
counted:
	SUBQ	SI, DI
	MOVQ	$2, 0(SP)
	MOVQ	SI, 8(SP)
	MOVQ	DI, 16(SP)
	CALL	runtime·writeall(SB)
	RET

TEXT_MARK(runtime·printEtext)
