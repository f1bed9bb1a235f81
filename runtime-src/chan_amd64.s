// Channels, as Go's chan.go: a lock, a ring buffer, and FIFO queues of
// waiting senders and receivers. A waiter parks with gopark; whoever
// completes its operation copies the element and goready's it.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "print.h"

#define CHANLOCK(c, r)	LEAQ hchan_lock(c), r

// chanplain is 1 when GOMAXPROCS is 1 (schedinit sets it; the number of
// Ps never changes). Every channel operation then runs on the one M that
// holds the one P (timers and signal deliveries send from goroutines or
// from findrunnable, both with a P), and runtime code is never preempted
// (textranges_amd64.s), so no two critical sections of a channel can
// overlap: chansend's and chanrecv's fast paths take and drop the lock
// with plain stores instead of two locked instructions, which cost more
// than the rest of a buffered send or receive. The word still goes
// 0 -> 1 -> 0, so every other path (runtime·unlock after a park, select's
// locks) works on it unchanged.
GLOBL runtime·chanplain(SB), NOPTR, $8

// CHANUNLOCK(c) drops c's lock: a plain store with chanplain, else
// runtime·unlock (AX and 0(SP) change).
#define CHANUNLOCK(c)	CMPB runtime·chanplain(SB), $0; JEQ 3(PC); MOVL $0, hchan_lock(c); JMP 4(PC); LEAQ hchan_lock(c), AX; MOVQ AX, 0(SP); CALL runtime·unlock(SB)

// PLAINUNLOCK(c, slow) drops c's lock with a plain store when the word is
// 1 (held, nobody asleep), else jumps to slow, which unlocks with XCHG and
// wakes the sleeper the 2 announces. A locked XCHG costs as much as the
// rest of a buffered send or receive, and its only use is to see a 2 in
// the same instruction that clears the word. A 2 written between this
// look and the store is lost with its wake-up, which is why lock's sleeps
// are bounded (lock_futex_amd64.s, lockWaitLimit).
#define PLAINUNLOCK(c, slow)	CMPL hchan_lock(c), $1; JNE slow; MOVL $0, hchan_lock(c)

// chanText and chanEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·chanText)

// func makechan(elemsize, size int64) *hchan
// It holds no lock while it allocates: a collection may start there
// (g.gcsafe), so a program that makes channels and forgets them is
// collected as one that calls malloc is.
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
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	$1, g_gcsafe(CX)
	CALL	runtime·malloc(SB)
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	$0, g_gcsafe(CX)
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
	THROW(str_makechanSize)
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

// func dequeue(q *waitq) *sudog: remove and return the first, or nil. A
// select's sudog (isselect) is returned only to the first waker of its g
// (the one that changes g.selectdone from 0 to 1); the others drop it
// from q and look at the next: its g is completing another case, and
// will take its other sudogs off their queues once it has their locks.
TEXT runtime·dequeue(SB), NOSPLIT, $0-16
	MOVQ	q+0(FP), BX
next:
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
	CMPQ	sudog_isselect(AX), $0
	JEQ	done
	MOVQ	AX, DX
	MOVQ	sudog_g(AX), CX
	XORL	AX, AX
	MOVL	$1, SI
	LOCK
	CMPXCHGQ	SI, g_selectdone(CX)
	MOVQ	DX, AX
	JNE	next
done:
	MOVQ	AX, ret+8(FP)
	RET

// func dequeuesudog(q *waitq, sg *sudog): take sg out of q, wherever it
// is; nothing if it is not there (a waker that lost the race for its g
// has dropped it already).
TEXT runtime·dequeuesudog(SB), NOSPLIT, $0-16
	MOVQ	q+0(FP), BX
	MOVQ	sg+8(FP), AX
	MOVQ	sudog_prev(AX), CX
	MOVQ	sudog_next(AX), DX
	TESTQ	CX, CX
	JEQ	first
	MOVQ	DX, sudog_next(CX)
	TESTQ	DX, DX
	JEQ	waslast
	MOVQ	CX, sudog_prev(DX)
	JMP	clear
waslast:
	MOVQ	CX, waitq_last(BX)
	JMP	clear
first:
	// With no prev, sg is first in q, or in no queue.
	CMPQ	waitq_first(BX), AX
	JNE	clear
	MOVQ	DX, waitq_first(BX)
	TESTQ	DX, DX
	JEQ	wasonly
	MOVQ	$0, sudog_prev(DX)
	JMP	clear
