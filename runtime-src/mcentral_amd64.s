// Central free lists: for each size class, the spans that have free
// blocks (mcentral.partial), under the class's lock, as Go's mcentral.
// The Ps' caches (malloc_amd64.s) take blocks from here in batches and
// give them back in batches; a span with no free block is on no list,
// and one whose blocks are all free again goes back to the page heap.
//
// A free block holds the next free block's address in its first word and
// freeMarker^address in its second; every other byte is zero (free zeroes
// a block, malloc clears the two words). A span's blocks from carved on
// were never handed out: they are zero, on no list, and free.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "partial.h"

// centralText and centralEtext bound this file's code: see
// textranges_amd64.s.
TEXT_MARK(runtime·centralText)

// func mcentralRefill(class int64, c *mclass, want int64): move free
// blocks of class to c until it holds want, taking new spans from the
// heap as needed.
TEXT runtime·mcentralRefill(SB), NOSPLIT, $32-24
	MOVQ	class+0(FP), CX
	SHLQ	$6, CX
	LEAQ	runtime·mcentral(SB), AX
	ADDQ	CX, AX
	MOVQ	AX, central-8(SP)
	MOVQ	AX, 0(SP)	// mcentral_lock is at 0
	CALL	runtime·lock(SB)
more:
	MOVQ	c+8(FP), DX
	MOVQ	mclass_count(DX), CX
	CMPQ	CX, want+16(FP)
	JCC	done
	MOVQ	central-8(SP), BX
	MOVQ	mcentral_partial(BX), AX
	TESTQ	AX, AX
	JNE	take
	MOVQ	class+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcentralGrow(SB)
	MOVQ	8(SP), AX
	MOVQ	central-8(SP), BX
	MOVQ	AX, mcentral_partial(BX)
take:
	// Blocks from the span at the head of the list, as many as wanted.
	MOVQ	c+8(FP), DX
	MOVQ	want+16(FP), R8
pop:
	MOVQ	mspan_freelist(AX), SI
	TESTQ	SI, SI
	JEQ	carve
	MOVQ	0(SI), DI
	MOVQ	DI, mspan_freelist(AX)
	JMP	push
carve:
	// None freed: the next block never handed out, marked free.
	MOVQ	mspan_carved(AX), SI
	IMULQ	mspan_elemsize(AX), SI
	ADDQ	mspan_base(AX), SI
	INCQ	mspan_carved(AX)
	MOVQ	SI, DI
	XORQ	runtime·freeMarker(SB), DI
	MOVQ	DI, 8(SI)
push:
	MOVQ	mclass_head(DX), DI
	MOVQ	DI, 0(SI)
	MOVQ	SI, mclass_head(DX)
	INCQ	mclass_count(DX)
	DECQ	mspan_nfree(AX)
	JEQ	full
	CMPQ	mclass_count(DX), R8
	JCS	pop
	JMP	done
full:
	// All its blocks are out: off the list.
	MOVQ	mspan_next(AX), SI
	MOVQ	SI, mcentral_partial(BX)
	TESTQ	SI, SI
	JEQ	unlinked
	MOVQ	$0, mspan_prev(SI)
unlinked:
	MOVQ	$0, mspan_next(AX)
	MOVQ	$0, mspan_prev(AX)
	JMP	more
done:
	MOVQ	central-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	RET

// func mcentralGrow(class int64) *mspan: a new span of class from the
// heap, all its blocks free. None is linked yet: mcentralRefill carves
// them in order as it hands them out, so a block's page is first touched
// when the block is used (linking them all at once wrote into every page
// of the span). The class's lock is held.
TEXT runtime·mcentralGrow(SB), NOSPLIT, $40-16
	MOVQ	class+0(FP), CX
	SHLQ	$6, CX
	LEAQ	runtime·classes(SB), SI
	ADDQ	CX, SI
	MOVQ	SI, info-8(SP)
	MOVQ	classinfo_npages(SI), AX
	MOVQ	AX, 0(SP)
	MOVQ	$const_spanSmall, 8(SP)
	CALL	runtime·mheap_alloc(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JEQ	oom
	MOVQ	info-8(SP), SI
	MOVQ	class+0(FP), CX
	MOVQ	CX, mspan_sizeclass(AX)
	MOVQ	classinfo_size(SI), CX
	MOVQ	CX, mspan_elemsize(AX)
	MOVQ	classinfo_divmul(SI), CX
	MOVQ	CX, mspan_divmul(AX)
	MOVQ	classinfo_nelems(SI), CX
	MOVQ	CX, mspan_nelems(AX)
	MOVQ	CX, mspan_nfree(AX)
	MOVQ	$0, mspan_next(AX)
	MOVQ	$0, mspan_prev(AX)
	MOVQ	AX, ret+8(FP)
	CMPQ	mspan_needzero(AX), $0
	JEQ	zeroed
	MOVQ	mspan_base(AX), DI
	MOVQ	mspan_npages(AX), CX
	SHLQ	$(const_pageShift-3), CX
	XORL	AX, AX
	CLD
	REP;	STOSQ
	MOVQ	ret+8(FP), AX
	MOVQ	$0, mspan_needzero(AX)
zeroed:
	MOVQ	$0, mspan_freelist(AX)
	MOVQ	$0, mspan_carved(AX)
	RET
oom:
	CALL	runtime·throwoom(SB)
	RET

// func mcentralFlush(class int64, c *mclass, n int64): move n blocks from
// c back to their spans. A span that gets its first free block joins the
// class's list; one whose blocks are all free goes back to the heap.
TEXT runtime·mcentralFlush(SB), NOSPLIT, $32-24
	MOVQ	class+0(FP), CX
	SHLQ	$6, CX
	LEAQ	runtime·mcentral(SB), AX
	ADDQ	CX, AX
	MOVQ	AX, central-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
next:
	CMPQ	n+16(FP), $0
	JEQ	done
	DECQ	n+16(FP)
	MOVQ	c+8(FP), DX
	MOVQ	mclass_head(DX), SI
	MOVQ	0(SI), DI
	MOVQ	DI, mclass_head(DX)
	DECQ	mclass_count(DX)
	MOVQ	SI, b-16(SP)
	MOVQ	SI, 0(SP)
	CALL	runtime·spanOf(SB)
	MOVQ	8(SP), AX
	MOVQ	b-16(SP), SI
	MOVQ	mspan_freelist(AX), DI
	MOVQ	DI, 0(SI)
	MOVQ	SI, mspan_freelist(AX)
	INCQ	mspan_nfree(AX)
	MOVQ	mspan_nfree(AX), CX
	CMPQ	CX, $1
	JNE	listed
	// Its first free block: onto the class's list.
	MOVQ	central-8(SP), BX
	PARTIAL_PUSH(AX, BX, DX)
listed:
	CMPQ	CX, mspan_nelems(AX)
	JNE	next
	// Every block is free: off the list and back to the heap.
	MOVQ	central-8(SP), BX
	PARTIAL_REMOVE(AX, BX)
	MOVQ	AX, 0(SP)
	CALL	runtime·mheap_free(SB)
	JMP	next
done:
	MOVQ	central-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	RET

// mcentral[c] is class c's central list (64 bytes each).
GLOBL runtime·mcentral(SB), NOPTR, $(const_numSizeClasses*64)

TEXT_MARK(runtime·centralEtext)
