// redzone: a goroutine calls redzone_keep (redzone.c, compiled by gcc),
// which spins with a local in its red zone until a second goroutine sets
// a flag. main starts the second goroutine only once the first is in the
// C loop, so with one P the C code must be preempted asynchronously for
// the program to finish. Prints what redzone_keep returned: 4660 unless
// the preemption wrote into the red zone.

#include "textflag.h"
#include "test.h"

GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($0)
	MOVQ	AX, main·done(SB)
	GO(main·keeperfn(SB))
	// Let the keeper run until it is spinning in C.
wait:
	CALL	runtime·Gosched(SB)
	CMPQ	redzone_started(SB), $0
	JEQ	wait
	GO(main·setterfn(SB))
	CHANRECV(main·done(SB), v-8(SP))
	PRINT_INT(v-8(SP))
	CALL	runtime·printnl(SB)
	RET

DATA main·keeperfn+0(SB)/8, $main·keeper(SB)
GLOBL main·keeperfn(SB), RODATA, $8
DATA main·setterfn+0(SB)/8, $main·setter(SB)
GLOBL main·setterfn(SB), RODATA, $8

// keeper sends what redzone_keep returns.
TEXT main·keeper(SB), NOSPLIT, $24-0
	CALL	redzone_keep(SB)
	MOVQ	AX, v-8(SP)
	CHANSEND(main·done(SB), v-8(SP))
	RET

TEXT main·setter(SB), NOSPLIT, $0-0
	MOVQ	$1, redzone_flag(SB)
	RET
