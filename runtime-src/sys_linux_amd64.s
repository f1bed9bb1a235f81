// System calls on linux/amd64. Arguments and results are on the stack
// (Go's ABI0); the kernel takes them in DI, SI, DX, R10, R8, R9 and the
// call number in AX, and returns -errno in AX on failure.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"

#define SYS_write	1
#define SYS_mmap	9
#define SYS_mprotect	10
#define SYS_munmap	11
#define SYS_madvise	28
#define SYS_sched_yield	24
#define SYS_nanosleep	35
#define SYS_getpid	39
#define SYS_clone	56
#define SYS_exit	60
#define SYS_arch_prctl	158
#define SYS_gettid	186
#define SYS_futex	202
#define SYS_sched_getaffinity	204
#define SYS_clock_gettime	228
#define SYS_exit_group	231

#define ARCH_SET_FS	0x1002
#define CLOCK_MONOTONIC	1
#define FUTEX_WAIT_PRIVATE	128

// sysText and sysEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·sysText)

// func write1(fd uintptr, p unsafe.Pointer, n int32) int32: one write
// system call (retried on EINTR), needing no P: the runtime's own output
// (prints, fatal errors, schedtrace on sysmon). The bytes written, or
// -errno. A broken pipe is -32 (EPIPE), except on standard output and
// error, where the program dies of SIGPIPE as a Go program does (unless it
// asked for SIGPIPE with signalNotify).
TEXT runtime·write1(SB), NOSPLIT, $0-28
again:
	MOVQ	fd+0(FP), DI
	MOVQ	p+8(FP), SI
	MOVL	n+16(FP), DX
	MOVL	$SYS_write, AX
	SYSCALL
	CMPQ	AX, $-4	// EINTR
	JEQ	again
	MOVL	AX, ret+24(FP)
	CMPQ	AX, $-32	// EPIPE
	JNE	done
	CMPQ	fd+0(FP), $1
	JEQ	sigpipe
	CMPQ	fd+0(FP), $2
	JNE	done
sigpipe:
	CALL	runtime·sigpipe(SB)
done:
	RET

// func exit(code int32): ends the process.
TEXT runtime·exit(SB), NOSPLIT, $0-4
	MOVL	code+0(FP), DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	RET

// func exitThread(): ends the calling thread only.
TEXT runtime·exitThread(SB), NOSPLIT, $0-0
	MOVL	$0, DI
	MOVL	$SYS_exit, AX
	SYSCALL
	INT	$3

// func mmap(addr unsafe.Pointer, n uintptr, prot, flags int32) unsafe.Pointer
// Returns 0 on failure. Anonymous private mappings only (fd -1, offset 0).
TEXT runtime·mmap(SB), NOSPLIT, $0-32
	MOVQ	addr+0(FP), DI
	MOVQ	n+8(FP), SI
	MOVL	prot+16(FP), DX
	MOVL	flags+20(FP), R10
	MOVQ	$-1, R8
	MOVQ	$0, R9
	MOVL	$SYS_mmap, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	ok
	MOVQ	$0, AX
ok:
	MOVQ	AX, ret+24(FP)
	RET

// func munmap(addr unsafe.Pointer, n uintptr) int32
TEXT runtime·munmap(SB), NOSPLIT, $0-20
	MOVQ	addr+0(FP), DI
	MOVQ	n+8(FP), SI
	MOVL	$SYS_munmap, AX
	SYSCALL
	MOVL	AX, ret+16(FP)
	RET

// func madvise(addr unsafe.Pointer, n uintptr, advice int32) int32
TEXT runtime·madvise(SB), NOSPLIT, $0-28
	MOVQ	addr+0(FP), DI
	MOVQ	n+8(FP), SI
	MOVL	advice+16(FP), DX
	MOVL	$SYS_madvise, AX
	SYSCALL
	MOVL	AX, ret+24(FP)
	RET