wasonly:
	MOVQ	$0, waitq_last(BX)
clear:
	MOVQ	$0, sudog_next(AX)
	MOVQ	$0, sudog_prev(AX)
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

// sendto, recvfrom, bufsend, bufrecv and recvclosed complete one send or
// receive on a locked channel. chansend and chanrecv hold one channel's
// lock, selectgo those of all its channels; each unlocks, then readies
// the partner a waiting sudog stood for.

// func sendto(c *hchan, sg *sudog, elem unsafe.Pointer): give *elem to the
// receiver waiting in sg (unless it discards it) and mark it served.
TEXT runtime·sendto(SB), NOSPLIT, $24-24
	MOVQ	sg+8(FP), AX
	MOVQ	sudog_elem(AX), CX
	TESTQ	CX, CX
	JEQ	served
	MOVQ	CX, 0(SP)
	MOVQ	elem+16(FP), CX
	MOVQ	CX, 8(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
	MOVQ	sg+8(FP), AX
served:
	MOVQ	$1, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	AX, g_param(CX)
	RET

// func recvfrom(c *hchan, sg *sudog, elem unsafe.Pointer): receive into
// *elem (unless elem is nil) from the sender waiting in sg, and mark it
// served. Unbuffered, its element; buffered (the buffer is full, or it
// would not wait), the buffer's head, and its element goes to the tail,
// the slot the head leaves.
TEXT runtime·recvfrom(SB), NOSPLIT, $32-24
	MOVQ	c+0(FP), BX
	CMPQ	hchan_dataqsiz(BX), $0
	JNE	rotate
	MOVQ	elem+16(FP), CX
	TESTQ	CX, CX
	JEQ	served
	MOVQ	CX, 0(SP)
	MOVQ	sg+8(FP), AX
	MOVQ	sudog_elem(AX), CX
	MOVQ	CX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
	JMP	served
rotate:
	MOVQ	hchan_recvx(BX), CX
	chanslot(BX, CX, DX)
	MOVQ	DX, slot-8(SP)
	MOVQ	elem+16(FP), CX
	TESTQ	CX, CX
	JEQ	refill
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
refill:
	MOVQ	slot-8(SP), DX
	MOVQ	DX, 0(SP)
	MOVQ	sg+8(FP), AX
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
	JNE	nowrap
	MOVQ	$0, CX
nowrap:
	MOVQ	CX, hchan_recvx(BX)
	MOVQ	CX, hchan_sendx(BX)
served:
	MOVQ	sg+8(FP), AX
	MOVQ	$1, sudog_success(AX)
	MOVQ	sudog_g(AX), CX
	MOVQ	AX, g_param(CX)
	RET

// func bufsend(c *hchan, elem unsafe.Pointer): put *elem at the tail of
// c's buffer, which has room.
TEXT runtime·bufsend(SB), NOSPLIT, $24-16
	MOVQ	c+0(FP), BX
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
	RET

// func bufrecv(c *hchan, elem unsafe.Pointer): take the head of c's
// buffer, which is not empty, into *elem (unless elem is nil).
TEXT runtime·bufrecv(SB), NOSPLIT, $32-16
	MOVQ	c+0(FP), BX
	MOVQ	hchan_recvx(BX), CX
	chanslot(BX, CX, DX)
	MOVQ	DX, slot-8(SP)
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	clearslot
	MOVQ	CX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·memmove(SB)
clearslot:
	MOVQ	slot-8(SP), DX
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
	JNE	nowrap
	MOVQ	$0, CX
nowrap:
	MOVQ	CX, hchan_recvx(BX)
	RET

// func recvclosed(c *hchan, elem unsafe.Pointer): what a receive from a
// closed, drained channel gives: the zero value in *elem (unless elem is
// nil).
TEXT runtime·recvclosed(SB), NOSPLIT, $16-16
	MOVQ	elem+8(FP), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	CX, 0(SP)
	MOVQ	c+0(FP), BX
	MOVQ	hchan_elemsize(BX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·memclr(SB)
done:
	RET

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
	// lock's fast path, inline (see fastpath below).
	CMPB	runtime·chanplain(SB), $0
	JNE	plainlock
	MOVL	$0, AX
	MOVL	$1, CX
	LOCK
	CMPXCHGL	CX, hchan_lock(BX)
	JEQ	locked
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	c+0(FP), BX
	JMP	locked
plainlock:
	MOVL	$1, hchan_lock(BX)
locked:
	CMPQ	hchan_closed(BX), $0
	JNE	closed
	CMPQ	(hchan_recvq+waitq_first)(BX), $0
	JNE	receiver

	// The fast path: no receiver waits and an 8-byte element has room in
	// the buffer. It goes in without a call, and the lock is dropped
	// inline: the lock is held for a dozen instructions, which is what
	// other Ms contending for the channel (a worker pool) wait on.
	MOVQ	hchan_qcount(BX), AX
	CMPQ	AX, hchan_dataqsiz(BX)
	JCC	block
	CMPQ	hchan_elemsize(BX), $8
	JNE	buffer
	MOVQ	hchan_sendx(BX), CX
	MOVQ	hchan_buf(BX), DX
	MOVQ	elem+8(FP), SI
	MOVQ	0(SI), SI
	MOVQ	SI, 0(DX)(CX*8)
	INCQ	CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JNE	fastx
	MOVL	$0, CX
fastx:
	MOVQ	CX, hchan_sendx(BX)
	INCQ	AX
	MOVQ	AX, hchan_qcount(BX)
	CMPB	runtime·chanplain(SB), $0
	JEQ	fastunlock
	MOVL	$0, hchan_lock(BX)
	JMP	sent
fastunlock:
	PLAINUNLOCK(BX, xchgunlock)
	JMP	sent
xchgunlock:
	MOVL	$0, AX
	XCHGL	AX, hchan_lock(BX)
	CMPL	AX, $1
	JEQ	sent
	CHANLOCK(BX, CX)
	MOVQ	CX, 0(SP)
	MOVL	AX, 8(SP)
	CALL	runtime·unlockslow(SB)
	JMP	sent

receiver:
	// A waiting receiver takes the element directly.
	LEAQ	hchan_recvq(BX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	buffer
	MOVQ	AX, sg-8(SP)
	MOVQ	c+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·sendto(SB)
	MOVQ	c+0(FP), BX
	CHANUNLOCK(BX)
	MOVQ	sg-8(SP), AX
	MOVQ	sudog_g(AX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·goready(SB)
	JMP	sent

buffer:
	MOVQ	c+0(FP), BX
	MOVQ	hchan_qcount(BX), AX
	CMPQ	AX, hchan_dataqsiz(BX)
	JCC	block
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·bufsend(SB)
	MOVQ	c+0(FP), BX
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
	THROW(str_sendClosed)
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
TEXT runtime·chanrecv1(SB), NOSPLIT, $32-16
	MOVQ	c+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	elem+8(FP), AX
	MOVQ	AX, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·chanrecv(SB)
	RET

// func chanrecv2(c *hchan, elem unsafe.Pointer) (ok bool): as chanrecv1;
// ok is false when the zero value came from a closed channel.
TEXT runtime·chanrecv2(SB), NOSPLIT, $32-17
	MOVQ	c+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	elem+8(FP), AX
	MOVQ	AX, 8(SP)
	MOVB	$1, 16(SP)
	CALL	runtime·chanrecv(SB)
	MOVB	25(SP), AX
	MOVB	AX, ok+16(FP)
	RET

// func selectnbrecv(elem unsafe.Pointer, c *hchan) (selected, received
// bool): receive into *elem (if elem is not nil) if that does not block
// (Go's select with one receive and a default case; Go's argument
// order). selected says whether a value (or a closed channel's zero) was
// taken; received is false for a closed channel's zero. A nil channel is
// never ready.
TEXT runtime·selectnbrecv(SB), NOSPLIT, $32-18
	MOVQ	c+8(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	elem+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVB	$0, 16(SP)
	CALL	runtime·chanrecv(SB)
	MOVB	24(SP), AX
	MOVB	AX, selected+16(FP)
	MOVB	25(SP), AX
	MOVB	AX, received+17(FP)
	RET

// func chanrecv(c *hchan, elem unsafe.Pointer, block bool) (selected,
// received bool): receive into *elem (if elem is not nil). Blocking, it
// waits for a value; else selected is false when it would have to wait.
// received is false for the zero value of a closed channel.
TEXT runtime·chanrecv(SB), NOSPLIT, $40-26
	MOVQ	c+0(FP), BX
	TESTQ	BX, BX
	JEQ	nilchan
	// lock's fast path, inline (as in chansend).
	CMPB	runtime·chanplain(SB), $0
	JNE	plainlock
	MOVL	$0, AX
	MOVL	$1, CX
	LOCK
	CMPXCHGL	CX, hchan_lock(BX)
	JEQ	locked
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	c+0(FP), BX
	JMP	locked
plainlock:
	MOVL	$1, hchan_lock(BX)
locked:
	CMPQ	hchan_closed(BX), $0
	JEQ	open
	CMPQ	hchan_qcount(BX), $0
	JEQ	closedempty

open:
	CMPQ	(hchan_sendq+waitq_first)(BX), $0
	JNE	sender
	// The fast path (as chansend's): no sender waits and the buffer
	// holds an 8-byte element. Its slot is cleared, as bufrecv does.
	MOVQ	hchan_qcount(BX), AX
	TESTQ	AX, AX
	JEQ	block
	CMPQ	hchan_elemsize(BX), $8
	JNE	buffer
	MOVQ	hchan_recvx(BX), CX
	MOVQ	hchan_buf(BX), DX
	LEAQ	0(DX)(CX*8), DX
	MOVQ	0(DX), SI
	MOVQ	$0, 0(DX)
	MOVQ	elem+8(FP), DI
	TESTQ	DI, DI
	JEQ	fastdiscard
	MOVQ	SI, 0(DI)
fastdiscard:
	DECQ	AX
	MOVQ	AX, hchan_qcount(BX)
	INCQ	CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JNE	fastx
	MOVL	$0, CX
fastx:
	MOVQ	CX, hchan_recvx(BX)
	MOVB	$1, selected+24(FP)
	MOVB	$1, received+25(FP)
	CMPB	runtime·chanplain(SB), $0
	JEQ	fastunlock
	MOVL	$0, hchan_lock(BX)
	RET
fastunlock:
	PLAINUNLOCK(BX, xchgunlock)
	RET
xchgunlock:
	MOVL	$0, AX
	XCHGL	AX, hchan_lock(BX)
	CMPL	AX, $1
	JNE	fastwake
	RET
fastwake:
	CHANLOCK(BX, CX)
	MOVQ	CX, 0(SP)
	MOVL	AX, 8(SP)
	CALL	runtime·unlockslow(SB)
	RET

sender:
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
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·recvfrom(SB)
	MOVQ	c+0(FP), BX
	CHANUNLOCK(BX)
	MOVQ	sg-8(SP), AX
	MOVQ	sudog_g(AX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·goready(SB)
	MOVB	$1, selected+24(FP)
	MOVB	$1, received+25(FP)
	RET

buffer:
	MOVQ	c+0(FP), BX
	CMPQ	hchan_qcount(BX), $0
	JEQ	block
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·bufrecv(SB)
	MOVQ	c+0(FP), BX
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVB	$1, selected+24(FP)
	MOVB	$1, received+25(FP)
	RET

block:
	CMPB	block+16(FP), $0
	JEQ	wouldblock
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), DX
	MOVQ	DX, 8(SP)
	LEAQ	hchan_recvq(BX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·chanwait(SB)
	MOVBLZX	24(SP), CX
	MOVB	$1, selected+24(FP)
	MOVB	CX, received+25(FP)
	RET

wouldblock:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVB	$0, selected+24(FP)
	MOVB	$0, received+25(FP)
	RET

closedempty:
	CHANLOCK(BX, AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	MOVQ	c+0(FP), BX
	MOVQ	BX, 0(SP)
	MOVQ	elem+8(FP), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·recvclosed(SB)
	MOVB	$1, selected+24(FP)
	MOVB	$0, received+25(FP)
	RET

nilchan:
	CMPB	block+16(FP), $0
	JNE	forever
	MOVB	$0, selected+24(FP)
	MOVB	$0, received+25(FP)
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
	MOVQ	AX, g_param(CX)	// which case fired, for a select
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
	MOVQ	AX, g_param(CX)
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
	THROW(str_closeClosed)
	RET
nilchan:
	THROW(str_closeNil)
	RET

TEXT_MARK(runtime·chanEtext)
