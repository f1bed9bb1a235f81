// Channels, as Go's chan.go: a lock, a ring buffer, and FIFO queues of
// waiting senders and receivers. A waiter parks with gopark; whoever
// completes its operation copies the element and goready's it.

#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

#define CHANLOCK(c, r)	LEAQ hchan_lock(c), r

// chanText and chanEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·chanText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

// func makechan(elemsize, size int64) *hchan
TEXT runtime·makechan(SB), NOSPLIT, $16-24
	MOVQ	elemsize+0(FP), AX
	MOVQ	size+8(FP), CX
	CMPQ	AX, $0x10000
	JCC	bad	// also catches negative sizes
	CMPQ	CX, $0x10000000
	JCC	bad
	IMULQ	CX, AX
	ADDQ	$hchan__size, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	elemsize+0(FP), CX
	MOVQ	CX, hchan_elemsize(AX)
	MOVQ	size+8(FP), CX
	MOVQ	CX, hchan_dataqsiz(AX)
	LEAQ	hchan__size(AX), CX
	MOVQ	CX, hchan_buf(AX)
	MOVQ	AX, ret+16(FP)
	RET
bad:
	LEAQ	str_makechanSize, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func enqueue(q *waitq, sg *sudog): append sg.
TEXT runtime·enqueue(SB), NOSPLIT, $0-16
	MOVQ	q+0(FP), BX
	MOVQ	sg+8(FP), AX
	MOVQ	$0, sudog_next(AX)
	MOVQ	waitq_last(BX), CX
	MOVQ	CX, sudog_prev(AX)
	TESTQ	CX, CX
	JEQ	empty
	MOVQ	AX, sudog_next(CX)
	JMP	setlast
empty:
	MOVQ	AX, waitq_first(BX)
setlast:
	MOVQ	AX, waitq_last(BX)
	RET

