// lostwake: a lock's sleeper whose wake-up was lost still gets the lock.
//
// main holds a runtime mutex word (1). A goroutine on the other P calls
// runtime·lock on it: the lock spins, announces a sleeper (2) and sleeps
// on the futex. main then releases the word with a plain store of 0 and
// no wake-up: what a channel's fast-path unlock does when it read 1 just
// before the sleeper wrote its 2 (chan_amd64.s). The sleeper must look at
// the word again by itself (lock_futex_amd64.s bounds its sleeps) and
// take the lock. Prints "took the lock" and exits 0, or "still asleep"
// after 2 s and exits 1. Run with GOMAXPROCS=2 and
// P9DEBUG=asyncpreemptoff=1: sysmon's preemption signal would otherwise
// interrupt the sleep every 10 ms and hide a lost wake-up.

#include "textflag.h"
#include "test.h"

GLOBL word<>(SB), NOPTR, $8
GLOBL took<>(SB), NOPTR, $8

TEXT main·main(SB), $32-0
	MOVL	$1, word<>(SB)
	GO(lockerfn<>(SB))
	// Until the locker has announced itself (5 s at most).
	LEAQ	word<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVL	$2, 8(SP)
	MOVQ	$5000, 16(SP)
	CALL	main·await(SB)
	CMPB	24(SP), $0
	JNE	announced
	PRINT_STRING(nosleep<>(SB), 12)
	JMP	fail
announced:
	// Long enough for it to be asleep in the kernel.
	MOVQ	$20000000, 0(SP)
	CALL	runtime·timeSleep(SB)
	// The lost wake-up: released without looking, nobody woken.
	MOVL	$0, word<>(SB)
	LEAQ	took<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVL	$1, 8(SP)
	MOVQ	$2000, 16(SP)
	CALL	main·await(SB)
	CMPB	24(SP), $0
	JNE	ok
	PRINT_STRING(asleep<>(SB), 13)
fail:
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET
ok:
	PRINT_STRING(tookmsg<>(SB), 14)
	RET

// func await(p *uint32, v uint32, ms int64) bool: whether *p became v
// within about ms milliseconds, looking once a millisecond.
TEXT main·await(SB), $8-25
look:
	MOVQ	p+0(FP), AX
	MOVL	0(AX), AX
	CMPL	AX, v+8(FP)
	JEQ	yes
	DECQ	ms+16(FP)
	JLT	no
	MOVL	$1000, 0(SP)
	CALL	runtime·usleep(SB)
	JMP	look
yes:
	MOVB	$1, ret+24(FP)
	RET
no:
	MOVB	$0, ret+24(FP)
	RET

// locker takes the word with runtime·lock, says so, and releases it.
TEXT main·locker(SB), $16-0
	LEAQ	word<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVL	$1, took<>(SB)
	LEAQ	word<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	RET

DATA lockerfn<>+0(SB)/8, $main·locker(SB)
GLOBL lockerfn<>(SB), RODATA, $8

DATA tookmsg<>+0(SB)/8, $"took the"
DATA tookmsg<>+8(SB)/6, $" lock\n"
GLOBL tookmsg<>(SB), RODATA|NOPTR, $14
DATA asleep<>+0(SB)/8, $"still as"
DATA asleep<>+8(SB)/5, $"leep\n"
GLOBL asleep<>(SB), RODATA|NOPTR, $13
DATA nosleep<>+0(SB)/8, $"never sl"
DATA nosleep<>+8(SB)/4, $"ept\n"
GLOBL nosleep<>(SB), RODATA|NOPTR, $12
