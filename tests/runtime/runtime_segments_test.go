package runtime_test

import (
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// segmentsSrc exercises what a new stack segment must keep working:
// arguments and results read and written through FP on the new segment,
// a pointer into a frame on an older segment written through from newer
// ones, and frames too big for the pooled segment sizes.
const segmentsSrc = `#include "textflag.h"
#include "test.h"

// func sum3(n, a, b int64) (s, t int64): s = a+b+n + sum3(n-1, ...).s,
// t counts the calls; every call may start a new segment.
TEXT main·sum3(SB), $48-40
	MOVQ	n+0(FP), AX
	TESTQ	AX, AX
	JEQ	zero
	DECQ	AX
	MOVQ	AX, 0(SP)
	MOVQ	a+8(FP), BX
	MOVQ	BX, 8(SP)
	MOVQ	b+16(FP), CX
	MOVQ	CX, 16(SP)
	CALL	main·sum3(SB)
	MOVQ	24(SP), AX
	ADDQ	n+0(FP), AX
	ADDQ	a+8(FP), AX
	ADDQ	b+16(FP), AX
	MOVQ	AX, s+24(FP)
	MOVQ	32(SP), AX
	INCQ	AX
	MOVQ	AX, t+32(FP)
	RET
zero:
	MOVQ	$0, s+24(FP)
	MOVQ	$1, t+32(FP)
	RET

// func addto(p *int64, n int64): *p += n, then recurse: p points into
// main's frame, many segments below.
TEXT main·addto(SB), $32-16
	MOVQ	p+0(FP), AX
	MOVQ	n+8(FP), CX
	ADDQ	CX, 0(AX)
	TESTQ	CX, CX
	JEQ	done
	DECQ	CX
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	main·addto(SB)
done:
	RET

// func big(n int64) int64: a 40,000-byte frame, more than the largest
// pooled segment, touched at both ends.
TEXT main·big(SB), $40000-16
	MOVQ	n+0(FP), AX
	MOVQ	AX, hi-8(SP)
	MOVQ	AX, lo-39984(SP)
	TESTQ	AX, AX
	JEQ	zero
	DECQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·big(SB)
	MOVQ	8(SP), AX
	ADDQ	hi-8(SP), AX
	ADDQ	lo-39984(SP), AX
	MOVQ	AX, ret+8(FP)
	RET
zero:
	MOVQ	$0, ret+8(FP)
	RET

TEXT main·main(SB), $48-0
	MOVQ	$100000, 0(SP)
	MOVQ	$3, 8(SP)
	MOVQ	$4, 16(SP)
	CALL	main·sum3(SB)
	PRINT_INT(24(SP))
	CALL	runtime·printnl(SB)
	PRINT_INT(32(SP))
	CALL	runtime·printnl(SB)

	MOVQ	$0, acc-8(SP)
	LEAQ	acc-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	$100000, 8(SP)
	CALL	main·addto(SB)
	PRINT_INT(acc-8(SP))
	CALL	runtime·printnl(SB)

	MOVQ	$300, 0(SP)
	CALL	main·big(SB)
	PRINT_INT(8(SP))
	CALL	runtime·printnl(SB)
	RET
`

// TestStackSegments: arguments, results and pointers into frames survive
// stack growth, for pooled and for mapped segments.
func TestStackSegments(t *testing.T) {
	exe := testutil.LinkProgram(t, segmentsSrc)
	const n = 100000
	want := []string{
		itoa(n*(n+1)/2 + 7*n), // sum3
		itoa(n + 1),           // its calls
		itoa(n * (n + 1) / 2), // addto through the pointer
		itoa(2 * 300 * 301 / 2),
	}
	for _, procs := range []int{1, 2} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 60*time.Second)
		if err != nil || code != 0 || out != strings.Join(want, "\n")+"\n" {
			t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, want %q; stderr %.1000s", procs, code, err, out, want, errOut)
		}
	}
}

// TestStackUnknownArgsize: a function whose TEXT line gives no argument
// size cannot be moved to a new segment (its arguments could not be
// copied); the program stops and says which function and what to do.
func TestStackUnknownArgsize(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·f(SB), $64
	CALL	main·f(SB)
	RET
TEXT main·main(SB), $0-0
	CALL	main·f(SB)
	RET
`)
	out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
	const msg = "runtime: main.f needs a new stack segment, but its argument size is unknown: declare it (TEXT name(SB), $frame-argsize)\n"
	if err != nil || code != 2 || out != "" || !strings.HasPrefix(errOut, msg) {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %.1000q; want exit 2 and %q first", code, err, out, errOut, msg)
	}
	frames, _ := parseTraceback(t, errOut[len(msg):], "fatal error: stack split at a function of unknown argument size")
	if !hasFrame(frames, "main.f", "p.s", "3") {
		t.Errorf("the traceback has no main.f at p.s:3:\n%s", errOut)
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0 || len(b) == 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
