// System calls on linux/amd64. Arguments and results are on the stack
// (Go's ABI0); the kernel takes them in DI, SI, DX, R10, R8, R9 and the
// call number in AX.

#include "textflag.h"

#define SYS_write	1
#define SYS_arch_prctl	158
#define SYS_exit_group	231

#define ARCH_SET_FS	0x1002

// func write(fd uintptr, p unsafe.Pointer, n int32) int32
TEXT runtime·write(SB), NOSPLIT, $0-28
	MOVQ	fd+0(FP), DI
	MOVQ	p+8(FP), SI
	MOVL	n+16(FP), DX
	MOVL	$SYS_write, AX
	SYSCALL
	MOVL	AX, ret+24(FP)
	RET

// func exit(code int32)
TEXT runtime·exit(SB), NOSPLIT, $0-4
	MOVL	code+0(FP), DI
	MOVL	$SYS_exit_group, AX
	SYSCALL
	RET

// settls makes DI the start of the thread's TLS slots: FS points just past
// the first slot, where the linker's offset for runtime·tlsg (-8) finds it.
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
