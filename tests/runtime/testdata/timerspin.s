// timerspin: a goroutine that never calls anything holds a P for good
// (run with P9DEBUG=asyncpreemptoff=1, GOMAXPROCS=2); main sleeps 20 ms
// five times meanwhile. main's timer may be in the heap of the P the
// spinner holds: an M with another P must run it. Prints "woke 5".

#include "textflag.h"
#include "test.h"

TEXT main·main(SB), $16-0
	GO(spinfn<>(SB))
	MOVQ	$5, n-8(SP)
again:
	MOVQ	$20000000, 0(SP)
	CALL	runtime·timeSleep(SB)
	DECQ	n-8(SP)
	JNE	again
	PRINT_STRING(woke<>(SB), 7)
	RET

// spin runs for ever without calling anything.
TEXT main·spin(SB), NOSPLIT, $0-0
loop:
	INCQ	AX
	JMP	loop

DATA spinfn<>+0(SB)/8, $main·spin(SB)
GLOBL spinfn<>(SB), RODATA, $8
DATA woke<>+0(SB)/7, $"woke 5\n"
GLOBL woke<>(SB), RODATA|NOPTR, $7
