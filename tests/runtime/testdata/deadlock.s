// deadlock: main starts goroutines that block for good, then blocks
// itself: a receiver on a, a sender on b, a second receiver on a and a
// receiver on a nil channel. Nothing can wake any of them, so the program
// ends with "all goroutines are asleep", reporting each goroutine.

#include "textflag.h"
#include "test.h"

TEXT main·main(SB), $32-0
	MAKECHAN($0)
	MOVQ	AX, chana<>(SB)
	MAKECHAN($0)
	MOVQ	AX, chanb<>(SB)
	GO(recvfn<>(SB))	// go recv (first)
	GO(sendfn<>(SB))	// go send
	GO(recvfn<>(SB))	// go recv (second)
	GO(recvnilfn<>(SB))	// go recvnil
	MAKECHAN($0)
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// main blocks
	RET

// recv receives from a.
TEXT main·recv(SB), $24-0
	CHANRECV(chana<>(SB), v-8(SP))	// recv blocks
	RET

// send sends on b.
TEXT main·send(SB), $24-0
	CHANSEND(chanb<>(SB), v-8(SP))	// send blocks
	RET

// recvnil receives from a nil channel.
TEXT main·recvnil(SB), $24-0
	MOVQ	$0, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// recvnil blocks
	RET

GLOBL chana<>(SB), NOPTR, $8
GLOBL chanb<>(SB), NOPTR, $8
DATA recvfn<>+0(SB)/8, $main·recv(SB)
GLOBL recvfn<>(SB), RODATA, $8
DATA sendfn<>+0(SB)/8, $main·send(SB)
GLOBL sendfn<>(SB), RODATA, $8
DATA recvnilfn<>+0(SB)/8, $main·recvnil(SB)
GLOBL recvnilfn<>(SB), RODATA, $8
