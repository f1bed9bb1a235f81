// select: runtime·selectgo and runtime·selectnbrecv case by case; each
// step prints numbers, one a line, that select.go (Go's select doing the
// same) prints too.

#include "textflag.h"
#include "test.h"

GLOBL main·cs(SB), NOPTR, $1600	// up to 64 cases of 24 bytes
GLOBL main·ch(SB), NOPTR, $512	// 64 buffered channels
GLOBL main·u(SB), NOPTR, $512	// 64 unbuffered channels
GLOBL main·a(SB), NOPTR, $8
GLOBL main·b(SB), NOPTR, $8
GLOBL main·c1(SB), NOPTR, $8
GLOBL main·c2(SB), NOPTR, $8
GLOBL main·c3(SB), NOPTR, $8
GLOBL main·req(SB), NOPTR, $8
GLOBL main·v(SB), NOPTR, $8
GLOBL main·w(SB), NOPTR, $8
GLOBL main·ok(SB), NOPTR, $8
GLOBL main·sum(SB), NOPTR, $8

// func mk(size int64) *hchan: a channel of 8-byte elements.
TEXT main·mk(SB), $24-16
	MOVQ	$8, 0(SP)
	MOVQ	size+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+8(FP)
	RET

// func setcase(i int64, c *hchan, elem unsafe.Pointer, dir int64)
TEXT main·setcase(SB), NOSPLIT, $0-32
	MOVQ	i+0(FP), AX
	IMULQ	$24, AX
	LEAQ	main·cs(SB), DI
	ADDQ	AX, DI
	MOVQ	c+8(FP), AX
	MOVQ	AX, 0(DI)
	MOVQ	elem+16(FP), AX
	MOVQ	AX, 8(DI)
	MOVQ	dir+24(FP), AX
	MOVQ	AX, 16(DI)
	RET

