// The network poller's entry points on a bare machine, which has no
// network: the poller is never in use (netpollinited stays 0, so the
// scheduler never polls), pollOpen, read and syscall6 fail with ENOSYS,
// and write is the serial port's write1.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"

#define ENOSYS	38

// pollText and pollEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·pollText)

// func pollOpen(fd int64) (pd unsafe.Pointer, errno int64)
TEXT runtime·pollOpen(SB), NOSPLIT, $0-24
	MOVQ	$0, pd+8(FP)
	MOVQ	$ENOSYS, errno+16(FP)
	RET

// func pollWait(pd unsafe.Pointer, mode int64) (errno int64)
TEXT runtime·pollWait(SB), NOSPLIT, $0-24
	MOVQ	$ENOSYS, errno+16(FP)
	RET

// func pollClose(pd unsafe.Pointer)
TEXT runtime·pollClose(SB), NOSPLIT, $0-8
	RET

// func pollSetDeadline(pd unsafe.Pointer, d int64, mode int64)
TEXT runtime·pollSetDeadline(SB), NOSPLIT, $0-24
	RET

// func read(fd int32, p unsafe.Pointer, n int32) int32
TEXT runtime·read(SB), NOSPLIT, $0-28
	MOVL	$-ENOSYS, ret+24(FP)
	RET

// func write(fd uintptr, p unsafe.Pointer, n int32) int32
TEXT runtime·write(SB), NOSPLIT, $0-28
	JMP	runtime·write1(SB)

// func syscall6(num, a1, a2, a3, a4, a5, a6 int64) (r1, errno int64)
TEXT runtime·syscall6(SB), NOSPLIT, $0-72
	MOVQ	$-1, r1+56(FP)
	MOVQ	$ENOSYS, errno+64(FP)
	RET

// func netpoll(until int64) (gp *g, n int64): nothing is ever ready.
TEXT runtime·netpoll(SB), NOSPLIT, $0-24
	MOVQ	$0, gp+8(FP)
	MOVQ	$0, n+16(FP)
	RET

// func netpollBreak()
TEXT runtime·netpollBreak(SB), NOSPLIT, $0-0
	RET

GLOBL runtime·netpollinited(SB), NOPTR, $8

TEXT_MARK(runtime·pollEtext)