// func mprotect(addr unsafe.Pointer, n uintptr, prot int32) int32
TEXT runtime·mprotect(SB), NOSPLIT, $0-28
	MOVQ	addr+0(FP), DI
	MOVQ	n+8(FP), SI
	MOVL	prot+16(FP), DX
	MOVL	$SYS_mprotect, AX
	SYSCALL
	MOVL	AX, ret+24(FP)
	RET

// func futex(addr unsafe.Pointer, op int32, val uint32, ts unsafe.Pointer) int32
TEXT runtime·futex(SB), NOSPLIT, $0-28
	MOVQ	addr+0(FP), DI
	MOVL	op+8(FP), SI
	MOVL	val+12(FP), DX
	MOVQ	ts+16(FP), R10
	MOVQ	$0, R8
	MOVQ	$0, R9
	MOVL	$SYS_futex, AX
	SYSCALL
	MOVL	AX, ret+24(FP)
	RET

// func clone(flags int32, stk, mp, gp, fn unsafe.Pointer) int32
// In the new thread, on stack stk: set up TLS for mp, make gp (mp's g0)
// the current g, and call fn, which must not return.
TEXT runtime·clone(SB), NOSPLIT, $0-44
	MOVL	flags+0(FP), DI
	MOVQ	stk+8(FP), SI
	MOVQ	$0, DX
	MOVQ	$0, R10
	MOVQ	$0, R8
	// The kernel keeps these registers across the call in both threads.
	MOVQ	mp+16(FP), R13
	MOVQ	gp+24(FP), R9
	MOVQ	fn+32(FP), R12
	MOVL	$SYS_clone, AX
	SYSCALL
	CMPQ	AX, $0
	JEQ	child
	MOVL	AX, ret+40(FP)
	RET
child:
	// New thread, new stack, no g yet.
	MOVL	$SYS_gettid, AX
	SYSCALL
	MOVQ	AX, m_procid(R13)
	LEAQ	m_tls(R13), DI
	CALL	runtime·settls(SB)
	get_tls(CX)
	MOVQ	R9, g(CX)
	MOVQ	R13, g_m(R9)
	CALL	R12
	CALL	runtime·exitThread(SB)
	INT	$3

// settls makes DI the start of the thread's TLS slots: FS points just past
// the first slot, where the linker's offset for runtime·tlsg (-8) finds it.
// Called with DI set, not through the stack; keeps R9, R12 and R13.
TEXT runtime·settls(SB), NOSPLIT, $0
	ADDQ	$8, DI
	MOVQ	DI, SI
	MOVQ	$ARCH_SET_FS, DI
	MOVQ	$SYS_arch_prctl, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	ok
	CALL	runtime·abort(SB)
ok:
	RET

// func gettid() int64
TEXT runtime·gettid(SB), NOSPLIT, $0-8
	MOVL	$SYS_gettid, AX
	SYSCALL
	MOVQ	AX, ret+0(FP)
	RET

// func sched_getaffinity(pid, n uintptr, buf unsafe.Pointer) int32
TEXT runtime·sched_getaffinity(SB), NOSPLIT, $0-28
	MOVQ	pid+0(FP), DI
	MOVQ	n+8(FP), SI
	MOVQ	buf+16(FP), DX
	MOVL	$SYS_sched_getaffinity, AX
	SYSCALL
	MOVL	AX, ret+24(FP)
	RET

