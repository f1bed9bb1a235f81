package baremetal_test

import (
	"fmt"
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

// pvhBigMemSrc keeps 20 blocks of 64 MiB (1.25 GiB) live, each marked with
// its index at both ends, checks every mark once all are allocated, and
// prints how many blocks lie at or above 1 GiB and at or above 4 GiB.
const pvhBigMemSrc = `#include "textflag.h"
#include "test.h"

#define nblocks	20
#define blockSize	(64<<20)

GLOBL blocks<>(SB), $(nblocks*8)

TEXT main·main(SB), $40-0
	MOVQ	$0, i-8(SP)
alloc:
	MOVQ	$blockSize, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	i-8(SP), CX
	LEAQ	blocks<>(SB), BX
	MOVQ	AX, (BX)(CX*8)
	MOVQ	CX, 0(AX)
	MOVQ	CX, (blockSize-8)(AX)
	INCQ	CX
	MOVQ	CX, i-8(SP)
	CMPQ	CX, $nblocks
	JLT	alloc

	MOVQ	$0, CX
	MOVQ	$0, above1G-16(SP)
	MOVQ	$0, above4G-24(SP)
check:
	LEAQ	blocks<>(SB), BX
	MOVQ	(BX)(CX*8), AX
	CMPQ	0(AX), CX
	JNE	bad
	CMPQ	(blockSize-8)(AX), CX
	JNE	bad
	MOVQ	$(1<<30), DX
	CMPQ	AX, DX
	JCS	low
	INCQ	above1G-16(SP)
	MOVQ	$(1<<32), DX
	CMPQ	AX, DX
	JCS	low
	INCQ	above4G-24(SP)
low:
	INCQ	CX
	CMPQ	CX, $nblocks
	JLT	check
	PRINT_INT(above1G-16(SP))
	CALL	runtime·printnl(SB)
	PRINT_INT(above4G-24(SP))
	CALL	runtime·printnl(SB)
	RET
bad:
	MOVQ	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET
`

// TestPVHMemoryAbove1G: the heap uses every RAM region of the memory map,
// above 1 GiB and above the hole below 4 GiB. QEMU's pc machine with
// max-ram-below-4g=1G and -m 1536M has RAM from 1 MiB to 1 GiB and from
// 4 GiB to 4.5 GiB: 1.25 GiB of live blocks must spill into the second
// region. With -m 1G, one region, the same program runs out of memory.
func TestPVHMemoryAbove1G(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"m.s": pvhBigMemSrc})
	img := testutil.LinkPVH(t, dir, "m", dir+"/m.s")
	// GOGC=off: the test is about where memory comes from; collections
	// scanning the blocks under TCG would only cost time.
	serial, code := boot(t, img, "-M", "pc,max-ram-below-4g=1G", "-m", "1536M", "-append", "GOGC=off")
	var above1G, above4G int
	if n, _ := fmt.Sscanf(serial, "%d\n%d\n", &above1G, &above4G); n != 2 || code != 1 || above4G < 4 || above1G != above4G {
		t.Errorf("RAM below 1 GiB and above 4 GiB: serial %q, status %d; want 1.25 GiB live, at least 4 blocks above 4 GiB (none between 1 and 4), status 1", serial, code)
	}
	serial, code = boot(t, img, "-m", "1G", "-append", "GOGC=off")
	if !strings.HasPrefix(serial, "fatal error: out of memory\n") || code != 5 {
		t.Errorf("-m 1G: serial %q, status %d; want out of memory and status 5 (exit 2)", serial, code)
	}
}
