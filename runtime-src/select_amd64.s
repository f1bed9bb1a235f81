// select, as Go's select.go does it: lock every channel of the select
// (in address order, so two selects never wait for each other's locks),
// look at the cases in a random order and complete the first that is
// ready; if none is and the select blocks, wait on every channel at once
// with one sudog per case, and take the others off their queues once one
// has fired.
//
// Where the scratch lives: Go keeps the poll and lock orders on the
// caller's stack, sized for the cases. Here every runtime function is
// NOSPLIT with a fixed frame the linker checks, so the orders and the
// sudogs live in a block from malloc. The block must outlive a park, and
// the goroutine may resume on another M while that M runs other selects,
// so it belongs to the goroutine, not to the M: each g keeps the block
// of its last select (g.selbuf, for g.selcap cases) for the next, which
// then allocates nothing; a select of more than selectKeepCases cases
// allocates its own block and frees it on return, so that no goroutine
// holds on to a big one.
//
// The block for n cases: n sudogs (sudog i for case i), then the lock
// order and the poll order, n 16-bit case numbers each (cases on a nil
// channel are in neither, as they are never ready).

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "print.h"
#include "lock.h"

// selcase leaves in r the address of case i (a register) of cases.
#define selcase(cases, i, r)	MOVQ i, r; IMULQ $scase__size, r; ADDQ cases, r

// casechan leaves in r the channel of the case whose number is at
// index i of the order at SI, with the cases at DI.
#define casechan(i, r)	MOVWQZX (SI)(i*2), r; IMULQ $scase__size, r; MOVQ scase_c(DI)(r*1), r

// fastrand steps the M's xorshift64 generator (findrunnable's) in r,
// with t for scratch.
#define fastrand(r, t)	MOVQ r, t; SHLQ $13, t; XORQ t, r; MOVQ r, t; SHRQ $7, t; XORQ t, r; MOVQ r, t; SHLQ $17, t; XORQ t, r

// SELUNLOCK, in selectgo, unlocks its channels.
#define SELUNLOCK	MOVQ cases+0(FP), AX; MOVQ AX, 0(SP); MOVQ lo-16(SP), AX; MOVQ AX, 8(SP); MOVQ norder-32(SP), AX; MOVQ AX, 16(SP); CALL runtime·selunlock(SB)

// selectText and selectEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·selectText)

// func selectgo(cases *scase, ncases int64, block bool) (chosen int64, recvOK bool):
// complete one ready case, chosen at random among the ready ones, and
// return its number; recvOK says whether a receive got a sent value
// (false: a closed channel's zero value). Not blocking and with nothing
// ready, chosen is -1. Blocking, wait until one case can complete.
TEXT runtime·selectgo(SB), NOSPLIT, $96-33
	MOVQ	ncases+8(FP), CX
	CMPQ	CX, $const_maxSelectCases
	JHI	toomany	// also a negative count
	TESTQ	CX, CX
	JEQ	nocases
	MOVB	$0, recvOK+32(FP)

	// The scratch block: the g's own, grown if it is too small.
	MOVQ	$0, owned-72(SP)
	get_tls(AX)
	MOVQ	g(AX), AX
	CMPQ	CX, g_selcap(AX)
	JHI	grow
	MOVQ	g_selbuf(AX), DX
	JMP	havebuf
grow:
	CMPQ	CX, $const_selectKeepCases
	JHI	oneoff
	MOVQ	$4, DX
round:
	CMPQ	DX, CX
	JCC	rounded
	SHLQ	$1, DX
	JMP	round
