// malloc and free: blocks of up to maxSmallSize bytes come in size classes
// (sizeclasses_amd64.s) from the running P's cache (p.mcache, one list of
// free blocks a class), without a lock; an empty cache takes a batch from
// the class's central list (mcentral_amd64.s), a full one gives a batch
// back. Bigger blocks are page runs straight from the heap
// (mheap_amd64.s). A thread without a P goes to the central lists for one
// block at a time.
//
// Small blocks are zeroed when freed, except the two words that link a
// free block and mark it free, which malloc clears: so a block's memory is
// zero whenever it is handed out. Large blocks are zeroed by malloc, and
// only if their pages may hold something (fresh and scavenged pages are
// zero already).

#include "textflag.h"
#include "textmark.h"
#include "go_tls.h"
#include "go_asm.h"

#include "arena.h"
#include "curg.h"
#include "print.h"

// mallocText and mallocEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·mallocText)

// func mallocinit(): the heap, the size classes and the tables that map a
// size to its class. schedinit calls it before anything allocates.
TEXT runtime·mallocinit(SB), NOSPLIT, $16-0
	CALL	runtime·heapinit(SB)
	// Free blocks carry freeMarker^address: an odd, unpredictable value.
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	$0x9e3779b97f4a7c15, CX
	IMULQ	CX, AX
	ORQ	$1, AX
	MOVQ	AX, runtime·freeMarker(SB)

	LEAQ	runtime·classSizes(SB), SI
	LEAQ	runtime·classes+classinfo__size(SB), DI
	MOVQ	$1, R8
class:
	MOVLQZX	0(SI), R9	// size
	MOVLQZX	4(SI), AX	// pages
	MOVQ	R9, classinfo_size(DI)
	MOVQ	AX, classinfo_npages(DI)
	SHLQ	$const_pageShift, AX
	XORL	DX, DX
	DIVQ	R9
	MOVQ	AX, classinfo_nelems(DI)
	MOVQ	$0xffffffff, AX
	XORL	DX, DX
	DIVQ	R9
	INCQ	AX
	MOVQ	AX, classinfo_divmul(DI)
	// Batches of about 16 KiB: 2 to 256 blocks.
	MOVQ	$16384, AX
	XORL	DX, DX
	DIVQ	R9
	CMPQ	AX, $2
	JCC	atleast
	MOVQ	$2, AX
atleast:
	CMPQ	AX, $256
	JLS	atmost
	MOVQ	$256, AX
atmost:
	MOVQ	AX, classinfo_batch(DI)
	SHLQ	$1, AX
	MOVQ	AX, classinfo_cachemax(DI)
	ADDQ	$8, SI
	ADDQ	$classinfo__size, DI
	INCQ	R8
	CMPQ	R8, $const_numSizeClasses
	JCS	class

	// sizeToClass16[i]: the class of sizes up to 16*i (up to 1024 bytes).
	LEAQ	runtime·sizeToClass16(SB), DI
	MOVQ	$0, CX
	MOVQ	$65, DX
	CALL	runtime·fillclasses<>(SB)
	// sizeToClass128[i]: the class of sizes up to 1024+128*i.
	LEAQ	runtime·sizeToClass128(SB), DI
	MOVQ	$(1024/128), CX
	MOVQ	$(1024/128+249), DX
	MOVQ	$7, R10
	CALL	runtime·fillclasses128<>(SB)
	RET

// fillclasses<>: for i in [CX, DX), the byte at DI+i is the smallest class
// whose size is at least i<<4.
TEXT runtime·fillclasses<>(SB), NOSPLIT|NOFRAME, $0
	MOVQ	$4, R10
	JMP	runtime·fillclasses128<>(SB)

// fillclasses128<>: for i in [CX, DX), the byte at DI+i-CX is the smallest
// class whose size is at least i<<R10.
TEXT runtime·fillclasses128<>(SB), NOSPLIT|NOFRAME, $0
	LEAQ	runtime·classes(SB), SI
	MOVQ	CX, R11	// the first i
	MOVQ	$1, R8
fill:
	CMPQ	CX, DX
	JCC	filled
	MOVQ	CX, AX
	XCHGQ	CX, R10
	SHLQ	CX, AX
	XCHGQ	CX, R10
find:
	MOVQ	R8, BX
	SHLQ	$6, BX
	CMPQ	classinfo_size(SI)(BX*1), AX
	JCC	found
	INCQ	R8
	JMP	find
