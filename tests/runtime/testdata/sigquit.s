// sigquit: goroutines that wait in different ways (a receiver, a sleeper)
// and one that never stops running, then "ready" on standard output and
// main blocks receiving: kill -QUIT ends it with a report of each.

#include "textflag.h"
#include "test.h"

DATA ready<>+0(SB)/6, $"ready\n"
GLOBL ready<>(SB), RODATA|NOPTR, $6

TEXT main·main(SB), $32-0
	MAKECHAN($0)
	MOVQ	AX, chana<>(SB)
	GO(recvfn<>(SB))	// go recv
	GO(sleepfn<>(SB))	// go sleeper
	GO(spinfn<>(SB))	// go spin
	// Let them reach where they wait.
	MOVL	$100000, 0(SP)
	CALL	runtime·usleep(SB)
	PRINT_STRING(ready<>(SB), 6)
	CHANRECV(chana<>(SB), v-8(SP))	// main blocks
	RET

// recv receives from a, where nothing is ever sent.
TEXT main·recv(SB), $24-0
	CHANRECV(chana<>(SB), v-8(SP))	// recv blocks
	RET

// sleeper sleeps 10 s at a time.
TEXT main·sleeper(SB), $8-0
again:
	MOVL	$10000000, 0(SP)
	CALL	runtime·usleep(SB)	// sleeper sleeps
	JMP	again

// spin runs for ever without calling anything.
TEXT main·spin(SB), NOSPLIT, $0-0
loop:
	INCQ	AX
	JMP	loop

GLOBL chana<>(SB), NOPTR, $8
DATA recvfn<>+0(SB)/8, $main·recv(SB)
GLOBL recvfn<>(SB), RODATA, $8
DATA sleepfn<>+0(SB)/8, $main·sleeper(SB)
GLOBL sleepfn<>(SB), RODATA, $8
DATA spinfn<>+0(SB)/8, $main·spin(SB)
GLOBL spinfn<>(SB), RODATA, $8