// func sel(n int64, block bool) int64: select over cs[:n]; recvOK goes
// to main·ok.
TEXT main·sel(SB), $40-24
	LEAQ	main·cs(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVB	block+8(FP), AX
	MOVB	AX, 16(SP)
	CALL	runtime·selectgo(SB)
	MOVQ	24(SP), AX
	MOVQ	AX, ret+16(FP)
	MOVBQZX	32(SP), AX
	MOVQ	AX, main·ok(SB)
	RET

// func p(v int64): print v and a newline.
TEXT main·p(SB), $8-8
	PRINT_INT(v+0(FP))
	CALL	runtime·printnl(SB)
	RET

// func send(c *hchan, v int64)
TEXT main·send(SB), $16-16
	CHANSEND(c+0(FP), v+8(FP))
	RET

// func recv(c *hchan) int64
TEXT main·recv(SB), $16-16
	CHANRECV(c+0(FP), ret+8(FP))
	RET

// func close(c *hchan)
TEXT main·close(SB), $8-8
	MOVQ	c+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET

// func nbrecv(c *hchan): selectnbrecv into v; prints selected, received, v.
TEXT main·nbrecv(SB), $24-8
	MOVQ	$-5, main·v(SB)
	LEAQ	main·v(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	c+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·selectnbrecv(SB)
	MOVBQZX	16(SP), AX
	MOVBQZX	17(SP), BX
	MOVQ	BX, r-8(SP)
	MOVQ	AX, 0(SP)
	CALL	main·p(SB)
	MOVQ	r-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·p(SB)
	MOVQ	main·v(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·p(SB)
	RET

#define MK(size, dst)	MOVQ $size, 0(SP); CALL main·mk(SB); MOVQ 8(SP), AX; MOVQ AX, dst
#define CASE(i, c, elem, dir)	MOVQ $i, 0(SP); MOVQ c, AX; MOVQ AX, 8(SP); LEAQ elem, AX; MOVQ AX, 16(SP); MOVQ $dir, 24(SP); CALL main·setcase(SB)
#define SEL(n, block)	MOVQ $n, 0(SP); MOVB $block, 8(SP); CALL main·sel(SB); MOVQ 16(SP), AX; MOVQ AX, 0(SP); CALL main·p(SB)
#define PRINT(x)	MOVQ x, AX; MOVQ AX, 0(SP); CALL main·p(SB)
#define SEND(c, v)	MOVQ c, AX; MOVQ AX, 0(SP); MOVQ $v, 8(SP); CALL main·send(SB)
#define RECVC	1
#define SENDC	2

TEXT main·main(SB), $72-0
	MK(1, main·a(SB))
	MK(1, main·b(SB))
	MK(0, main·c1(SB))
	MK(0, main·c2(SB))
	MK(0, main·c3(SB))
	MK(0, main·req(SB))

	// Nothing ready, not blocking: -1.
	CASE(0, main·a(SB), main·v(SB), 2)
	CASE(1, main·b(SB), main·v(SB), 2)
	SEL(2, 0)
	// One ready: it, its value, recvOK.
	SEND(main·b(SB), 7)
	SEL(2, 1)
	PRINT(main·v(SB))
	PRINT(main·ok(SB))

	// Nil channels are never ready.
	CASE(0, $0, main·v(SB), 2)
	CASE(1, $0, main·w(SB), 1)
	SEL(2, 0)
	SEND(main·a(SB), 5)
	CASE(1, main·a(SB), main·v(SB), 2)
	SEL(2, 1)
	PRINT(main·v(SB))

	// A closed channel: ready, the zero value, recvOK false.
	MOVQ	main·b(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·close(SB)
	MOVQ	$99, main·v(SB)
	CASE(0, main·b(SB), main·v(SB), 2)
	CASE(1, $0, main·v(SB), 2)
	SEL(2, 0)
	PRINT(main·v(SB))
	PRINT(main·ok(SB))
	// ... and receiving into nil discards.
	CASE(0, main·b(SB), 0, 2)
	SEL(1, 1)

	// Send cases: into a buffer with room, not into a full one.
	MOVQ	$11, main·w(SB)
	CASE(0, main·a(SB), main·w(SB), 1)
	CASE(1, $0, main·v(SB), 2)
	SEL(2, 0)
	SEL(2, 0)
	MOVQ	main·a(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·recv(SB)
	PRINT(8(SP))

	// A blocking select woken by a sender.
	GO(main·sendc2fn(SB))
	CASE(0, main·c1(SB), main·v(SB), 2)
	CASE(1, main·c2(SB), main·v(SB), 2)
	SEL(2, 1)
	PRINT(main·v(SB))
	PRINT(main·ok(SB))

	// A blocking send case taken by a receiver, which echoes on c3.
	GO(main·echofn(SB))
	MOVQ	$77, main·w(SB)
	CASE(0, main·c1(SB), main·w(SB), 1)
	CASE(1, main·c2(SB), main·v(SB), 2)
	SEL(2, 1)
	MOVQ	main·c3(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·recv(SB)
	PRINT(8(SP))

	// A timeout: another goroutine sleeps, then sends.
	GO(main·timeoutfn(SB))
	CASE(0, main·c1(SB), main·v(SB), 2)
	CASE(1, main·c3(SB), main·v(SB), 2)
	SEL(2, 1)
	PRINT(main·v(SB))

	// A channel closed while the select waits.
	GO(main·closerfn(SB))
	CASE(0, main·c1(SB), main·v(SB), 2)
	CASE(1, main·c2(SB), main·v(SB), 2)
	MOVQ	$99, main·v(SB)
	SEL(2, 1)
	PRINT(main·v(SB))
	PRINT(main·ok(SB))

	// selectnbrecv: empty, a value, closed.
	MOVQ	main·a(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·nbrecv(SB)
	SEND(main·a(SB), 3)
	MOVQ	main·a(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·nbrecv(SB)
	MOVQ	main·b(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·nbrecv(SB)

	// The same channel in two cases.
	SEND(main·a(SB), 4)
	CASE(0, main·a(SB), main·v(SB), 2)
	CASE(1, main·a(SB), main·v(SB), 2)
	MOVQ	$2, 0(SP)
	MOVB	$1, 8(SP)
	CALL	main·sel(SB)
	PRINT(main·v(SB))

	// 2 to 64 cases: one ready among n, then one that becomes ready
	// while the select waits (a goroutine sends k+1000 on u[k]).
	MOVQ	$0, i-8(SP)
mkloop:
	MOVQ	$1, 0(SP)
	CALL	main·mk(SB)
	MOVQ	i-8(SP), CX
	MOVQ	8(SP), AX
	LEAQ	main·ch(SB), DX
	MOVQ	AX, (DX)(CX*8)
	MOVQ	$0, 0(SP)
	CALL	main·mk(SB)
	MOVQ	i-8(SP), CX
	MOVQ	8(SP), AX
	LEAQ	main·u(SB), DX
	MOVQ	AX, (DX)(CX*8)
	INCQ	i-8(SP)
	CMPQ	i-8(SP), $64
	JLT	mkloop
	GO(main·senderfn(SB))
	MOVQ	$2, n-16(SP)
nloop:
	// k = (5n+3) mod n
	MOVQ	n-16(SP), AX
	IMULQ	$5, AX
	ADDQ	$3, AX
	XORL	DX, DX
	DIVQ	n-16(SP)
	MOVQ	DX, k-24(SP)
	LEAQ	main·ch(SB), AX
	MOVQ	(AX)(DX*8), AX
	MOVQ	AX, 0(SP)
	MOVQ	n-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	main·send(SB)
	// cases over ch[:n]
	MOVQ	$0, i-8(SP)
cloop:
	MOVQ	i-8(SP), CX
	MOVQ	CX, 0(SP)
	LEAQ	main·ch(SB), AX
	MOVQ	(AX)(CX*8), AX
	MOVQ	AX, 8(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$2, 24(SP)
	CALL	main·setcase(SB)
	INCQ	i-8(SP)
	MOVQ	i-8(SP), CX
	CMPQ	CX, n-16(SP)
	JLT	cloop
	MOVQ	n-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVB	$0, 8(SP)
	CALL	main·sel(SB)
	MOVQ	16(SP), AX
	CMPQ	AX, k-24(SP)
	JNE	wrong
	MOVQ	main·v(SB), AX
	CMPQ	AX, n-16(SP)
	JNE	wrong
	// cases over u[:n], blocking; the sender sends on u[k] when told.
	MOVQ	$0, i-8(SP)
uloop:
	MOVQ	i-8(SP), CX
	MOVQ	CX, 0(SP)
	LEAQ	main·u(SB), AX
	MOVQ	(AX)(CX*8), AX
	MOVQ	AX, 8(SP)
	LEAQ	main·v(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$2, 24(SP)
	CALL	main·setcase(SB)
	INCQ	i-8(SP)
	MOVQ	i-8(SP), CX
	CMPQ	CX, n-16(SP)
	JLT	uloop
	MOVQ	main·req(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	k-24(SP), AX
	MOVQ	AX, 8(SP)
	CALL	main·send(SB)
	MOVQ	n-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVB	$1, 8(SP)
	CALL	main·sel(SB)
	MOVQ	16(SP), AX
	CMPQ	AX, k-24(SP)
	JNE	wrong
	MOVQ	main·v(SB), AX
	SUBQ	$1000, AX
	CMPQ	AX, k-24(SP)
	JNE	wrong
	MOVQ	n-16(SP), AX
	ADDQ	AX, main·sum(SB)
	INCQ	n-16(SP)
	CMPQ	n-16(SP), $64
	JLE	nloop
	PRINT(main·sum(SB))
	RET
wrong:
	PRINT(n-16(SP))
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA main·sendc2fn+0(SB)/8, $main·sendc2(SB)
GLOBL main·sendc2fn(SB), RODATA, $8
DATA main·echofn+0(SB)/8, $main·echo(SB)
GLOBL main·echofn(SB), RODATA, $8
DATA main·timeoutfn+0(SB)/8, $main·timeout(SB)
GLOBL main·timeoutfn(SB), RODATA, $8
DATA main·closerfn+0(SB)/8, $main·closer(SB)
GLOBL main·closerfn(SB), RODATA, $8
DATA main·senderfn+0(SB)/8, $main·sender(SB)
GLOBL main·senderfn(SB), RODATA, $8

// sendc2 sends 42 on c2 after 1 ms.
TEXT main·sendc2(SB), $16-0
	MOVL	$1000, 0(SP)
	CALL	runtime·usleep(SB)
	SEND(main·c2(SB), 42)
	RET

// echo receives from c1 and sends it back on c3.
TEXT main·echo(SB), $16-0
	MOVQ	main·c1(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·recv(SB)
	MOVQ	8(SP), AX
	MOVQ	main·c3(SB), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	main·send(SB)
	RET

// timeout sends 1 on c3 after 20 ms.
TEXT main·timeout(SB), $16-0
	MOVL	$20000, 0(SP)
	CALL	runtime·usleep(SB)
	SEND(main·c3(SB), 1)
	RET

// closer closes c2 after 1 ms.
TEXT main·closer(SB), $16-0
	MOVL	$1000, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	main·c2(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·close(SB)
	RET

// sender, for each k received on req, sleeps 100 µs and sends k+1000 on
// u[k].
TEXT main·sender(SB), $24-0
loop:
	MOVQ	main·req(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·recv(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, k-8(SP)
	MOVL	$100, 0(SP)
	CALL	runtime·usleep(SB)
	MOVQ	k-8(SP), CX
	LEAQ	main·u(SB), AX
	MOVQ	(AX)(CX*8), AX
	MOVQ	AX, 0(SP)
	LEAQ	1000(CX), CX
	MOVQ	CX, 8(SP)
	CALL	main·send(SB)
	JMP	loop
