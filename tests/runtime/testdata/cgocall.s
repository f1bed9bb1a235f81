// cgocall: goroutines call the C functions of cgocall.c through
// runtime·asmcgocall, which runs them on the M's g0 stack and leaves the P
// as a system call does. Prints one line per check:
//
//	big 16136      cgo_bigstack(16): 132 KiB of C stack, from a goroutine
//	align 0        the C function's frame is 16-byte aligned
//	fill 720       8 goroutines, 20 calls each of cgo_fill(id), at once
//	sleep 50       cgo_sleep(50) blocked in the kernel for 50 ms
//	others ran 1   another goroutine ran while one waited in C, on one P
//	               too (0: the C call kept the P for 5 s)
//	g0 16136 0     the same from g0 (through systemstack): called in place

#include "textflag.h"
#include "test.h"

GLOBL main·ch(SB), NOPTR, $8
GLOBL main·inC(SB), NOPTR, $8
GLOBL main·ranWhileInC(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8
GLOBL main·g0big(SB), NOPTR, $8
GLOBL main·g0align(SB), NOPTR, $8

DATA main·sBig+0(SB)/8, $"big "
GLOBL main·sBig(SB), RODATA, $8
DATA main·sAlign+0(SB)/8, $"align "
GLOBL main·sAlign(SB), RODATA, $8
DATA main·sFill+0(SB)/8, $"fill "
GLOBL main·sFill(SB), RODATA, $8
DATA main·sSleep+0(SB)/8, $"sleep "
GLOBL main·sSleep(SB), RODATA, $8
DATA main·sOthers+0(SB)/8, $"others r"
DATA main·sOthers+8(SB)/8, $"an "
GLOBL main·sOthers(SB), RODATA, $16
DATA main·sG0+0(SB)/8, $"g0 "
GLOBL main·sG0(SB), RODATA, $8
DATA main·sSpace+0(SB)/8, $" "
GLOBL main·sSpace(SB), RODATA, $8

TEXT main·main(SB), $40-0
	MAKECHAN($0)
	MOVQ	AX, main·ch(SB)

	// A lot of C stack, from a goroutine.
	GO(main·bigfn(SB))
	CALL	main·recv(SB)
	MOVQ	AX, CX
	LEAQ	main·sBig(SB), AX
	MOVQ	$4, BX
	CALL	main·show(SB)

	// Alignment at the call.
	GO(main·alignfn(SB))
	CALL	main·recv(SB)
	MOVQ	AX, CX
	LEAQ	main·sAlign(SB), AX
	MOVQ	$6, BX
	CALL	main·show(SB)

	// Eight goroutines in C at once, each with a funcval {fill, id}.
	MOVQ	$1, i-8(SP)
start:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·fill(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	i-8(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $8
	JLE	start
	MOVQ	$0, sum-16(SP)
	MOVQ	$0, i-8(SP)
collect:
	CALL	main·recv(SB)
	ADDQ	AX, sum-16(SP)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $8
	JLT	collect
	MOVQ	sum-16(SP), CX
	LEAQ	main·sFill(SB), AX
	MOVQ	$5, BX
	CALL	main·show(SB)

	// A C call blocked in the kernel while another goroutine runs.
	GO(main·spinnerfn(SB))
	GO(main·sleeperfn(SB))
	CALL	main·recv(SB)
	MOVQ	AX, CX
	LEAQ	main·sSleep(SB), AX
	MOVQ	$6, BX
	CALL	main·show(SB)
	MOVQ	main·ranWhileInC(SB), CX
	LEAQ	main·sOthers(SB), AX
	MOVQ	$11, BX
	CALL	main·show(SB)

	// From g0: asmcgocall calls in place.
	LEAQ	main·ong0fn(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	PRINT_STRING(main·sG0(SB), 3)
	PRINT_INT(main·g0big(SB))
	MOVQ	main·g0align(SB), CX
	LEAQ	main·sSpace(SB), AX
	MOVQ	$1, BX
	CALL	main·show(SB)
	RET

// recv returns in AX the next value sent on ch.
TEXT main·recv(SB), $24-0
	CHANRECV(main·ch(SB), v-8(SP))
	MOVQ	v-8(SP), AX
	RET

// Helpers that take arguments in registers are NOSPLIT: a stack-split
// prologue may call morestack (a preemption request), which keeps only DX.

// send sends AX on ch.
TEXT main·send(SB), NOSPLIT, $24-0
	MOVQ	AX, v-8(SP)
	CHANSEND(main·ch(SB), v-8(SP))
	RET

// show prints the BX bytes at AX, the number in CX and a newline.
TEXT main·show(SB), NOSPLIT, $24-0
	MOVQ	CX, v-8(SP)
	MOVQ	AX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·printstring(SB)
	PRINT_INT(v-8(SP))
	CALL	runtime·printnl(SB)
	RET

// cgocall calls the C function at AX with BX and returns its result, sign
// extended, in AX.
TEXT main·cgocall(SB), NOSPLIT, $24-0
	MOVQ	AX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·asmcgocall(SB)
	MOVLQSX	16(SP), AX
	RET

TEXT main·big(SB), $0-0
	LEAQ	cgo_bigstack(SB), AX
	MOVQ	$16, BX
	CALL	main·cgocall(SB)
	CALL	main·send(SB)
	RET

TEXT main·align(SB), $0-0
	LEAQ	cgo_align(SB), AX
	MOVQ	$0, BX
	CALL	main·cgocall(SB)
	CALL	main·send(SB)
	RET

// fill calls cgo_fill(id) 20 times and sends the sum of the results; id
// is in its funcval, after the code pointer.
TEXT main·fill(SB), $24-0
	MOVQ	8(DX), AX
	MOVQ	AX, id-8(SP)
	MOVQ	$0, sum-16(SP)
	MOVQ	$20, CX
again:
	MOVQ	CX, n-24(SP)
	LEAQ	cgo_fill(SB), AX
	MOVQ	id-8(SP), BX
	CALL	main·cgocall(SB)
	ADDQ	AX, sum-16(SP)
	MOVQ	n-24(SP), CX
	DECQ	CX
	JNE	again
	MOVQ	sum-16(SP), AX
	CALL	main·send(SB)
	RET

// sleeper spends 50 ms in cgo_sleep, then waits in cgo_wait, with inC
// set, until the spinner sees it there (or 5 s pass).
TEXT main·sleeper(SB), $8-0
	LEAQ	cgo_sleep(SB), AX
	MOVQ	$50, BX
	CALL	main·cgocall(SB)
	MOVQ	AX, slept-8(SP)
	MOVQ	$1, main·inC(SB)
	LEAQ	cgo_wait(SB), AX
	MOVQ	$5000, BX
	CALL	main·cgocall(SB)
	MOVQ	AX, main·ranWhileInC(SB)
	MOVQ	$0, main·inC(SB)
	MOVQ	$1, main·done(SB)
	MOVQ	slept-8(SP), AX
	CALL	main·send(SB)
	RET

// spinner yields until the sleeper is done, and ends its wait in C as
// soon as it sees it there: on one P, it runs then only if the sleeper's
// P was handed to another M.
TEXT main·spinner(SB), $0-0
loop:
	CMPQ	main·done(SB), $0
	JNE	out
	CMPQ	main·inC(SB), $0
	JEQ	yield
	MOVQ	$1, cgo_release(SB)
yield:
	CALL	runtime·Gosched(SB)
	JMP	loop
out:
	RET

// ong0 runs on g0 (systemstack): big C stack and alignment there.
TEXT main·ong0(SB), $0-0
	LEAQ	cgo_bigstack(SB), AX
	MOVQ	$16, BX
	CALL	main·cgocall(SB)
	MOVQ	AX, main·g0big(SB)
	LEAQ	cgo_align(SB), AX
	MOVQ	$0, BX
	CALL	main·cgocall(SB)
	MOVQ	AX, main·g0align(SB)
	RET

DATA main·bigfn+0(SB)/8, $main·big(SB)
GLOBL main·bigfn(SB), RODATA, $8
DATA main·alignfn+0(SB)/8, $main·align(SB)
GLOBL main·alignfn(SB), RODATA, $8
DATA main·sleeperfn+0(SB)/8, $main·sleeper(SB)
GLOBL main·sleeperfn(SB), RODATA, $8
DATA main·spinnerfn+0(SB)/8, $main·spinner(SB)
GLOBL main·spinnerfn(SB), RODATA, $8
DATA main·ong0fn+0(SB)/8, $main·ong0(SB)
GLOBL main·ong0fn(SB), RODATA, $8
