// runnext: A and B pass a value back and forth for ever over unbuffered
// channels, so each readies the other into runnext; C, which A starts
// first, waits in the P's queue behind them. C prints "C ran" and ends
// the program: at GOMAXPROCS=1 it runs only if the pair is preempted,
// which sysmon does because a g taken from runnext inherits the time
// slice (schedtick does not move).

#include "textflag.h"
#include "test.h"

GLOBL ab<>(SB), NOPTR, $8
GLOBL ba<>(SB), NOPTR, $8

TEXT main·main(SB), $32-0
	MAKECHAN($0)
	MOVQ	AX, ab<>(SB)
	MAKECHAN($0)
	MOVQ	AX, ba<>(SB)
	GO(bfn<>(SB))
	GO(afn<>(SB))
	// main waits for ever; C ends the program.
	MAKECHAN($0)
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET

// A lets B reach its receive first, starts C, then sends on ab and
// receives on ba, for ever. The send readies B into runnext, which moves
// C to the queue.
TEXT main·a(SB), $24-0
	CALL	runtime·Gosched(SB)
	GO(cfn<>(SB))
loop:
	CALL	main·step(SB)
	CHANSEND(ab<>(SB), v-8(SP))
	CHANRECV(ba<>(SB), v-8(SP))
	JMP	loop

// B receives on ab and sends on ba, for ever.
TEXT main·b(SB), $24-0
loop:
	CALL	main·step(SB)
	CHANRECV(ab<>(SB), v-8(SP))
	CHANSEND(ba<>(SB), v-8(SP))
	JMP	loop

// step has a stack-split prologue: where a preemption request stops the
// caller, as at any Go function's entry.
TEXT main·step(SB), $8-0
	MOVQ	$0, x-8(SP)
	RET

TEXT main·c(SB), $16-0
	PRINT_STRING(cran<>(SB), 6)
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA afn<>+0(SB)/8, $main·a(SB)
GLOBL afn<>(SB), RODATA, $8
DATA bfn<>+0(SB)/8, $main·b(SB)
GLOBL bfn<>(SB), RODATA, $8
DATA cfn<>+0(SB)/8, $main·c(SB)
GLOBL cfn<>(SB), RODATA, $8
DATA cran<>+0(SB)/6, $"C ran\n"
GLOBL cran<>(SB), RODATA|NOPTR, $6
