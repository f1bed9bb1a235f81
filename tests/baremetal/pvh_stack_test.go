package baremetal_test

import (
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// pvhDeepSrc recurses 600,000 deep through a 64-byte frame (about 48 MB
// of stack segments, up to 1 MiB each) on the main goroutine, then twice
// on goroutines, and prints each sum: the second goroutine's big segments
// are the first's, kept by the bare-metal heap's stack pool.
const pvhDeepSrc = `#include "textflag.h"
#include "test.h"
TEXT main·rec(SB), $64-16
	MOVQ	n+0(FP), AX
	MOVQ	AX, x-8(SP)
	TESTQ	AX, AX
	JEQ	zero
	DECQ	AX
	MOVQ	AX, 0(SP)
	CALL	main·rec(SB)
	MOVQ	8(SP), AX
	ADDQ	x-8(SP), AX
	MOVQ	AX, ret+8(FP)
	RET
zero:
	MOVQ	$0, ret+8(FP)
	RET

TEXT main·run(SB), $16-0
	MOVQ	$600000, 0(SP)
	CALL	main·rec(SB)
	PRINT_INT(8(SP))
	CALL	runtime·printnl(SB)
	CHANSEND(main·c(SB), main·zero(SB))
	RET

TEXT main·main(SB), $24-0
	MAKECHAN($1)
	MOVQ	AX, main·c(SB)
	CALL	main·run(SB)
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	$2, n-8(SP)
again:
	GO(main·runfn(SB))
	MOVQ	main·c(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	n-8(SP)
	JNE	again
	RET
DATA main·runfn+0(SB)/8, $main·run(SB)
GLOBL main·runfn(SB), RODATA, $8
GLOBL main·c(SB), NOPTR, $8
GLOBL main·zero(SB), NOPTR, $8
`

// TestPVHStackGrowth: goroutine stacks grow by segments on bare metal too,
// in QEMU's default 128 MiB, which could not hold the recursion three times
// over if freed segments were not reused.
func TestPVHStackGrowth(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"deep.s": pvhDeepSrc})
	serial, code := boot(t, testutil.LinkPVH(t, dir, "deep", dir+"/deep.s"))
	want := strings.Repeat("180000300000\n", 3)
	if serial != want || code != 1 {
		t.Errorf("serial %q, status %d; want %q and status 1", serial, code, want)
	}
}
