package runtime_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestMutexExample: examples/mutex.s (8 goroutines × 200,000
// lock/increment/unlock, joined by a wait group) counts exactly, on one
// P and on several, run after run.
func TestMutexExample(t *testing.T) {
	exe := testutil.BuildExample(t, "mutex")
	for _, procs := range []int{1, 2, 4} {
		for run := 0; run < 3; run++ {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
			if err != nil || code != 0 {
				t.Fatalf("GOMAXPROCS=%d: exit %d, %v\n%s%s", procs, code, err, out, errOut)
			}
			if !strings.HasPrefix(out, "mutex 1600000 ") {
				t.Fatalf("GOMAXPROCS=%d: %q, want mutex 1600000 <ns/op>", procs, out)
			}
		}
	}
}

// wgManySrc: 100,000 goroutines each count themselves (atomically) and
// call Done once; main waits, then prints the count it finds, once.
const wgManySrc = `#include "textflag.h"
#include "test.h"
#define N 100000
GLOBL main·wg(SB), NOPTR, $16
GLOBL main·finished(SB), NOPTR, $8
DATA main·childfn+0(SB)/8, $main·child(SB)
GLOBL main·childfn(SB), RODATA, $8
TEXT main·main(SB), $24-0
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$N, 8(SP)
	CALL	runtime·wgAdd(SB)
	MOVQ	$N, i-8(SP)
spawn:
	GO(main·childfn(SB))
	DECQ	i-8(SP)
	JNE	spawn
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)
	PRINT_INT(main·finished(SB))
	CALL	runtime·printnl(SB)
	RET
TEXT main·child(SB), $16-0
	LOCK
	INCQ	main·finished(SB)
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)
	RET
`

// TestWaitGroupManyDone: Wait returns once, after the last of 100,000
// Done calls.
func TestWaitGroupManyDone(t *testing.T) {
	exe := testutil.LinkProgram(t, wgManySrc)
	for _, procs := range []int{1, 2, 4} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
		if err != nil || code != 0 {
			t.Fatalf("GOMAXPROCS=%d: exit %d, %v\n%s%s", procs, code, err, out, errOut)
		}
		if out != "100000\n" {
			t.Errorf("GOMAXPROCS=%d: printed %q, want \"100000\\n\" once", procs, out)
		}
	}
}

// semaPingPongSrc: main and a goroutine take turns through two
// semaphores, 100,000 rounds; each side checks the shared count is what
// its turn makes it (else exit 1), and main prints it at the end.
const semaPingPongSrc = `#include "textflag.h"
#include "test.h"
#define N 100000
GLOBL main·a(SB), NOPTR, $4
GLOBL main·b(SB), NOPTR, $4
GLOBL main·x(SB), NOPTR, $8
DATA main·ponger+0(SB)/8, $main·pong(SB)
GLOBL main·ponger(SB), RODATA, $8
TEXT main·main(SB), $16-0
	GO(main·ponger(SB))
	MOVQ	$0, i-8(SP)
loop:
	LEAQ	main·a(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semrelease(SB)
	LEAQ	main·b(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semacquire(SB)
	INCQ	i-8(SP)
	MOVQ	i-8(SP), AX
	CMPQ	AX, main·x(SB)
	JNE	bad
	CMPQ	AX, $N
	JNE	loop
	PRINT_INT(main·x(SB))
	CALL	runtime·printnl(SB)
	RET
bad:
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET
TEXT main·pong(SB), $16-0
loop:
	LEAQ	main·a(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semacquire(SB)
	INCQ	main·x(SB)
	LEAQ	main·b(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semrelease(SB)
	JMP	loop
`

// TestSemaPingPong: semacquire and semrelease hand the turn back and
// forth exactly.
func TestSemaPingPong(t *testing.T) {
	exe := testutil.LinkProgram(t, semaPingPongSrc)
	for _, procs := range []int{1, 2, 4} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
		if err != nil || code != 0 || out != "100000\n" {
			t.Errorf("GOMAXPROCS=%d: exit %d, %v, printed %q, want 100000\n%s", procs, code, err, out, errOut)
		}
	}
}

// TestSyncMisuse: the mistakes Go's sync package stops a program for are
// fatal errors with Go's words.
func TestSyncMisuse(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"unlock unlocked", `
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexUnlock(SB)`, "fatal error: sync: unlock of unlocked mutex"},
		{"unlock twice", `
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexLock(SB)
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexUnlock(SB)
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexUnlock(SB)`, "fatal error: sync: unlock of unlocked mutex"},
		{"negative counter", `
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-1, 8(SP)
	CALL	runtime·wgAdd(SB)`, "fatal error: sync: negative WaitGroup counter"},
		{"negative after add", `
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$2, 8(SP)
	CALL	runtime·wgAdd(SB)
	LEAQ	main·m(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$-3, 8(SP)
	CALL	runtime·wgAdd(SB)`, "fatal error: sync: negative WaitGroup counter"},
	} {
		exe := testutil.LinkProgram(t, fmt.Sprintf(`#include "textflag.h"
GLOBL main·m(SB), NOPTR, $16
TEXT main·main(SB), $16-0
%s
	MOVQ	$7, 0(SP)
	CALL	runtime·printint(SB)
	RET
`, tc.body))
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, time.Minute)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want+"\n") || !strings.Contains(errOut, "goroutine 1 [running]:") {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.name, code, out, errOut, tc.want)
		}
	}
}

// semaDeadlockSrc: one goroutine waits on a semaphore nobody releases,
// one on a mutex nobody unlocks, and main on a wait group nobody is done
// with.
const semaDeadlockSrc = `#include "textflag.h"
#include "test.h"
GLOBL main·s(SB), NOPTR, $4
GLOBL main·mu(SB), NOPTR, $8
GLOBL main·wg(SB), NOPTR, $16
DATA main·semfn+0(SB)/8, $main·semwaiter(SB)
GLOBL main·semfn(SB), RODATA, $8
DATA main·mufn+0(SB)/8, $main·muwaiter(SB)
GLOBL main·mufn(SB), RODATA, $8
TEXT main·main(SB), $16-0
	LEAQ	main·mu(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexLock(SB)
	GO(main·semfn(SB))
	GO(main·mufn(SB))
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·wgAdd(SB)
	LEAQ	main·wg(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·wgWait(SB)
	RET
TEXT main·semwaiter(SB), $8-0
	LEAQ	main·s(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·semacquire(SB)
	RET
TEXT main·muwaiter(SB), $8-0
	LEAQ	main·mu(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mutexLock(SB)
	RET
`

// TestSemaDeadlock: goroutines parked on semaphores with nobody left to
// wake them are a deadlock, reported with the new wait reasons.
func TestSemaDeadlock(t *testing.T) {
	exe := testutil.LinkProgram(t, semaDeadlockSrc)
	for _, procs := range []int{1, 2, 4} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "fatal error: all goroutines are asleep - deadlock!\n") {
			t.Fatalf("GOMAXPROCS=%d: exit %d, stdout %q, stderr:\n%s", procs, code, out, errOut)
		}
		for _, want := range []string{
			"goroutine 1 [sync.WaitGroup.Wait]:\nmain.main(...)",
			"goroutine 2 [semacquire]:\nmain.semwaiter(...)",
			"goroutine 3 [sync.Mutex.Lock]:\nmain.muwaiter(...)",
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("GOMAXPROCS=%d: no %q in:\n%s", procs, want, errOut)
			}
		}
	}
}