rounded:
	MOVQ	DX, casi-56(SP)	// the new capacity
	MOVQ	g_selbuf(AX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·free(SB)	// nil the first time
	MOVQ	casi-56(SP), AX
	IMULQ	$(sudog__size+4), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DX
	get_tls(AX)
	MOVQ	g(AX), AX
	MOVQ	DX, g_selbuf(AX)
	MOVQ	casi-56(SP), CX
	MOVQ	CX, g_selcap(AX)
	JMP	havebuf
oneoff:
	MOVQ	CX, AX
	IMULQ	$(sudog__size+4), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DX
	MOVQ	$1, owned-72(SP)
havebuf:
	MOVQ	DX, buf-8(SP)
	MOVQ	ncases+8(FP), R8
	MOVQ	R8, AX
	IMULQ	$sudog__size, AX
	ADDQ	AX, DX
	MOVQ	DX, lo-16(SP)
	LEAQ	(DX)(R8*2), SI
	MOVQ	SI, po-24(SP)

	// The poll order: a random permutation of the cases on non-nil
	// channels, built by inserting each at a random place (Fisher and
	// Yates, inside out), with the M's random numbers.
	MOVQ	cases+0(FP), DI
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	g_m(CX), R11
	MOVQ	m_fastrand(R11), BX
	XORL	R9, R9	// case
	XORL	R10, R10	// cases in the order so far
perm:
	selcase(DI, R9, AX)
	CMPQ	scase_c(AX), $0
	JEQ	permnext
	fastrand(BX, CX)
	MOVQ	BX, AX
	SHRQ	$32, AX
	LEAQ	1(R10), CX
	IMULQ	CX, AX
	SHRQ	$32, AX	// uniform in [0, R10]
	MOVWQZX	(SI)(AX*2), CX
	MOVW	CX, (SI)(R10*2)
	MOVW	R9, (SI)(AX*2)
	INCQ	R10
permnext:
	INCQ	R9
	CMPQ	R9, R8
	JLT	perm
	MOVQ	BX, m_fastrand(R11)
	MOVQ	R10, norder-32(SP)
	TESTQ	R10, R10
	JEQ	allnil

	// The lock order: the same cases sorted by channel address.
	MOVQ	lo-16(SP), DX
	XORL	CX, CX
copy:
	MOVWQZX	(SI)(CX*2), AX
	MOVW	AX, (DX)(CX*2)
	INCQ	CX
	CMPQ	CX, R10
	JLT	copy
	MOVQ	DI, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	R10, 16(SP)
	CALL	runtime·selsort(SB)
	MOVQ	cases+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	lo-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	norder-32(SP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·sellock(SB)

	// Pass 1: the first ready case in the poll order.
	MOVQ	$0, k-40(SP)
poll:
	MOVQ	k-40(SP), CX
	CMPQ	CX, norder-32(SP)
	JGE	notready
	INCQ	k-40(SP)
	MOVQ	po-24(SP), SI
	MOVWQZX	(SI)(CX*2), AX
	MOVQ	AX, casi-56(SP)
	MOVQ	cases+0(FP), DI
	selcase(DI, AX, DX)
	MOVQ	DX, cas-48(SP)
	MOVQ	scase_c(DX), BX
	CMPQ	scase_dir(DX), $const_caseSend
	JEQ	trysend
	// A receive: from a waiting sender, the buffer, or a closed channel.
	LEAQ	hchan_sendq(BX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JNE	recvsender
	MOVQ	cas-48(SP), DX
	MOVQ	scase_c(DX), BX
	CMPQ	hchan_qcount(BX), $0
	JNE	recvbuf
	CMPQ	hchan_closed(BX), $0
	JNE	recvclose
	JMP	poll
trysend:
	// A send: fatal on a closed channel; else to a waiting receiver, or
	// into the buffer.
	CMPQ	hchan_closed(BX), $0
	JNE	sendclosed
	LEAQ	hchan_recvq(BX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·dequeue(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JNE	sendreceiver
	MOVQ	cas-48(SP), DX
	MOVQ	scase_c(DX), BX
	MOVQ	hchan_qcount(BX), CX
	CMPQ	CX, hchan_dataqsiz(BX)
	JCS	sendbuf
	JMP	poll

recvsender:
	MOVQ	AX, sg-64(SP)
	MOVQ	cas-48(SP), DX
	MOVQ	scase_c(DX), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	scase_elem(DX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·recvfrom(SB)
	MOVB	$1, recvOK+32(FP)
	JMP	wakepartner
sendreceiver:
	MOVQ	AX, sg-64(SP)
	MOVQ	cas-48(SP), DX
	MOVQ	scase_c(DX), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	scase_elem(DX), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·sendto(SB)
wakepartner:
	SELUNLOCK
	MOVQ	sg-64(SP), AX
	MOVQ	sudog_g(AX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·goready(SB)
	JMP	done
recvbuf:
	MOVQ	BX, 0(SP)
	MOVQ	scase_elem(DX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·bufrecv(SB)
	MOVB	$1, recvOK+32(FP)
	JMP	unlockdone
recvclose:
	MOVQ	BX, 0(SP)
	MOVQ	scase_elem(DX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·recvclosed(SB)
	JMP	unlockdone
sendbuf:
	MOVQ	BX, 0(SP)
	MOVQ	scase_elem(DX), CX
	MOVQ	CX, 8(SP)
	CALL	runtime·bufsend(SB)
unlockdone:
	SELUNLOCK
done:
	MOVQ	casi-56(SP), AX
	MOVQ	AX, chosen+24(FP)
	CMPQ	owned-72(SP), $0
	JEQ	ret
	MOVQ	buf-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
ret:
	RET

notready:
	CMPB	block+16(FP), $0
	JNE	wait
	SELUNLOCK
allnilnb:
	MOVQ	$-1, casi-56(SP)
	JMP	done

allnil:
	// Every case is on a nil channel: never ready.
	CMPB	block+16(FP), $0
	JEQ	allnilnb
forever:
	MOVQ	$0, 0(SP)
	LEAQ	str_waitSelect, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	JMP	forever

wait:
	// Pass 2: a sudog on every channel's queue, in lock order, listed
	// in that order from g.waiting; park, and park_m releases the locks.
	MOVQ	$0, k-40(SP)
	MOVQ	$0, sg-64(SP)	// the list's tail
enqueue:
	MOVQ	k-40(SP), CX
	MOVQ	lo-16(SP), SI
	MOVWQZX	(SI)(CX*2), AX
	MOVQ	AX, DI
	IMULQ	$sudog__size, DI
	ADDQ	buf-8(SP), DI	// its sudog
	selcase(cases+0(FP), AX, DX)
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	CX, sudog_g(DI)
	MOVQ	scase_elem(DX), AX
	MOVQ	AX, sudog_elem(DI)
	MOVQ	scase_c(DX), BX
	MOVQ	BX, sudog_c(DI)
	MOVQ	$0, sudog_success(DI)
	MOVQ	$1, sudog_isselect(DI)
	MOVQ	$0, sudog_waitlink(DI)
	MOVQ	sg-64(SP), AX
	TESTQ	AX, AX
	JEQ	head
	MOVQ	DI, sudog_waitlink(AX)
	JMP	linked
head:
	MOVQ	DI, g_waiting(CX)
linked:
	MOVQ	DI, sg-64(SP)
	LEAQ	hchan_recvq(BX), AX
	CMPQ	scase_dir(DX), $const_caseSend
	JNE	queue
	LEAQ	hchan_sendq(BX), AX
queue:
	MOVQ	AX, 0(SP)
	MOVQ	DI, 8(SP)
	CALL	runtime·enqueue(SB)
	INCQ	k-40(SP)
	MOVQ	k-40(SP), CX
	CMPQ	CX, norder-32(SP)
	JLT	enqueue
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	$0, g_param(CX)
	MOVQ	$0, 0(SP)
	LEAQ	str_waitSelect, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)

	// Woken: whoever completed a case left its sudog in g.param, and
	// no one else can change selectdone until it is 0 again. Pass 3,
	// under all the locks again: take the other sudogs off their
	// queues.
	MOVQ	cases+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	lo-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	norder-32(SP), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·sellock(SB)
	get_tls(CX)
	MOVQ	g(CX), CX
	MOVQ	$0, g_selectdone(CX)
	MOVQ	$0, g_waiting(CX)
	MOVQ	g_param(CX), AX
	MOVQ	AX, sg-64(SP)
	MOVQ	$0, g_param(CX)
	MOVQ	$-1, casi-56(SP)
	MOVQ	$0, k-40(SP)
dequeue:
	MOVQ	k-40(SP), CX
	MOVQ	lo-16(SP), SI
	MOVWQZX	(SI)(CX*2), AX
	MOVQ	AX, DI
	IMULQ	$sudog__size, DI
	ADDQ	buf-8(SP), DI
	MOVQ	$0, sudog_isselect(DI)
	MOVQ	$0, sudog_waitlink(DI)
	CMPQ	DI, sg-64(SP)
	JNE	unqueue
	MOVQ	AX, casi-56(SP)	// the case that fired, off its queue already
	JMP	dequeued
unqueue:
	selcase(cases+0(FP), AX, DX)
	MOVQ	scase_c(DX), BX
	LEAQ	hchan_recvq(BX), AX
	CMPQ	scase_dir(DX), $const_caseSend
	JNE	unqueue1
	LEAQ	hchan_sendq(BX), AX
unqueue1:
	MOVQ	AX, 0(SP)
	MOVQ	DI, 8(SP)
	CALL	runtime·dequeuesudog(SB)
dequeued:
	INCQ	k-40(SP)
	MOVQ	k-40(SP), CX
	CMPQ	CX, norder-32(SP)
	JLT	dequeue
	MOVQ	casi-56(SP), AX
	TESTQ	AX, AX
	JLT	badwakeup
	// A send woken without success found its channel closed.
	MOVQ	sg-64(SP), BX
	MOVQ	sudog_success(BX), CX
	MOVQ	$0, sudog_elem(BX)
	MOVQ	$0, sudog_c(BX)
	selcase(cases+0(FP), AX, DX)
	CMPQ	scase_dir(DX), $const_caseSend
	JEQ	sent
	MOVB	CX, recvOK+32(FP)
	JMP	unlockdone
sent:
	TESTQ	CX, CX
	JNE	unlockdone
sendclosed:
	SELUNLOCK
	THROW(str_sendClosed)
	RET

badwakeup:
	THROW(str_selectBadWakeup)
	RET

nocases:
	CMPB	block+16(FP), $0
	JNE	noneforever
	MOVQ	$-1, chosen+24(FP)
	MOVB	$0, recvOK+32(FP)
	RET
noneforever:
	// A select with no cases blocks forever.
	MOVQ	$0, 0(SP)
	LEAQ	str_waitSelectNoCases, AX
	MOVQ	AX, 8(SP)
	CALL	runtime·gopark(SB)
	JMP	noneforever

toomany:
	LEAQ	str_selectTooMany, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// func sellock(cases *scase, lo *uint16, n int64): lock the channels of
// the n cases in the lock order lo, each once.
TEXT runtime·sellock(SB), NOSPLIT, $24-24
	MOVQ	$0, i-8(SP)
	MOVQ	$0, last-16(SP)
next:
	MOVQ	i-8(SP), CX
	CMPQ	CX, n+16(FP)
	JGE	done
	INCQ	i-8(SP)
	MOVQ	cases+0(FP), DI
	MOVQ	lo+8(FP), SI
	casechan(CX, AX)
	CMPQ	AX, last-16(SP)
	JEQ	next	// a channel in several cases
	MOVQ	AX, last-16(SP)
	LOCK_MUTEX(hchan_lock(AX))
	JMP	next
done:
	RET

// func selunlock(cases *scase, lo *uint16, n int64): unlock what sellock
// locked.
TEXT runtime·selunlock(SB), NOSPLIT, $24-24
	MOVQ	$0, i-8(SP)
	MOVQ	$0, last-16(SP)
next:
	MOVQ	i-8(SP), CX
	CMPQ	CX, n+16(FP)
	JGE	done
	INCQ	i-8(SP)
	MOVQ	cases+0(FP), DI
	MOVQ	lo+8(FP), SI
	casechan(CX, AX)
	CMPQ	AX, last-16(SP)
	JEQ	next
	MOVQ	AX, last-16(SP)
	UNLOCK_MUTEX(hchan_lock(AX))
	JMP	next
done:
	RET

// func selunlockparked(sg *sudog), on g0 from park_m: unlock the channels
// of a parked select, whose sudogs are listed in lock order from sg. The
// list is not touched once the last lock is released: the select's g may
// run as soon as it has them all again.
TEXT runtime·selunlockparked(SB), NOSPLIT, $16-8
	MOVQ	$0, last-8(SP)
next:
	MOVQ	sg+0(FP), AX
	TESTQ	AX, AX
	JEQ	final
	MOVQ	sudog_waitlink(AX), DX
	MOVQ	DX, sg+0(FP)
	MOVQ	sudog_c(AX), CX
	MOVQ	last-8(SP), BX
	CMPQ	CX, BX
	JEQ	next
	MOVQ	CX, last-8(SP)
	TESTQ	BX, BX
	JEQ	next
	LEAQ	hchan_lock(BX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·unlock(SB)
	JMP	next
final:
	MOVQ	last-8(SP), BX
	LEAQ	hchan_lock(BX), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·unlock(SB)
	RET

// func selsort(cases *scase, lo *uint16, n int64): sort the n case
// numbers at lo by their channels' addresses (heap sort, as Go: no
// recursion, no scratch, n log n at worst).
TEXT runtime·selsort(SB), NOSPLIT, $0-24
	MOVQ	cases+0(FP), DI
	MOVQ	lo+8(FP), SI
	MOVQ	n+16(FP), R8
	MOVQ	R8, R9
	SHRQ	$1, R9
heapify:
	TESTQ	R9, R9
	JEQ	extract
	DECQ	R9
	MOVQ	R9, BX
	CALL	selsiftdown<>(SB)
	JMP	heapify
extract:
	// The largest is at the root: swap it to the end and sift down the
	// rest.
	CMPQ	R8, $1
	JLE	done
	DECQ	R8
	MOVWQZX	(SI), AX
	MOVWQZX	(SI)(R8*2), CX
	MOVW	CX, (SI)
	MOVW	AX, (SI)(R8*2)
	XORL	BX, BX
	CALL	selsiftdown<>(SB)
	JMP	extract
done:
	RET

// selsiftdown<> moves the entry at BX of the heap of R8 case numbers at SI
// (cases at DI) down to where it is at least its children. It changes AX,
// BX, CX, DX, R10 and R11.
TEXT selsiftdown<>(SB), NOSPLIT|NOFRAME, $0-0
loop:
	LEAQ	1(BX)(BX*1), CX	// the first child
	CMPQ	CX, R8
	JGE	done
	casechan(CX, R10)
	LEAQ	1(CX), DX
	CMPQ	DX, R8
	JGE	onechild
	casechan(DX, R11)
	CMPQ	R10, R11
	JCC	onechild
	MOVQ	DX, CX	// the second child is the larger
	MOVQ	R11, R10
onechild:
	casechan(BX, R11)
	CMPQ	R11, R10
	JCC	done
	MOVWQZX	(SI)(BX*2), AX
	MOVWQZX	(SI)(CX*2), DX
	MOVW	DX, (SI)(BX*2)
	MOVW	AX, (SI)(CX*2)
	MOVQ	CX, BX
	JMP	loop
done:
	RET

TEXT_MARK(runtime·selectEtext)