found:
	MOVQ	CX, BX
	SUBQ	R11, BX
	MOVB	R8, (DI)(BX*1)
	INCQ	CX
	JMP	fill
filled:
	RET

// func malloc(size uintptr) unsafe.Pointer: size bytes of zeroed memory,
// 16-byte aligned; zerobase for 0. A size no memory can satisfy is fatal:
// out of memory.
TEXT runtime·malloc(SB), NOSPLIT, $64-16
	MOVQ	size+0(FP), CX
	CMPQ	CX, $1024
	JHI	notsmall
	ADDQ	$15, CX
	SHRQ	$4, CX
	JEQ	zero
	LEAQ	runtime·sizeToClass16(SB), DX
	MOVBQZX	(DX)(CX*1), CX
cached:
	getp(BX)
	TESTQ	BX, BX
	JEQ	nop
	MOVQ	CX, DX
	SHLQ	$4, DX
	LEAQ	p_mcache(BX)(DX*1), DX
	MOVQ	mclass_head(DX), AX
	TESTQ	AX, AX
	JEQ	refill
	MOVQ	0(AX), SI
	MOVQ	SI, mclass_head(DX)
	DECQ	mclass_count(DX)
	MOVQ	$0, 0(AX)
	MOVQ	$0, 8(AX)
	MOVQ	AX, ret+8(FP)
	RET
refill:
	MOVQ	CX, class-8(SP)
	MOVQ	runtime·heapLive(SB), AX
	CMPQ	AX, runtime·gcNext(SB)
	JGE	refillnowgc
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	refillnow
refillnowgc:
	MOVQ	$0, fvwant-16(SP)	// gcpoint goes on at reload
