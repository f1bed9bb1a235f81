// deadlock: main starts goroutines that block for good, then blocks
// itself: a receiver on a, a sender on b, a second receiver on a and a
// receiver on a nil channel. Nothing can wake any of them, so the program
// ends with "all goroutines are asleep", reporting each goroutine.

#include "textflag.h"

TEXT main·main(SB), $32-0
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, chana<>(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, chanb<>(SB)
	LEAQ	recvfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go recv (first)
	LEAQ	sendfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go send
	LEAQ	recvfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go recv (second)
	LEAQ	recvnilfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)	// go recvnil
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// main blocks
	RET

// recv receives from a.
TEXT main·recv(SB), $24-0
	MOVQ	chana<>(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)	// recv blocks
	RET

// send sends on b.
TEXT main·send(SB), $24-0
	MOVQ	chanb<>(SB), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)	// send blocks
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
