// Locks and notes on futexes, as Go's lock_futex does them.
//
// A mutex word is 0 (unlocked), 1 (locked) or 2 (locked, and a thread may
// be sleeping on it). A note is a one-shot event: 0 (clear) or 1 (woken); an idle M's note
// may also be poked (parkPoked, see notepoke).

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "print.h"

#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129

// Before sleeping, a contended lock looks at the word ACTIVE_SPIN times,
// ACTIVE_SPIN_PAUSES PAUSEs apart: Go's active_spin and active_spin_cnt.
// Looking after every PAUSE (100 times, as before) kept pulling the
// lock's cache line away from its owner, whose unlock then waited for it:
// the buffered worker pool at GOMAXPROCS=2 took 98 ns a job that way and
// 85 this way, Gosched ping-pong 121 and 60 (bench/ANALYSIS.md).
#define ACTIVE_SPIN	4
#define ACTIVE_SPIN_PAUSES	30

// lockText and lockEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·lockText)

// func lock(l *mutex)
TEXT runtime·lock(SB), NOSPLIT, $32-8
	MOVQ	l+0(FP), BX
	MOVL	$0, AX
	MOVL	$1, CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	spin
	RET
spin:
	MOVL	$ACTIVE_SPIN, DX
spinloop:
	MOVL	$ACTIVE_SPIN_PAUSES, CX
backoff:
	PAUSE
	DECL	CX
	JNE	backoff
	MOVL	0(BX), AX
	TESTL	AX, AX
	JNE	spinnext
	MOVL	$1, CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JEQ	done
spinnext:
	DECL	DX
	JNE	spinloop
	// Announce a sleeper: whoever unlocks will wake one. The sleep is
	// bounded (lockWaitLimit): channels' fast paths unlock with a plain
	// store when they read the word as 1, and a sleeper's 2 written
	// between that read and the store is lost with its wake-up (only if
	// the unlocking thread is interrupted between two instructions).
sleep:
	MOVL	$2, AX
	XCHGL	AX, 0(BX)
	TESTL	AX, AX
	JEQ	done
	MOVQ	BX, 0(SP)
	MOVL	$FUTEX_WAIT_PRIVATE, 8(SP)
	MOVL	$2, 12(SP)
	LEAQ	runtime·lockWaitLimit(SB), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·futex(SB)
	MOVQ	l+0(FP), BX
	JMP	sleep
done:
	RET

// lockWaitLimit is how long a lock's sleeper waits before it looks at
// the word again without a wake-up: a timespec of 1 ms.
DATA runtime·lockWaitLimit+0(SB)/8, $0
DATA runtime·lockWaitLimit+8(SB)/8, $1000000
GLOBL runtime·lockWaitLimit(SB), RODATA|NOPTR, $16

// func unlock(l *mutex)
TEXT runtime·unlock(SB), NOSPLIT, $32-8
	MOVQ	l+0(FP), BX
	MOVL	$0, AX
	XCHGL	AX, 0(BX)
	CMPL	AX, $1
	JEQ	done
	MOVQ	BX, 0(SP)
	MOVL	AX, 8(SP)
	CALL	runtime·unlockslow(SB)
done:
	RET

// func unlockslow(l *mutex, old uint32): the rest of an unlock that found
// the word old (not 1) as it set it to 0: wake a sleeper (2), or unlocking
// an unlocked lock (0). Code that unlocks inline (chan_amd64.s) calls it
// as unlock does.
TEXT runtime·unlockslow(SB), NOSPLIT, $32-12
	MOVQ	l+0(FP), BX
	CMPL	old+8(FP), $0
	JEQ	bad
	MOVQ	BX, 0(SP)
	MOVL	$FUTEX_WAKE_PRIVATE, 8(SP)
	MOVL	$1, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	RET
bad:
	THROW(str_unlockUnlocked)
	RET

// func notesleep(n *note): sleep until notewakeup(n).
TEXT runtime·notesleep(SB), NOSPLIT, $32-8
again:
	MOVQ	n+0(FP), BX
	MOVL	0(BX), AX
	TESTL	AX, AX
	JNE	done
	MOVQ	BX, 0(SP)
	MOVL	$FUTEX_WAIT_PRIVATE, 8(SP)
	MOVL	$0, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	JMP	again
done:
	RET

// func notewakeup(n *note)
TEXT runtime·notewakeup(SB), NOSPLIT, $32-8
	MOVQ	n+0(FP), BX
	MOVL	$1, AX
	XCHGL	AX, 0(BX)
	MOVQ	BX, 0(SP)
	MOVL	$FUTEX_WAKE_PRIVATE, 8(SP)
	MOVL	$1, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
	RET

// func notepoke(n *note): wake the M sleeping on n to look again at what
// it waits for, without handing it anything: a clear note becomes
// parkPoked. A note already woken stays woken.
TEXT runtime·notepoke(SB), NOSPLIT, $32-8
	MOVQ	n+0(FP), BX
	MOVL	$0, AX
	MOVL	$const_parkPoked, CX
	LOCK
	CMPXCHGL	CX, 0(BX)
	JNE	done
	MOVQ	BX, 0(SP)
	MOVL	$FUTEX_WAKE_PRIVATE, 8(SP)
	MOVL	$1, 12(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·futex(SB)
done:
	RET

// func noteclear(n *note)
TEXT runtime·noteclear(SB), NOSPLIT, $0-8
	MOVQ	n+0(FP), BX
	MOVL	$0, 0(BX)
	RET

TEXT_MARK(runtime·lockEtext)
