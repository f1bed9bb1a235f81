// gcsurvive: live lists survive heavy churn. A list of K nodes is reachable
// only through an interior pointer (head+8) in a NOPTR global, set by a
// goroutine that has exited since; each of four workers keeps its own list
// only in a slot of its stack frame. Main and the workers allocate ROUNDS ×
// CHURN 64-byte garbage blocks each (pointing at themselves), checking
// the lists after every round. Prints "ok".

#include "textflag.h"
#include "test.h"

#define K	2000
#define CHURN	100000
#define ROUNDS	10
#define MAGIC	0x5a5a

GLOBL main·glist(SB), NOPTR, $8
GLOBL main·wg(SB), NOPTR, $16
GLOBL main·built(SB), NOPTR, $16

// func build(n int64) *node: n nodes {next, i, i*3+MAGIC, 0}, the last
// made first in the list.
TEXT main·build(SB), $32-16
	MOVQ	$0, head-8(SP)
	MOVQ	$0, i-16(SP)
loop:
	MOVQ	i-16(SP), AX
	CMPQ	AX, n+0(FP)
	JGE	done
	MOVQ	$32, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	head-8(SP), AX
	MOVQ	AX, 0(DI)
	MOVQ	i-16(SP), AX
	MOVQ	AX, 8(DI)
	IMULQ	$3, AX
	ADDQ	$MAGIC, AX
	MOVQ	AX, 16(DI)
	MOVQ	DI, head-8(SP)
	INCQ	i-16(SP)
	JMP	loop
done:
	MOVQ	head-8(SP), AX
	MOVQ	AX, ret+8(FP)
	MOVQ	$0, head-8(SP)
	RET

// func check(head *node, n int64): a fatal error unless head is the list
// build(n) made.
TEXT main·check(SB), $8-16
	MOVQ	head+0(FP), SI
	MOVQ	n+8(FP), CX
loop:
	DECQ	CX
	JLT	end
	TESTQ	SI, SI
	JEQ	bad
	CMPQ	8(SI), CX
	JNE	bad
	MOVQ	CX, AX
	IMULQ	$3, AX
	ADDQ	$MAGIC, AX
	CMPQ	16(SI), AX
	JNE	bad
	MOVQ	0(SI), SI
	JMP	loop
end:
	TESTQ	SI, SI
	JNE	bad
	RET
bad:
	LEAQ	broken<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func churn(n int64): n garbage blocks, each pointing at itself and
// inside itself.
TEXT main·churn(SB), $32-8
	MOVQ	n+0(FP), AX
	MOVQ	AX, i-8(SP)
loop:
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	DI, 0(DI)
	LEAQ	40(DI), AX
	MOVQ	AX, 8(DI)
	MOVQ	i-8(SP), AX
	MOVQ	AX, 56(DI)
	DECQ	i-8(SP)
	JNE	loop
	MOVQ	$0, 8(SP)
	RET

// builder: the global list, then exit (its stack is gone).
TEXT main·builder(SB), $16-0
	MOVQ	$K, 0(SP)
	CALL	main·build(SB)
	MOVQ	8(SP), AX
	ADDQ	$8, AX
	MOVQ	AX, main·glist(SB)
	MOVQ	$0, 8(SP)
	LEAQ	main·built(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET

// worker: its list only in its frame (list-32(SP)).
TEXT main·worker(SB), $56-0
	MOVQ	$K, 0(SP)
	CALL	main·build(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, list-32(SP)
	MOVQ	$0, 8(SP)
	MOVQ	$ROUNDS, r-40(SP)
round:
	MOVQ	$CHURN, 0(SP)
	CALL	main·churn(SB)
	MOVQ	list-32(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$K, 8(SP)
	CALL	main·check(SB)
	MOVQ	$0, 0(SP)
	DECQ	r-40(SP)
	JNE	round
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET

// func checkglobal()
TEXT main·checkglobal(SB), $16-0
	MOVQ	main·glist(SB), AX
	SUBQ	$8, AX
	MOVQ	AX, 0(SP)
	MOVQ	$K, 8(SP)
	CALL	main·check(SB)
	MOVQ	$0, 0(SP)
	RET

DATA builderfv<>+0(SB)/8, $main·builder(SB)
GLOBL builderfv<>(SB), RODATA, $8
DATA workerfv<>+0(SB)/8, $main·worker(SB)
GLOBL workerfv<>(SB), RODATA, $8

TEXT main·main(SB), $24-0
	LEAQ	main·built(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·wgAdd(SB)
	GO(builderfv<>(SB))
	LEAQ	main·built(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)

	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$4, 8(SP)
	CALL	runtime·wgAdd(SB)
	MOVQ	$4, n-8(SP)
spawn:
	GO(workerfv<>(SB))
	DECQ	n-8(SP)
	JNE	spawn

	MOVQ	$ROUNDS, n-8(SP)
round:
	MOVQ	$CHURN, 0(SP)
	CALL	main·churn(SB)
	CALL	main·checkglobal(SB)
	DECQ	n-8(SP)
	JNE	round
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)
	CALL	runtime·GC(SB)
	CALL	main·checkglobal(SB)
	PRINT_STRING(ok<>(SB), 3)
	RET

DATA broken<>+0(SB)/8, $"list bro"
DATA broken<>+8(SB)/8, $"ken\x00\x00\x00\x00\x00"
GLOBL broken<>(SB), RODATA|NOPTR, $16
DATA ok<>+0(SB)/3, $"ok\n"
GLOBL ok<>(SB), RODATA|NOPTR, $3
