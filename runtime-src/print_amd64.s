// Printing for programs and for fatal errors. Each call is one write, so
// output from different threads does not interleave within a call.

#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

// printText and printEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·printText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

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
	CALL	runtime·write(SB)
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
	LEAQ	str_fatalError, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	CALL	runtime·fatalexit(SB)
	RET

// func throwerrno(s *byte, errno int64): a fatal error for a system call
// that failed: "fatal error: s (errno N)", N the error number (errno may
// be given as the kernel returns it, negative).
TEXT runtime·throwerrno(SB), NOSPLIT, $16-16
	LEAQ	str_fatalError, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	LEAQ	str_errnoOpen, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	errno+8(FP), AX
	TESTQ	AX, AX
	JGE	positive
	NEGQ	AX
positive:
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	str_errnoClose, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	CALL	runtime·fatalexit(SB)
	RET

// func fatalexit(): end a fatal error message with the goroutine that was
// running, if any, and a traceback of its stack, and exit with status 2.
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
	MOVQ	g_goid(AX), AX
	MOVQ	AX, id-8(SP)
	LEAQ	str_goroutineHeader, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	id-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	str_goroutineRunning, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	// The frames, from where the failure was (a signal handler said) or
	// else from this function's caller, on the system stack: the
	// goroutine's may have no room left.
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
	LEAQ	runtime·newline(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
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
	LEAQ	str_traceCreatedBy, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	f-8(SP), BX
	MOVQ	funcrec_name(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	LEAQ	str_traceInGoroutine, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	goid+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	runtime·newline(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
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
	LEAQ	str_traceTab, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
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
	LEAQ	str_traceColon, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	line-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	str_traceOffset, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	MOVQ	$2, 0(SP)
	MOVQ	pc+16(FP), AX
	MOVQ	f+0(FP), BX
	SUBQ	funcrec_entry(BX), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprinthex(SB)
	LEAQ	runtime·newline(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	RET

// tracebackfatal runs traceback from fatalpc and fatalsp, on g0.
TEXT runtime·tracebackfatal(SB), NOSPLIT, $32-0
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
	RET

DATA runtime·tracebackfatalPC+0(SB)/8, $runtime·tracebackfatal(SB)
GLOBL runtime·tracebackfatalPC(SB), RODATA, $8

// func traceback(pc, sp uintptr, skip int64, fault bool): print the frames
// of the stack at pc and sp, innermost first, as Go prints them:
// "main.f(...)", then a tab, the file, the line and the offset in the
// function. Each frame's return address is where the function table's SP
// depth at its PC says; the walk ends at a TOPFRAME function (the bottom
// of every stack), at code the table does not know (foreign code, except
// on g0 under asmcgocall, where it goes on with the goroutine), or after
// 100 frames. fault says pc is a faulting instruction's, not a
// return address, whose line is the CALL's just before it.
TEXT runtime·traceback(SB), NOSPLIT, $64-25
	MOVQ	$0, n-8(SP)
frame:
	MOVQ	pc+0(FP), AX
	CMPB	fault+24(FP), $0
	JNE	exact
	DECQ	AX
exact:
	MOVQ	AX, look-16(SP)
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
	CMPQ	skip+16(FP), $0
	JEQ	print
	DECQ	skip+16(FP)
	JMP	caller
print:
	CMPQ	n-8(SP), $100
	JEQ	elided
	INCQ	n-8(SP)
	MOVQ	f-24(SP), BX
	MOVQ	funcrec_name(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
	LEAQ	str_traceArgs, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
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
	CMPQ	funcrec_entry(BX), CX
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
	MOVQ	CX, pc+0(FP)
	ADDQ	$8, AX
	MOVQ	AX, sp+8(FP)
	MOVB	$0, fault+24(FP)
	JMP	frame
elided:
	LEAQ	str_traceElided, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printerr(SB)
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

TEXT runtime·printEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