// func nanotime() int64: monotonic time in nanoseconds, from the vDSO's
// clock_gettime when osinit found it (no system call), else from the
// system call. The vDSO is System V code without stack checks: a
// goroutine calls it on its M's g0 stack (whose SP is where the M left
// it; the goroutine's own segment may have little room), while code
// already on g0 or on the signal stack, or without a g, calls it where it
// is. The g stays the goroutine (a signal handler that interrupts the call
// sees a g running off its stack, which it neither preempts nor walks).
// SP goes back whole from R12, which System V code preserves; every other
// register may change, as across any call.
TEXT runtime·nanotime(SB), NOSPLIT, $16-8
	MOVQ	runtime·vdsoClockGettime(SB), AX
	TESTQ	AX, AX
	JEQ	syscall
	MOVQ	SP, R12
	MOVQ	SP, R13	// where to call from
	get_tls(CX)
	MOVQ	g(CX), DX
	TESTQ	DX, DX
	JEQ	call
	MOVQ	g_m(DX), BX
	TESTQ	BX, BX
	JEQ	call
	CMPQ	DX, m_g0(BX)
	JEQ	call
	MOVQ	m_sigstack(BX), SI
	TESTQ	SI, SI
	JEQ	g0
	CMPQ	SP, SI
	JCS	g0
	ADDQ	$const_sigStackSize, SI
	CMPQ	SP, SI
	JCS	call
g0:
	MOVQ	m_g0(BX), SI
	MOVQ	(g_sched+gobuf_sp)(SI), R13
call:
	// A timespec below, 16-byte aligned for the call.
	SUBQ	$16, R13
	ANDQ	$~15, R13
	MOVL	$CLOCK_MONOTONIC, DI
	MOVQ	R13, SI
	MOVQ	R13, SP
	CALL	AX
	MOVQ	0(SP), AX	// seconds
	MOVQ	8(SP), DX	// nanoseconds
	MOVQ	R12, SP
	IMULQ	$1000000000, AX
	ADDQ	DX, AX
	MOVQ	AX, ret+0(FP)
	RET
syscall:
	MOVL	$CLOCK_MONOTONIC, DI
	LEAQ	0(SP), SI
	MOVL	$SYS_clock_gettime, AX
	SYSCALL
	MOVQ	0(SP), AX	// seconds
	IMULQ	$1000000000, AX
	ADDQ	8(SP), AX	// nanoseconds
	MOVQ	AX, ret+0(FP)
	RET

// func osusleep(us uint32): sleep in the kernel, holding on to the P.
// A signal (SIGURG) cuts nanosleep short: sleep again for what remains.
TEXT runtime·osusleep(SB), NOSPLIT, $16-4
	MOVL	us+0(FP), AX
	MOVL	$0, DX
	MOVL	$1000000, CX
	DIVL	CX
	MOVQ	AX, 0(SP)	// seconds
	IMULL	$1000, DX
	MOVQ	DX, 8(SP)	// nanoseconds
again:
	LEAQ	0(SP), DI
	LEAQ	0(SP), SI	// the time left, if interrupted
	MOVL	$SYS_nanosleep, AX
	SYSCALL
	CMPQ	AX, $-4	// EINTR
	JEQ	again
	RET

// func osidle(n *note, until int64): the idle M's wait (stopm): sleep on
// n until it is woken or poked, or until nanotime reaches until. Returns
// early on a signal (EINTR) too: the caller looks at the time and the note
// again either way.
TEXT runtime·osidle(SB), NOSPLIT, $32-16
	CALL	runtime·nanotime(SB)
	MOVQ	until+8(FP), AX
	SUBQ	0(SP), AX
	JLE	done
	MOVQ	$0, DX
	MOVQ	$1000000000, CX
	DIVQ	CX
	MOVQ	AX, ts-16(SP)	// seconds
	MOVQ	DX, ts-8(SP)	// nanoseconds
	MOVQ	n+0(FP), DI
	MOVL	$FUTEX_WAIT_PRIVATE, SI
	MOVL	$0, DX
	LEAQ	ts-16(SP), R10
	MOVQ	$0, R8
	MOVQ	$0, R9
	MOVL	$SYS_futex, AX
	SYSCALL
done:
	RET

// func osyield()
TEXT runtime·osyield(SB), NOSPLIT, $0
	MOVL	$SYS_sched_yield, AX
	SYSCALL
	RET

TEXT_MARK(runtime·sysEtext)