gcpoint:
	// A collection first, if one is due, or a yield to one that waits
	// for this goroutine: gcmaybe, on the system stack, with malloc's
	// caller's PC, for a goroutine on its own stack. Then on where
	// fvwant-16(SP) says: the refill (0) or the large block (1).
	get_tls(AX)
	MOVQ	g(AX), AX
	MOVQ	g_m(AX), BX
	CMPQ	m_curg(BX), AX
	JNE	gcdone
	LEAQ	size+0(FP), AX
	MOVQ	-8(AX), AX	// the caller's PC
	MOVQ	AX, fvclass-32(SP)
	LEAQ	runtime·gcmaybe(SB), AX
	MOVQ	AX, fv-40(SP)
	MOVQ	$0, fvlist-24(SP)
	LEAQ	fv-40(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	// A cycle waits for this goroutine: yield to it.
	CMPQ	fvlist-24(SP), $0
	JEQ	gcdone
	LEAQ	runtime·gosched_mPC(SB), AX	// Gosched, a frame less deep
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
gcdone:
	CMPQ	fvwant-16(SP), $0
	JNE	largenow
reload:
	MOVQ	class-8(SP), CX
	getp(BX)
	MOVQ	CX, DX
	SHLQ	$4, DX
	LEAQ	p_mcache(BX)(DX*1), DX
refillnow:
	// A batch from the central list, on the system stack (as every slow
	// path here: the heap's calls go deep).
	MOVQ	CX, class-8(SP)
	MOVQ	CX, fvclass-32(SP)
	MOVQ	DX, fvlist-24(SP)
	SHLQ	$6, CX
	LEAQ	runtime·classes(SB), SI
	MOVQ	classinfo_batch(SI)(CX*1), AX
	MOVQ	AX, fvwant-16(SP)
	LEAQ	runtime·refillslow(SB), AX
	MOVQ	AX, fv-40(SP)
	LEAQ	fv-40(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	MOVQ	class-8(SP), CX
	JMP	cached
nop:
	// No P: one block from the central list, in a region where no cycle
	// runs (mgc_amd64.s).
	MOVQ	CX, fvclass-32(SP)
	CALL	runtime·gcnopenter(SB)
	MOVQ	$0, lhead-56(SP)
	MOVQ	$0, lcount-48(SP)
	LEAQ	lhead-56(SP), AX
	MOVQ	AX, fvlist-24(SP)
	MOVQ	$1, fvwant-16(SP)
	LEAQ	runtime·refillslow(SB), AX
	MOVQ	AX, fv-40(SP)
	LEAQ	fv-40(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	CALL	runtime·gcnopexit(SB)
	MOVQ	lhead-56(SP), AX
	MOVQ	$0, 0(AX)
	MOVQ	$0, 8(AX)
	MOVQ	AX, ret+8(FP)
	RET
notsmall:
	CMPQ	CX, $const_maxSmallSize
	JHI	large
	SUBQ	$(1024-127), CX
	SHRQ	$7, CX
	LEAQ	runtime·sizeToClass128(SB), DX
	MOVBQZX	(DX)(CX*1), CX
	JMP	cached
large:
	// More than the address space holds is out of memory, not a size that
	// wraps around to a small one when rounded up.
	MOVQ	$const_maxAlloc, DX
	CMPQ	CX, DX
	JHI	oom
	MOVQ	runtime·heapLive(SB), AX
	CMPQ	AX, runtime·gcNext(SB)
	JGE	largenowgc
	CMPL	runtime·gcwaiting(SB), $0
	JEQ	largenow
largenowgc:
	MOVQ	$1, fvwant-16(SP)	// gcpoint goes on at largenow
	JMP	gcpoint
largenow:
	MOVQ	size+0(FP), CX
	ADDQ	$(const_pageSize-1), CX
	SHRQ	$const_pageShift, CX
	MOVQ	CX, fvclass-32(SP)
	getp(AX)
	MOVQ	AX, lcount-48(SP)	// the P, or nil
	TESTQ	AX, AX
	JNE	largep
	CALL	runtime·gcnopenter(SB)
largep:
	LEAQ	runtime·largeslow(SB), AX
	MOVQ	AX, fv-40(SP)
	LEAQ	fv-40(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	CMPQ	lcount-48(SP), $0
	JNE	largedone
	CALL	runtime·gcnopexit(SB)
largedone:
	MOVQ	fvlist-24(SP), AX
	TESTQ	AX, AX
	JEQ	oom
	MOVQ	mspan_base(AX), DI
	MOVQ	DI, ret+8(FP)
	CMPQ	mspan_needzero(AX), $0
	JEQ	done
	MOVQ	mspan_npages(AX), CX
	SHLQ	$(const_pageShift-3), CX
	XORL	AX, AX
	CLD
	REP;	STOSQ
done:
	RET
zero:
	LEAQ	runtime·zerobase(SB), AX
	MOVQ	AX, ret+8(FP)
	RET
oom:
	CALL	runtime·throwoom(SB)
	RET

// func free(p unsafe.Pointer): p, which malloc returned, may be reused;
// nil is ignored. What is caught (a fatal error naming p): p not in the
// heap (a stack, data, or a wild address), p in free pages or a goroutine
// stack, p not at the start of its block, and a small block freed again
// before malloc handed it out anew (it carries the free mark). A large
// block freed twice is caught while its pages are still free.
TEXT runtime·free(SB), NOSPLIT, $64-8
	MOVQ	$0, nop-56(SP)	// set: inside gcnopenter's region
	MOVQ	p+0(FP), AX
	TESTQ	AX, AX
	JEQ	done
	// The span: arenaL1, then the arena's page table.
	ARENA_PAGES(notheap)
	PAGE_SPAN(BX, notalloc)
	CMPQ	mspan_state(BX), $const_spanSmall
	JNE	notsmall
	// At a block's start: off/size by multiplication, times size again.
	MOVQ	AX, CX
	SUBQ	mspan_base(BX), CX
	MOVQ	CX, DX
	IMULQ	mspan_divmul(BX), DX
	SHRQ	$32, DX
	IMULQ	mspan_elemsize(BX), DX
	CMPQ	DX, CX
	JNE	interior
	// A block never handed out is as free as one freed.
	MOVQ	mspan_carved(BX), DX
	IMULQ	mspan_elemsize(BX), DX
	CMPQ	CX, DX
	JCC	double
	MOVQ	8(AX), DX
	XORQ	AX, DX
	CMPQ	DX, runtime·freeMarker(SB)
	JEQ	double
	// Zero it, then link it into the P's cache, marked free.
	MOVQ	mspan_elemsize(BX), CX
	MOVQ	mspan_sizeclass(BX), R8
	CMPQ	CX, $256
	JHI	stos
	PXOR	X0, X0
	MOVQ	AX, DI
	LEAQ	(AX)(CX*1), SI
clear:
	MOVOU	X0, 0(DI)
	ADDQ	$16, DI
	CMPQ	DI, SI
	JCS	clear
	JMP	cleared
stos:
	MOVQ	AX, DI
	SHRQ	$3, CX
	MOVQ	AX, DX
	XORL	AX, AX
	CLD
	REP;	STOSQ
	MOVQ	DX, AX
cleared:
	MOVQ	AX, DX
	XORQ	runtime·freeMarker(SB), DX
	MOVQ	DX, 8(AX)
	getp(BX)
	TESTQ	BX, BX
	JEQ	nop
	MOVQ	R8, DX
	SHLQ	$4, DX
	LEAQ	p_mcache(BX)(DX*1), DX
	MOVQ	mclass_head(DX), CX
	MOVQ	CX, 0(AX)
	MOVQ	AX, mclass_head(DX)
	INCQ	mclass_count(DX)
	MOVQ	mclass_count(DX), CX
	SHLQ	$6, R8
	LEAQ	runtime·classes(SB), SI
	CMPQ	CX, classinfo_cachemax(SI)(R8*1)
	JHI	flush
done:
	RET
flush:
	// Too many: a batch goes back to the central list.
	MOVQ	classinfo_batch(SI)(R8*1), CX
	MOVQ	CX, fvn-8(SP)
	MOVQ	DX, fvlist-16(SP)
	SHRQ	$6, R8
	MOVQ	R8, fvclass-24(SP)
	JMP	slow
nop:
	// No P: straight back to the central list, in a region where no
	// cycle runs.
	MOVQ	AX, lhead-48(SP)
	MOVQ	R8, fvclass-24(SP)
	CALL	runtime·gcnopenter(SB)
	MOVQ	lhead-48(SP), AX
	MOVQ	fvclass-24(SP), R8
	MOVQ	$0, 0(AX)
	MOVQ	AX, lhead-48(SP)
	MOVQ	$1, lcount-40(SP)
	MOVQ	R8, fvclass-24(SP)
	LEAQ	lhead-48(SP), AX
	MOVQ	AX, fvlist-16(SP)
	MOVQ	$1, fvn-8(SP)
	MOVQ	$1, nop-56(SP)
slow:
	LEAQ	runtime·flushslow(SB), AX
	MOVQ	AX, fv-32(SP)
slowfv:
	LEAQ	fv-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·systemstack(SB)
	CMPQ	nop-56(SP), $0
	JEQ	done
	CALL	runtime·gcnopexit(SB)
	RET
notsmall:
	MOVQ	mspan_state(BX), CX
	CMPQ	CX, $const_spanStack
	JEQ	stack
	CMPQ	CX, $const_spanLarge
	JNE	notalloc
	CMPQ	AX, mspan_base(BX)
	JNE	interior
	MOVQ	BX, fvclass-24(SP)
	getp(CX)
	TESTQ	CX, CX
	JNE	largefree
	CALL	runtime·gcnopenter(SB)
	MOVQ	$1, nop-56(SP)
largefree:
	LEAQ	runtime·largefreeslow(SB), AX
	MOVQ	AX, fv-32(SP)
	JMP	slowfv
notheap:
	// What malloc(0) returns is not in the heap.
	LEAQ	runtime·zerobase(SB), CX
	CMPQ	AX, CX
	JEQ	done
	LEAQ	str_freeNotHeap, CX
	JMP	bad
notalloc:
	LEAQ	str_freeNotAllocated, CX
	JMP	bad
stack:
	LEAQ	str_freeStack, CX
	JMP	bad
interior:
	LEAQ	str_freeInterior, CX
	JMP	bad
double:
	LEAQ	str_freeDouble, CX
bad:
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·badfree(SB)
	RET

// func findblock(p uintptr) (base, size uintptr): the block that holds
// p, in constant time (spanOf, then a multiplication): a small block,
// allocated or free, or a large block; 0, 0 if p is in no arena, in free
// pages, in a goroutine stack, or past a span's last block. What a
// collector asks of a word that may point into a block.
TEXT runtime·findblock(SB), NOSPLIT, $16-24
	MOVQ	$0, base+8(FP)
	MOVQ	$0, size+16(FP)
	MOVQ	p+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanOf(SB)
	MOVQ	8(SP), BX
	TESTQ	BX, BX
	JEQ	done
	MOVQ	mspan_state(BX), CX
	CMPQ	CX, $const_spanLarge
	JEQ	large
	CMPQ	CX, $const_spanSmall
	JNE	done
	MOVQ	p+0(FP), CX
	SUBQ	mspan_base(BX), CX
	IMULQ	mspan_divmul(BX), CX
	SHRQ	$32, CX
	CMPQ	CX, mspan_nelems(BX)
	JCC	done
	IMULQ	mspan_elemsize(BX), CX
	ADDQ	mspan_base(BX), CX
	MOVQ	CX, base+8(FP)
	MOVQ	mspan_elemsize(BX), CX
	MOVQ	CX, size+16(FP)
	RET
large:
	MOVQ	mspan_base(BX), CX
	MOVQ	CX, base+8(FP)
	MOVQ	mspan_npages(BX), CX
	SHLQ	$const_pageShift, CX
	MOVQ	CX, size+16(FP)
done:
	RET

// The slow paths, each a function value run by systemstack with its
// arguments after the code pointer (DX points to it).

// refillslow: {fn, class, c *mclass, want}: mcentralRefill. The blocks
// taken count in heapLive.
TEXT runtime·refillslow(SB), NOSPLIT, $40-0
	MOVQ	DX, fv-8(SP)
	MOVQ	16(DX), AX
	MOVQ	mclass_count(AX), AX
	MOVQ	AX, before-16(SP)
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	MOVQ	16(DX), AX
	MOVQ	AX, 8(SP)
	MOVQ	24(DX), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·mcentralRefill(SB)
	MOVQ	fv-8(SP), DX
	MOVQ	16(DX), AX
	MOVQ	mclass_count(AX), AX
	SUBQ	before-16(SP), AX
	MOVQ	8(DX), CX
	SHLQ	$6, CX
	LEAQ	runtime·classes(SB), SI
	IMULQ	classinfo_size(SI)(CX*1), AX
	LOCK
	XADDQ	AX, runtime·heapLive(SB)
	RET

// flushslow: {fn, class, c *mclass, n}: mcentralFlush. The blocks given
// back leave heapLive.
TEXT runtime·flushslow(SB), NOSPLIT, $24-0
	MOVQ	8(DX), CX
	SHLQ	$6, CX
	LEAQ	runtime·classes(SB), SI
	MOVQ	classinfo_size(SI)(CX*1), AX
	IMULQ	24(DX), AX
	NEGQ	AX
	LOCK
	XADDQ	AX, runtime·heapLive(SB)
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	MOVQ	16(DX), AX
	MOVQ	AX, 8(SP)
	MOVQ	24(DX), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·mcentralFlush(SB)
	RET

// largeslow: {fn, npages, span}: the span of a large block, or nil.
TEXT runtime·largeslow(SB), NOSPLIT, $32-0
	MOVQ	DX, fv-8(SP)
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	MOVQ	$const_spanLarge, 8(SP)
	CALL	runtime·mheap_alloc(SB)
	MOVQ	16(SP), AX
	MOVQ	fv-8(SP), DX
	MOVQ	AX, 16(DX)
	TESTQ	AX, AX
	JEQ	done
	MOVQ	8(DX), AX
	SHLQ	$const_pageShift, AX
	LOCK
	XADDQ	AX, runtime·heapLive(SB)
done:
	RET

// largefreeslow: {fn, span}: the large block's pages go back to the heap.
TEXT runtime·largefreeslow(SB), NOSPLIT, $8-0
	MOVQ	8(DX), AX
	MOVQ	mspan_npages(AX), CX
	SHLQ	$const_pageShift, CX
	NEGQ	CX
	LOCK
	XADDQ	CX, runtime·heapLive(SB)
	MOVQ	AX, 0(SP)
	CALL	runtime·mheap_free(SB)
	RET

// func badfree(p unsafe.Pointer, msg *byte): "runtime: free(0x…)", then
// the fatal error msg: the program's mistake, as Go's fatal reports one.
TEXT runtime·badfree(SB), NOSPLIT, $16-16
	PRINTERR(str_freeHeader)
	PRINTERR_HEX(p+0(FP))
	PRINTERR(str_freeClose)
	MOVQ	msg+8(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·fatal(SB)
	RET

// func throwoom(): fatal error: out of memory.
TEXT runtime·throwoom(SB), NOSPLIT, $8-0
	THROW(str_outOfMemory)
	RET

// classes[c] describes size class c (class 0, large blocks, is unused).
GLOBL runtime·classes(SB), NOPTR, $(const_numSizeClasses*classinfo__size)
// The class of a size s: sizeToClass16[(s+15)>>4] up to 1024 bytes,
// sizeToClass128[(s-1024+127)>>7] up to maxSmallSize.
GLOBL runtime·sizeToClass16(SB), NOPTR, $72
GLOBL runtime·sizeToClass128(SB), NOPTR, $256
GLOBL runtime·freeMarker(SB), NOPTR, $8
// zerobase is the address of every zero-sized allocation.
GLOBL runtime·zerobase(SB), NOPTR, $8

TEXT_MARK(runtime·mallocEtext)
