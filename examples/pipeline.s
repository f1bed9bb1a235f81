// pipeline: a chain of 100 goroutines connected by buffered channels.
// A feeder sends 1..10,000 into the first channel; each stage adds one and
// passes the value on; main sums what leaves the last stage:
// (1 + ... + 10000) + 10000*100 = 51005000.
//
//	p9ld -o pipeline examples/pipeline.s && ./pipeline

#include "textflag.h"

#define STAGES	100
#define VALUES	10000
#define BUF	16

// chans[i] feeds stage i; chans[STAGES] comes out of the last stage.
GLOBL main·chans(SB), NOPTR, $((STAGES+1)*8)

TEXT main·main(SB), NOSPLIT, $48-0
	MOVQ	$0, i-8(SP)
mk:
	MOVQ	$8, 0(SP)
	MOVQ	$BUF, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	i-8(SP), CX
	LEAQ	main·chans(SB), DX
	MOVQ	AX, 0(DX)(CX*8)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $(STAGES+1)
	JLT	mk

	// Stage closures: {fn, in, out}.
	MOVQ	$0, i-8(SP)
stages:
	MOVQ	$24, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·stage(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	i-8(SP), CX
	LEAQ	main·chans(SB), DX
	MOVQ	0(DX)(CX*8), BX
	MOVQ	BX, 8(AX)
	MOVQ	8(DX)(CX*8), BX
	MOVQ	BX, 16(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $STAGES
	JLT	stages

	LEAQ	main·feederfn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)

	MOVQ	$0, sum-16(SP)
	MOVQ	$VALUES, i-8(SP)
collect:
	MOVQ	main·chans+(STAGES*8)(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	v-24(SP), AX
	ADDQ	AX, sum-16(SP)
	DECQ	i-8(SP)
	JNE	collect

	LEAQ	label<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$13, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	sum-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA label<>+0(SB)/8, $"pipeline"
DATA label<>+8(SB)/5, $" sum="
GLOBL label<>(SB), RODATA|NOPTR, $13

// stage: receive from in, add one, send to out, until in is closed; then
// close out.
TEXT main·stage(SB), NOSPLIT, $48-0
	MOVQ	8(DX), AX
	MOVQ	AX, in-8(SP)
	MOVQ	16(DX), AX
	MOVQ	AX, out-16(SP)
loop:
	MOVQ	in-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv2(SB)
	CMPB	16(SP), $0
	JEQ	closed
	INCQ	v-24(SP)
	MOVQ	out-16(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	JMP	loop
closed:
	MOVQ	out-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET

DATA main·feederfn+0(SB)/8, $main·feeder(SB)
GLOBL main·feederfn(SB), RODATA, $8

// feeder sends 1..VALUES into the first stage, then closes it.
TEXT main·feeder(SB), NOSPLIT, $32-0
	MOVQ	$1, v-8(SP)
loop:
	MOVQ	main·chans(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	v-8(SP)
	CMPQ	v-8(SP), $VALUES
	JLE	loop
	MOVQ	main·chans(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET
