package runtime_test

import (
	"bufio"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// churnSrc mallocs, writes and frees a 64-byte block 10,000,000 times.
const churnSrc = `#include "textflag.h"
TEXT main·main(SB), $24-0
	MOVQ	$10000000, n-8(SP)
loop:
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	$1, 0(AX)
	MOVQ	$2, 56(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	DECQ	n-8(SP)
	JNE	loop
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET
`

// TestMallocFreeChurn: blocks that are freed are reused, so ten million
// short-lived blocks (640 MB in all) need next to no memory.
func TestMallocFreeChurn(t *testing.T) {
	exe := testutil.LinkProgram(t, churnSrc)
	start := time.Now()
	out, errOut, code, rss, err := testutil.RunMaxRSS(exe, 1, 20*time.Second)
	if err != nil || code != 0 || out != "1\n" {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q", code, err, out, errOut)
	}
	t.Logf("10,000,000 x malloc(64)/free: %v, peak RSS %.1f MB", time.Since(start).Round(time.Millisecond), float64(rss)/1e6)
	if rss > 16<<20 {
		t.Errorf("peak RSS %d bytes; want at most 16 MiB", rss)
	}
}

// sizesSrc allocates every size up to 2048 bytes, then sizes 61 bytes
// apart up to 33,000 (every class and both sides of its boundaries),
// then large ones. For each: two blocks, zeroed, 16-byte aligned and
// apart; both freed; a third, zeroed again. Exit 3: a block not zeroed
// (or overwritten); exit 4: not aligned.
const sizesSrc = `#include "textflag.h"
// checkfill(p, n, old, new): every byte of p[0:n] is old; then new.
TEXT main·checkfill(SB), NOSPLIT, $8-32
	MOVQ	p+0(FP), SI
	MOVQ	n+8(FP), CX
	MOVQ	old+16(FP), AX
	MOVQ	new+24(FP), DX
	TESTQ	CX, CX
	JEQ	done
	TESTQ	$15, SI
	JNE	unaligned
loop:
	CMPB	0(SI), AL
	JNE	bad
	MOVB	DL, 0(SI)
	INCQ	SI
	DECQ	CX
	JNE	loop
done:
	RET
unaligned:
	MOVL	$4, 0(SP)
	CALL	runtime·exit(SB)
	RET
bad:
	MOVL	$3, 0(SP)
	CALL	runtime·exit(SB)
	RET

// try(n)
TEXT main·try(SB), $48-8
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, p-8(SP)
	MOVQ	AX, 0(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVQ	$0xab, 24(SP)
	CALL	main·checkfill(SB)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, q-16(SP)
	MOVQ	AX, 0(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVQ	$0xcd, 24(SP)
	CALL	main·checkfill(SB)
	MOVQ	p-8(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0xab, 16(SP)
	MOVQ	$0xab, 24(SP)
	CALL	main·checkfill(SB)
	MOVQ	p-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	q-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, p-8(SP)
	MOVQ	AX, 0(SP)
	MOVQ	n+0(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVQ	$0x11, 24(SP)
	CALL	main·checkfill(SB)
	MOVQ	p-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET

TEXT main·main(SB), $16-0
	MOVQ	$0, n-8(SP)
small:
	MOVQ	n-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·try(SB)
	INCQ	n-8(SP)
	CMPQ	n-8(SP), $2048
	JLE	small
mid:
	MOVQ	n-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·try(SB)
	ADDQ	$61, n-8(SP)
	CMPQ	n-8(SP), $33000
	JLE	mid
	LEAQ	main·large(SB), AX
	MOVQ	AX, n-8(SP)
large:
	MOVQ	n-8(SP), AX
	MOVQ	0(AX), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, 0(SP)
	CALL	main·try(SB)
	ADDQ	$8, n-8(SP)
	JMP	large
done:
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA main·large+0(SB)/8, $32767
DATA main·large+8(SB)/8, $32768
DATA main·large+16(SB)/8, $32769
DATA main·large+24(SB)/8, $65536
DATA main·large+32(SB)/8, $1048576
DATA main·large+40(SB)/8, $8388611
DATA main·large+48(SB)/8, $20000003
GLOBL main·large(SB), RODATA, $64
`

// TestMallocSizeClasses: every size class, and large blocks, round-trip:
// zeroed, aligned, distinct, and zeroed again after a free.
func TestMallocSizeClasses(t *testing.T) {
	exe := testutil.LinkProgram(t, sizesSrc)
	for _, procs := range []int{1, 4} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 20*time.Second)
		if err != nil || code != 0 || out != "1\n" {
			t.Errorf("GOMAXPROCS=%d: exit %d (3: not zeroed, 4: not aligned), err %v, stdout %q, stderr %q", procs, code, err, out, errOut)
		}
	}
}

// concurrentSrc: four goroutines each allocate 200,000 blocks of sizes
// from 24 to 4,023 bytes (and 40,000 every 1,000th), keep the last 64 and
// free the oldest, checking that each block arrived zeroed and still
// holds what its owner wrote. Exit 3: a block was not zeroed; 5: one was
// overwritten while in use.
const concurrentSrc = `#include "textflag.h"
#include "test.h"
#define N	200000
#define RING	64

// worker: DX is its funcval {fn, id}.
TEXT main·worker(SB), $48-0
	MOVQ	8(DX), AX
	MOVQ	AX, id-8(SP)
	MOVQ	$(RING*8), 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ring-16(SP)
	MOVQ	$0, i-24(SP)
loop:
	MOVQ	i-24(SP), CX
	ANDQ	$(RING-1), CX
	MOVQ	ring-16(SP), DX
	MOVQ	(DX)(CX*8), AX
	TESTQ	AX, AX
	JEQ	alloc
	MOVQ	AX, 0(SP)
	MOVQ	id-8(SP), BX
	MOVQ	BX, 8(SP)
	CALL	main·release(SB)
alloc:
	// size = i*7919 % 4000 + 24, or 40,000 every 1,000th
	MOVQ	i-24(SP), AX
	IMULQ	$7919, AX
	XORL	DX, DX
	MOVQ	$4000, CX
	DIVQ	CX
	ADDQ	$24, DX
	MOVQ	DX, size-32(SP)
	MOVQ	i-24(SP), AX
	XORL	DX, DX
	MOVQ	$1000, CX
	DIVQ	CX
	TESTQ	DX, DX
	JNE	sized
	MOVQ	$40000, size-32(SP)
sized:
	MOVQ	size-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	size-32(SP), CX
	ANDQ	$~7, CX
	CMPQ	0(AX), $0
	JNE	notzero
	CMPQ	8(AX), $0
	JNE	notzero
	CMPQ	-8(AX)(CX*1), $0
	JNE	notzero
	MOVQ	id-8(SP), DX
	MOVQ	DX, 0(AX)
	MOVQ	CX, 8(AX)
	XORQ	CX, DX
	MOVQ	DX, -8(AX)(CX*1)
	MOVQ	i-24(SP), CX
	ANDQ	$(RING-1), CX
	MOVQ	ring-16(SP), DX
	MOVQ	AX, (DX)(CX*8)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $N
	JCS	loop
	// The last RING, then the ring itself.
	MOVQ	$0, i-24(SP)
drain:
	MOVQ	i-24(SP), CX
	MOVQ	ring-16(SP), DX
	MOVQ	(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	MOVQ	id-8(SP), BX
	MOVQ	BX, 8(SP)
	CALL	main·release(SB)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $RING
	JCS	drain
	MOVQ	ring-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	CHANSEND(main·done(SB), id-8(SP))
	RET
notzero:
	MOVL	$3, 0(SP)
	CALL	runtime·exit(SB)
	RET

// release(p, id): p still holds what worker id wrote; free it.
TEXT main·release(SB), $16-16
	MOVQ	p+0(FP), AX
	MOVQ	id+8(FP), DX
	CMPQ	0(AX), DX
	JNE	bad
	MOVQ	8(AX), CX
	XORQ	CX, DX
	CMPQ	-8(AX)(CX*1), DX
	JNE	bad
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET
bad:
	MOVL	$5, 0(SP)
	CALL	runtime·exit(SB)
	RET

TEXT main·main(SB), $24-0
	MAKECHAN($4)
	MOVQ	AX, main·done(SB)
	MOVQ	$1, n-8(SP)
start:
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·worker(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	n-8(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	INCQ	n-8(SP)
	CMPQ	n-8(SP), $4
	JLE	start
	MOVQ	$4, n-8(SP)
wait:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	n-8(SP)
	JNE	wait
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

GLOBL main·done(SB), NOPTR, $8
`

// TestMallocConcurrent: goroutines on several Ps allocate and free at
// once (their caches, the central lists and the heap under them), and no
// block is handed out twice or dirty. A run takes well under a second;
// the limit only tells a hang from a slow run, and is generous because
// with GOGC=1 in the environment (the collector's stress setting) each of
// some 200,000 cycles scans the half megabyte of blocks the rings hold,
// about 45 s in all.
func TestMallocConcurrent(t *testing.T) {
	exe := testutil.LinkProgram(t, concurrentSrc)
	for _, procs := range []int{1, 2, 4, 8} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 150*time.Second)
		if err != nil || code != 0 || out != "1\n" {
			t.Errorf("GOMAXPROCS=%d: exit %d (3: not zeroed, 5: overwritten), err %v, stdout %q, stderr %q", procs, code, err, out, errOut)
		}
	}
}

// TestMallocHugeSizes: sizes no memory can hold are out of memory, never
// a small block from a size that wrapped around.
func TestMallocHugeSizes(t *testing.T) {
	for name, load := range map[string]string{
		"2^64-16": "MOVQ	$-16, AX",
		"2^63":    "MOVQ	$1, AX\n\tSHLQ	$63, AX",
		"-1":      "MOVQ	$-1, AX",
		"2^47+1":  "MOVQ	$0x800000000001, AX",
	} {
		exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), $16-0
	`+load+`
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET
`)
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 2 || out != "" || !strings.HasPrefix(errOut, "fatal error: out of memory\n") {
			t.Errorf("malloc(%s): exit %d, err %v, stdout %q, stderr %q; want exit 2, out of memory", name, code, err, out, errOut)
		}
	}
}

// TestFreeMistakes: what free catches, each a fatal error naming the
// pointer, with the program's traceback.
func TestFreeMistakes(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"stack", `
	LEAQ	x-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: pointer into a goroutine stack"},
		{"data", `
	LEAQ	main·v(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: pointer not in the heap"},
		{"interior", `
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	ADDQ	$16, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: pointer not at the start of a block"},
		{"interior large", `
	MOVQ	$100000, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	ADDQ	$8192, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: pointer not at the start of a block"},
		{"double", `
	MOVQ	$64, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, x-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	x-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: double free"},
		{"double large", `
	MOVQ	$100000, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, x-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	x-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)`, "free: pointer not allocated"},
	} {
		exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), $16-0
	MOVQ	$0, 0(SP)
	CALL	runtime·free(SB)	// nil: nothing
	MOVQ	$0, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)	// malloc(0)'s zerobase: nothing
`+tc.body+`
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	RET
GLOBL main·v(SB), $16
`)
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		re := regexp.MustCompile(`^runtime: free\(0x[0-9a-f]+\)\nfatal error: ` + regexp.QuoteMeta(tc.want) + `\n\ngoroutine 1 \[running\]:\nmain\.main\(\.\.\.\)\n`)
		if err != nil || code != 2 || out != "" || !re.MatchString(errOut) {
			t.Errorf("%s: exit %d, err %v, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.name, code, err, out, errOut, tc.want)
		}
	}
}

// findblockSrc asks runtime·findblock for the block holding an address
// inside a 100-byte block (class 112), inside a 100,000-byte one (13
// pages), and on the stack, and prints base offsets and sizes.
const findblockSrc = `#include "textflag.h"
#include "test.h"
// probe(p, q): findblock(q); prints its base minus p, and its size.
TEXT main·probe(SB), $32-16
	MOVQ	q+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·findblock(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, size-8(SP)
	MOVQ	8(SP), AX
	SUBQ	p+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	MOVQ	$32, x-16(SP)
	PRINT_STRING(x-16(SP), 1)
	PRINT_INT(size-8(SP))
	CALL	runtime·printnl(SB)
	RET

TEXT main·main(SB), $24-0
	MOVQ	$100, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	ADDQ	$99, AX
	MOVQ	AX, 8(SP)
	CALL	main·probe(SB)
	MOVQ	$100000, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	ADDQ	$99999, AX
	MOVQ	AX, 8(SP)
	CALL	main·probe(SB)
	LEAQ	x-8(SP), AX
	MOVQ	$0, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	main·probe(SB)
	RET
`

// TestFindBlock: the block that holds an interior pointer, found from
// the span tables (what a conservative collector needs).
func TestFindBlock(t *testing.T) {
	exe := testutil.LinkProgram(t, findblockSrc)
	out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
	if want := "0 112\n0 106496\n0 0\n"; err != nil || code != 0 || out != want {
		t.Errorf("exit %d, err %v, stdout %q, stderr %q; want %q", code, err, out, errOut, want)
	}
}

// reuseSrc: 20 rounds of 64 blocks of 1 MiB and 64 of 100,000 to
// 163,000 bytes, allocated in turn, the first freed in order and the
// others in reverse, so free runs merge with the runs above and below
// them. Prints how many MiB of arenas the heap mapped
// (runtime·heapMapped).
const reuseSrc = `#include "textflag.h"
#define N	64
TEXT main·main(SB), $40-0
	MOVQ	$20, round-8(SP)
round:
	MOVQ	$0, i-16(SP)
alloc:
	MOVQ	$1048576, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	i-16(SP), CX
	LEAQ	main·a(SB), DX
	MOVQ	AX, (DX)(CX*8)
	IMULQ	$1000, CX
	ADDQ	$100000, CX
	MOVQ	CX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	i-16(SP), CX
	LEAQ	main·b(SB), DX
	MOVQ	AX, (DX)(CX*8)
	INCQ	i-16(SP)
	CMPQ	i-16(SP), $N
	JCS	alloc
	MOVQ	$0, i-16(SP)
free:
	MOVQ	i-16(SP), CX
	LEAQ	main·a(SB), DX
	MOVQ	(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	$(N-1), CX
	SUBQ	i-16(SP), CX
	LEAQ	main·b(SB), DX
	MOVQ	(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	INCQ	i-16(SP)
	CMPQ	i-16(SP), $N
	JCS	free
	DECQ	round-8(SP)
	JNE	round
	MOVQ	runtime·heapMapped(SB), AX
	SHRQ	$20, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET
GLOBL main·a(SB), NOPTR, $(N*8)
GLOBL main·b(SB), NOPTR, $(N*8)
`

// TestHeapReuse: freed page runs merge with their free neighbours and
// are reused: twenty rounds of 70 MB need no more arenas than one.
func TestHeapReuse(t *testing.T) {
	exe := testutil.LinkProgram(t, reuseSrc)
	out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
	if err != nil || code != 0 {
		t.Fatalf("exit %d, err %v, stdout %q, stderr %q", code, err, out, errOut)
	}
	if out != "128\n" {
		t.Errorf("the heap mapped %s MiB of arenas; want 128 (two arenas: one round's 70 MB)", strings.TrimSpace(out))
	}
}

// scavengeSrc grows the heap to 1 GiB (512 MiB of 64 KiB blocks, 512 MiB
// of 256-byte ones, every page written), frees it all, prints 1 and
// sleeps.
const scavengeSrc = `#include "textflag.h"
#define NLARGE	8192
#define NSMALL	2097152
TEXT main·main(SB), $40-0
	MOVQ	$(NLARGE*8), 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, large-8(SP)
	MOVQ	$(NSMALL*8), 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, small-16(SP)
	MOVQ	$0, i-24(SP)
l1:
	MOVQ	$65536, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	$0, CX
touch:
	MOVQ	$1, (AX)(CX*1)
	ADDQ	$4096, CX
	CMPQ	CX, $65536
	JCS	touch
	MOVQ	large-8(SP), DX
	MOVQ	i-24(SP), CX
	MOVQ	AX, (DX)(CX*8)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $NLARGE
	JCS	l1
	MOVQ	$0, i-24(SP)
l2:
	MOVQ	$256, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	$1, 248(AX)
	MOVQ	small-16(SP), DX
	MOVQ	i-24(SP), CX
	MOVQ	AX, (DX)(CX*8)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $NSMALL
	JCS	l2
	MOVQ	$0, i-24(SP)
f1:
	MOVQ	large-8(SP), DX
	MOVQ	i-24(SP), CX
	MOVQ	(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $NLARGE
	JCS	f1
	MOVQ	$0, i-24(SP)
f2:
	MOVQ	small-16(SP), DX
	MOVQ	i-24(SP), CX
	MOVQ	(DX)(CX*8), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	INCQ	i-24(SP)
	CMPQ	i-24(SP), $NSMALL
	JCS	f2
	MOVQ	large-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	small-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	$1, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVL	$30000000, 0(SP)
	CALL	runtime·usleep(SB)
	RET
`

// TestScavenger: a heap grown to 1 GiB and freed goes back to the system
// within a few seconds of idling: resident memory falls to 64 MiB or
// less.
func TestScavenger(t *testing.T) {
	exe := testutil.LinkProgram(t, scavengeSrc)
	cmd := exec.Command(exe)
	cmd.Env = append(cmd.Environ(), "GOMAXPROCS=2")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "1\n" {
		t.Fatalf("stdout %q, err %v, stderr %q", line, err, stderr.String())
	}
	freed := time.Now()
	peak, _ := testutil.ResidentBytes(cmd.Process.Pid)
	var rss int64
	for time.Since(freed) < 8*time.Second {
		rss, err = testutil.ResidentBytes(cmd.Process.Pid)
		if err != nil {
			t.Fatal(err)
		}
		if rss <= 64<<20 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("resident when freed: %.0f MB; %.1f MB %v later", float64(peak)/1e6, float64(rss)/1e6, time.Since(freed).Round(100*time.Millisecond))
	if peak < 900<<20 {
		t.Errorf("resident when freed: %d bytes; the program should have grown to 1 GiB", peak)
	}
	if rss > 64<<20 {
		t.Errorf("resident 8 s after freeing 1 GiB: %s bytes; want at most 64 MiB", fmt.Sprint(rss))
	}
}