// func dequeue(q *waitq) *sudog: remove and return the first, or nil.
TEXT runtime·dequeue(SB), NOSPLIT, $0-16
	MOVQ	q+0(FP), BX
	MOVQ	waitq_first(BX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	sudog_next(AX), CX
	MOVQ	CX, waitq_first(BX)
	TESTQ	CX, CX
	JEQ	nowempty
	MOVQ	$0, sudog_prev(CX)
	JMP	unlinked
nowempty:
	MOVQ	$0, waitq_last(BX)
unlinked:
	MOVQ	$0, sudog_next(AX)
done:
	MOVQ	AX, ret+8(FP)
	RET

// func chanwait(c *hchan, elem unsafe.Pointer, q *waitq) bool: with c
// locked, wait in q (c's sendq or recvq) until the other side has taken or
// filled *elem (true) or closed c (false). The park unlocks c.
TEXT runtime·chanwait(SB), NOSPLIT, $24-25
	get_tls(CX)
	MOVQ	g(CX), CX
	LEAQ	g_sg(CX), AX
	MOVQ	elem+8(FP), DX
	MOVQ	DX, sudog_elem(AX)
	MOVQ	c+0(FP), BX
	MOVQ	BX, sudog_c(AX)
	MOVQ	$0, sudog_success(AX)
	MOVQ	AX, sg-8(SP)
	MOVQ	q+16(FP), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·enqueue(SB)
	MOVQ	c+0(FP), BX
	LEAQ	str_waitChanSend, DX
	LEAQ	hchan_recvq(BX), AX
	CMPQ	AX, q+16(FP)
	JNE	park
	LEAQ	str_waitChanReceive, DX
park:
	MOVQ	DX, 8(SP)
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·gopark(SB)
	MOVQ	sg-8(SP), AX
	MOVQ	$0, sudog_c(AX)
	MOVQ	$0, sudog_elem(AX)
	MOVQ	sudog_success(AX), CX
	MOVB	CX, ret+24(FP)
	RET

// chanslot leaves in r the address of element i of c's buffer.
#define chanslot(c, i, r)	MOVQ hchan_elemsize(c), r; IMULQ i, r; ADDQ hchan_buf(c), r

// func chansend1(c *hchan, elem unsafe.Pointer): send *elem on c.
TEXT runtime·chansend1(SB), NOSPLIT|NOFRAME, $0-16
	MOVL	$1, DI
	JMP	runtime·chansend(SB)

// func selectnbsend(c *hchan, elem unsafe.Pointer) (selected bool): send
// *elem on c if that does not block (Go's select with a default case);
// selected says whether it was sent. A nil channel is never ready.
TEXT runtime·selectnbsend(SB), NOSPLIT|NOFRAME, $0-17
	MOVL	$0, DI
	JMP	runtime·chansend(SB)

// chansend is chansend1 (DI = 1: block until sent) and selectnbsend (DI =
// 0: return sent = false instead of waiting), entered by a jump with their
// arguments where they are: the flag travels in a register, not as a third
// argument, so that a blocking send costs no extra call. Only the
// non-blocking form has the result slot, so only it writes sent.
TEXT runtime·chansend(SB), NOSPLIT, $48-17
	MOVB	DI, block-16(SP)
	MOVQ	c+0(FP), BX
	TESTQ	BX, BX
	JEQ	nilchan
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	c+0(FP), BX
	CMPQ	hchan_closed(BX), $0
	JNE	closed

	// A waiting receiver takes the element directly.
	LEAQ	hchan_recvq(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	buffer
	MOVQ	AX, sg-8(SP)
	MOVQ	sudog_elem(AX), CX
	TESTQ	CX, CX
	JEQ	wake
	MOVQ	CX, 0(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 8(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
wake:
	MOVQ	c+0(FP), BX
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVQ	sg-8(SP), AX
	MOVQ	$1, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	AX, g_param(CX)
	MOVQ	CX, 0(SP)
	CALL	runtime·goready(SB)
	JMP	sent

buffer:
	MOVQ	c+0(FP), BX
	MOVQ	hchan_qcount(BX), AX
	CMPQ	AX, hchan_dataqsiz(BX)
	JCC	block
	MOVQ	hchan_sendx(BX), CX
	chanslot(BX, CX, DX)
	MOVQ	DX, 0(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
	MOVQ	c+0(FP), BX
	INCQ	hchan_qcount(BX)
	MOVQ	hchan_sendx(BX), CX
	INCQ	CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JNE	nowrap
	MOVQ	$0, CX
nowrap:
	MOVQ	CX, hchan_sendx(BX)
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
sent:
	CMPB	block-16(SP), $0
	JNE	done
	MOVB	$1, selected+16(FP)
done:
	RET

block:
	CMPB	block-16(SP), $0
	JEQ	wouldblock
	// Wait in sendq until a receiver takes the element or c closes.
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), DX
	MOVQ	DX, 8(SP)
	LEAQ	hchan_sendq(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·chanwait(SB)
	CMPB	24(SP), $0
	JEQ	closedwhilewaiting
	RET

wouldblock:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVB	$0, selected+16(FP)
	RET

closed:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
closedwhilewaiting:
	LEAQ	str_sendClosed, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

nilchan:
	CMPB	block-16(SP), $0
	JNE	forever
	MOVB	$0, selected+16(FP)
	RET
forever:
	// A send on a nil channel blocks forever.
	MOVQ	$0, 0(SP)
	LEAQ	str_waitChanSendNil, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	JMP	forever

// func chanrecv1(c *hchan, elem unsafe.Pointer): receive into *elem (if
// elem is not nil); from a closed, drained channel, the zero value.
TEXT runtime·chanrecv1(SB), NOSPLIT, $24-16
	MOVQ	c+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	elem+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv(SB)
	RET

// func chanrecv2(c *hchan, elem unsafe.Pointer) (ok bool): as chanrecv1;
// ok is false when the zero value came from a closed channel.
TEXT runtime·chanrecv2(SB), NOSPLIT, $24-17
	MOVQ	c+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	elem+8(FP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv(SB)
	MOVB	16(SP), AX
	MOVB	AX, ok+16(FP)
	RET

// func chanrecv(c *hchan, elem unsafe.Pointer) (ok bool)
TEXT runtime·chanrecv(SB), NOSPLIT, $48-17
	MOVQ	c+0(FP), BX
	TESTQ	BX, BX
	JEQ	forever
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	c+0(FP), BX
	CMPQ	hchan_closed(BX), $0
	JEQ	open
	CMPQ	hchan_qcount(BX), $0
	JEQ	closedempty

open:
	// A waiting sender: take its element (unbuffered), or take the
	// buffer's head and put the sender's element at the tail.
	LEAQ	hchan_sendq(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	buffer
	MOVQ	AX, sg-8(SP)
	MOVQ	c+0(FP), BX
	CMPQ	hchan_dataqsiz(BX), $0
	JNE	rotate
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	wake
	MOVQ	CX, 0(SP)
	MOVQ	sudog_elem(AX), CX
	MOVQ	CX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
	JMP	wake
rotate:
	MOVQ	hchan_recvx(BX), CX
	chanslot(BX, CX, DX)
	MOVQ	DX, slot-16(SP)
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	refill
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
refill:
	MOVQ	slot-16(SP), DX
	MOVQ	DX, 0(SP)
	MOVQ	sg-8(SP), AX
	MOVQ	sudog_elem(AX), CX
	MOVQ	CX, 8(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_recvx(BX), CX
	INCQ	CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JNE	rotnowrap
	MOVQ	$0, CX
rotnowrap:
	MOVQ	CX, hchan_recvx(BX)
	MOVQ	CX, hchan_sendx(BX)
wake:
	MOVQ	c+0(FP), BX
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVQ	sg-8(SP), AX
	MOVQ	$1, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	AX, g_param(CX)
	MOVQ	CX, 0(SP)
	CALL	runtime·goready(SB)
	MOVB	$1, ok+16(FP)
	RET

buffer:
	MOVQ	c+0(FP), BX
	CMPQ	hchan_qcount(BX), $0
	JEQ	block
	MOVQ	hchan_recvx(BX), CX
	chanslot(BX, CX, DX)
	MOVQ	DX, slot-16(SP)
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	clearslot
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
clearslot:
	MOVQ	slot-16(SP), DX
	MOVQ	DX, 0(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·memclr(SB)
	MOVQ	c+0(FP), BX
	DECQ	hchan_qcount(BX)
	MOVQ	hchan_recvx(BX), CX
	INCQ	CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JNE	bufnowrap
	MOVQ	$0, CX
bufnowrap:
	MOVQ	CX, hchan_recvx(BX)
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVB	$1, ok+16(FP)
	RET

block:
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), DX
	MOVQ	DX, 8(SP)
	LEAQ	hchan_recvq(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·chanwait(SB)
	MOVBLZX	24(SP), CX
	MOVB	CX, ok+16(FP)
	RET

closedempty:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	notok
	MOVQ	CX, 0(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·memclr(SB)
notok:
	MOVB	$0, ok+16(FP)
	RET

forever:
	MOVQ	$0, 0(SP)
	LEAQ	str_waitChanReceiveNil, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	JMP	forever

// func closechan(c *hchan): close c. Waiting receivers get the zero
// value; waiting senders fail with a fatal error.
TEXT runtime·closechan(SB), NOSPLIT, $48-8
	MOVQ	c+0(FP), BX
	TESTQ	BX, BX
	JEQ	nilchan
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	c+0(FP), BX
	CMPQ	hchan_closed(BX), $0
	JNE	closed
	MOVQ	$1, hchan_closed(BX)
	MOVQ	$0, glist-8(SP)	// gs to ready, linked through schedlink

readers:
	MOVQ	c+0(FP), BX
	LEAQ	hchan_recvq(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	writers
	MOVQ	AX, sg-16(SP)
	MOVQ	sudog_elem(AX), CX
	TESTQ	CX, CX
	JEQ	addreader
	MOVQ	CX, 0(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·memclr(SB)
addreader:
	MOVQ	sg-16(SP), AX
	MOVQ	$0, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	glist-8(SP), DX
	MOVQ	DX, g_schedlink(CX)
	MOVQ	CX, glist-8(SP)
	JMP	readers

writers:
	MOVQ	c+0(FP), BX
	LEAQ	hchan_sendq(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	release
	MOVQ	$0, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	glist-8(SP), DX
	MOVQ	DX, g_schedlink(CX)
	MOVQ	CX, glist-8(SP)
	JMP	writers

release:
	MOVQ	c+0(FP), BX
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
ready:
	MOVQ	glist-8(SP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	g_schedlink(AX), CX
	MOVQ	CX, glist-8(SP)
	MOVQ	$0, g_schedlink(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·goready(SB)
	JMP	ready
done:
	RET

closed:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	LEAQ	str_closeClosed, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET
nilchan:
	LEAQ	str_closeNil, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

TEXT runtime·chanEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
