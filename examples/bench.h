// The report every micro-benchmark example ends with.

// main·report(ns, ops int64, name *byte, n int64) prints
// "name ops ns/op": the n-byte name, the operation count, and the
// nanoseconds per operation.
TEXT main·report(SB), NOSPLIT, $24-32
	MOVQ	name+16(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	n+24(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·printstring(SB)
	LEAQ	space<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	ops+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	space<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	ns+0(FP), AX
	MOVQ	$0, DX
	DIVQ	ops+8(FP)
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA space<>+0(SB)/1, $" "
GLOBL space<>(SB), RODATA|NOPTR, $1
