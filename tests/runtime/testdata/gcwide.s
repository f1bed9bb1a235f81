// gcwide: one block holds the only pointers to N small blocks (each with
// a child), so marking it pushes N blocks at once: more than a small mark
// stack holds (P9DEBUG=gcmarkstack=4096 has room for 256). Main allocates 256 MB of
// garbage, checking every block after each round. Prints "ok".

#include "textflag.h"
#include "test.h"

#define N	100000
#define CHURN	1000000
#define ROUNDS	4
#define MAGIC	0x5a5a

GLOBL main·table(SB), NOPTR, $8

// func fill(): table = N slots, slot i a 32-byte block {i, child}, the
// child a 16-byte block {i*3+MAGIC}: a slot block the collector marks but
// never scans would let its child be freed.
TEXT main·fill(SB), $32-0
	MOVQ	$(N*8), 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·table(SB)
	MOVQ	$0, i-8(SP)
loop:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	i-8(SP), AX
	IMULQ	$3, AX
	ADDQ	$MAGIC, AX
	MOVQ	AX, 0(DI)
	MOVQ	DI, child-16(SP)
	MOVQ	$32, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	i-8(SP), AX
	MOVQ	AX, 0(DI)
	MOVQ	child-16(SP), AX
	MOVQ	AX, 8(DI)
	MOVQ	$0, child-16(SP)
	MOVQ	main·table(SB), SI
	MOVQ	i-8(SP), AX
	MOVQ	DI, (SI)(AX*8)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $N
	JLT	loop
	MOVQ	$0, 8(SP)
	RET

// func verify(): a fatal error unless every slot holds its blocks intact.
TEXT main·verify(SB), $8-0
	MOVQ	main·table(SB), SI
	MOVQ	$0, CX
loop:
	MOVQ	(SI)(CX*8), DI
	CMPQ	0(DI), CX
	JNE	bad
	MOVQ	8(DI), DI
	MOVQ	CX, AX
	IMULQ	$3, AX
	ADDQ	$MAGIC, AX
	CMPQ	0(DI), AX
	JNE	bad
	INCQ	CX
	CMPQ	CX, $N
	JLT	loop
	RET
bad:
	LEAQ	broken<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func churn(n int64): n 64-byte garbage blocks.
TEXT main·churn(SB), $24-8
	MOVQ	n+0(FP), AX
	MOVQ	AX, i-8(SP)
loop:
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	DI, 0(DI)
	DECQ	i-8(SP)
	JNE	loop
	MOVQ	$0, 8(SP)
	RET

TEXT main·main(SB), $16-0
	CALL	main·fill(SB)
	MOVQ	$ROUNDS, n-8(SP)
round:
	MOVQ	$CHURN, 0(SP)
	CALL	main·churn(SB)
	CALL	main·verify(SB)
	DECQ	n-8(SP)
	JNE	round
	CALL	runtime·GC(SB)
	CALL	main·verify(SB)
	PRINT_STRING(ok<>(SB), 3)
	RET

DATA broken<>+0(SB)/8, $"table br"
DATA broken<>+8(SB)/8, $"oken\x00\x00\x00\x00"
GLOBL broken<>(SB), RODATA|NOPTR, $16
DATA ok<>+0(SB)/3, $"ok\n"
GLOBL ok<>(SB), RODATA|NOPTR, $3
