package baremetal_test

import (
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// pvhMallocSrc churns 1,000,000 64-byte blocks, then 300 blocks of 1 MiB
// and 30 of 10 MiB (multi-arena runs), each written and freed: 600 MiB in
// all, in QEMU's default 128 MiB. Each block must arrive zeroed (exit 3
// if not). Then a double free, which must be fatal.
const pvhMallocSrc = `#include "textflag.h"
// big(size, n): n times, a block of size bytes, checked, written, freed.
TEXT main·big(SB), $32-16
loop:
	MOVQ	size+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	size+0(FP), CX
	MOVQ	$0, DX
touch:
	CMPQ	(AX)(DX*1), $0
	JNE	dirty
	MOVQ	$-1, (AX)(DX*1)
	ADDQ	$4096, DX
	CMPQ	DX, CX
	JCS	touch
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	DECQ	n+8(FP)
	JNE	loop
	RET
dirty:
	MOVL	$3, 0(SP)
	CALL	runtime·exit(SB)
	RET

TEXT main·main(SB), $24-0
	MOVQ	$1000000, n-8(SP)
churn:
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	CMPQ	56(AX), $0
	JNE	dirty
	MOVQ	$-1, 56(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	DECQ	n-8(SP)
	JNE	churn
	MOVQ	$1048576, 0(SP)
	MOVQ	$300, 8(SP)
	CALL	main·big(SB)
	MOVQ	$10485760, 0(SP)
	MOVQ	$30, 8(SP)
	CALL	main·big(SB)
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVQ	$48, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, n-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	n-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET
dirty:
	MOVL	$3, 0(SP)
	CALL	runtime·exit(SB)
	RET
`

// TestPVHMallocFree: the bare-metal runtime has the same allocator over
// its heap: freed memory is reused, zeroed, and a double free is caught.
func TestPVHMallocFree(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"m.s": pvhMallocSrc})
	serial, code := boot(t, testutil.LinkPVH(t, dir, "m", dir+"/m.s"))
	if !strings.HasPrefix(serial, "1\nruntime: free(0x") || !strings.Contains(serial, ")\nfatal error: free: double free\n") || code != 5 {
		t.Errorf("serial %q, status %d; want 1, then the double free's fatal error and status 5 (exit 2)", serial, code)
	}
}

// TestPVHMallocHuge: on bare metal too, a size that wraps around when
// rounded up, or more than the machine has, is out of memory.
func TestPVHMallocHuge(t *testing.T) {
	needQEMU(t)
	for name, size := range map[string]string{"2^64-16": "-16", "256 MiB": "268435456"} {
		dir := t.TempDir()
		testutil.WriteFiles(t, dir, map[string]string{"m.s": `#include "textflag.h"
TEXT main·main(SB), $16-0
	MOVQ	$` + size + `, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET
`})
		serial, code := boot(t, testutil.LinkPVH(t, dir, "m", dir+"/m.s"))
		if !strings.HasPrefix(serial, "fatal error: out of memory\n") || code != 5 {
			t.Errorf("malloc(%s): serial %q, status %d; want out of memory and status 5 (exit 2)", name, serial, code)
		}
	}
}
