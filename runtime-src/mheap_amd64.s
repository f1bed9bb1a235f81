// The page heap: all the memory malloc hands out, in pages of pageSize
// bytes, as Go's mheap.
//
// Memory comes from the system in arenas (64 MiB on Linux, 4 MiB on a
// bare machine), each aligned to its size. A run of pages is an mspan.
// Every arena has a page table: for each of its pages, the span that
// holds it. In-use spans (small-object spans, large blocks, stacks) fill
// every entry of their pages; a free run fills only its first and last,
// which is all coalescing needs, and leaves the rest 0. arenaL1, indexed
// by address>>arenaShift, points to the page tables: which span holds an
// address is two loads (spanEntry).
//
// Free runs are kept in lists by length: list n (1..127) holds runs of
// exactly n pages, with a bit per non-empty list in heapFreeMask; list 0
// holds runs of 128 pages or more, searched best-fit. Freeing a run merges
// it with free neighbours, found through the page tables.
//
// Metadata never lives in the heap: mspans, page tables and arenaL1 come
// from persistentalloc, chunks mapped from the system apart from the
// arenas and never freed (mspans are recycled through spanCache). The
// globals here point only into those chunks, so a conservative scan of
// data and bss finds no heap pointer in them, and scanning the heap never
// meets a span table.
//
// The scavenger (sysmon calls scavenge) returns free runs unused for
// scavengeDelay to the system with madvise(MADV_DONTNEED): the pages stay
// mapped and read as zeros when touched again.
//
// One lock, heapLock, guards the lists, the page tables' entries and the
// mspans of free runs. Lock order: a class's mcentral lock, then
// heapLock, then persistentLock.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "mmap.h"

#define MADV_DONTNEED	4

#include "arena.h"
#include "lock.h"
#define persistentChunk	(256<<10)

// heapText and heapEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·heapText)

// func heapinit(): the arena index. mallocinit calls it first.
TEXT runtime·heapinit(SB), NOSPLIT, $16-0
	MOVQ	$((1<<arenaL1Bits)*8), 0(SP)
	CALL	runtime·sysAllocMeta(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, runtime·arenaL1(SB)
	RET

// func sysAllocMeta(n uintptr) unsafe.Pointer: n bytes of zeroed memory
// mapped for the runtime's own use, outside every arena. Out of memory is
// fatal.
TEXT runtime·sysAllocMeta(SB), NOSPLIT, $32-16
	MOVQ	$0, 0(SP)
	MOVQ	n+0(FP), AX
	MMAP_RW(AX, $MAP_PRIVATE_ANON, AX)
	TESTQ	AX, AX
	JEQ	oom
	MOVQ	AX, ret+8(FP)
	RET
oom:
	CALL	runtime·throwoom(SB)
	RET

// func persistentalloc(n uintptr) unsafe.Pointer: n (at most
// persistentChunk) bytes of zeroed, 16-byte aligned metadata, never
// freed.
TEXT runtime·persistentalloc(SB), NOSPLIT, $16-16
	LOCK_MUTEX(runtime·persistentLock(SB))
	MOVQ	n+0(FP), CX
	ADDQ	$15, CX
	ANDQ	$~15, CX
	MOVQ	runtime·persistentCur(SB), AX
	TESTQ	AX, AX
	JEQ	chunk
	LEAQ	(AX)(CX*1), DX
	CMPQ	DX, runtime·persistentEnd(SB)
	JLS	got
chunk:
	MOVQ	$persistentChunk, 0(SP)
	CALL	runtime·sysAllocMeta(SB)
	MOVQ	8(SP), AX
	LEAQ	persistentChunk(AX), DX
	MOVQ	DX, runtime·persistentEnd(SB)
	MOVQ	n+0(FP), CX
	ADDQ	$15, CX
	ANDQ	$~15, CX
	LEAQ	(AX)(CX*1), DX
got:
	MOVQ	DX, runtime·persistentCur(SB)
	MOVQ	AX, ret+8(FP)
	UNLOCK_MUTEX(runtime·persistentLock(SB))
	RET

// func spanEntry(p uintptr) *uintptr: where the page table keeps the span
// of p's page, or nil if p is in no arena.
TEXT runtime·spanEntry(SB), NOSPLIT, $0-16
	MOVQ	p+0(FP), AX
	ARENA_PAGES(none)
	SHRQ	$const_pageShift, AX
	ANDQ	$(pagesPerArena-1), AX
	LEAQ	(DX)(AX*8), AX
	MOVQ	AX, ret+8(FP)
	RET
none:
	MOVQ	$0, ret+8(FP)
	RET

// func spanOf(p uintptr) *mspan: the span holding p, or nil (p is in no
// arena, or inside a free run). Constant time: the question a collector
// asks of every word it scans.
TEXT runtime·spanOf(SB), NOSPLIT, $16-16
	MOVQ	p+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanEntry(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	none
	MOVQ	0(AX), AX
none:
	MOVQ	AX, ret+8(FP)
	RET

// func setSpans(base uintptr, npages uintptr, s *mspan): the page table
// entries of npages pages from base say s.
TEXT runtime·setSpans(SB), NOSPLIT, $16-24
loop:
	CMPQ	npages+8(FP), $0
	JEQ	done
	MOVQ	base+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanEntry(SB)
	MOVQ	8(SP), DI
	// As many as this arena's table holds.
	MOVQ	base+0(FP), AX
	SHRQ	$const_pageShift, AX
	ANDQ	$(pagesPerArena-1), AX
	MOVQ	$pagesPerArena, CX
	SUBQ	AX, CX
	CMPQ	CX, npages+8(FP)
	JLS	fill
	MOVQ	npages+8(FP), CX
fill:
	SUBQ	CX, npages+8(FP)
	MOVQ	CX, DX
	SHLQ	$const_pageShift, DX
	ADDQ	DX, base+0(FP)
	MOVQ	s+16(FP), AX
	CLD
	REP;	STOSQ
	JMP	loop
done:
	RET

// func setSpan(p uintptr, s *mspan): one page's entry.
TEXT runtime·setSpan(SB), NOSPLIT, $16-16
	MOVQ	p+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanEntry(SB)
	MOVQ	8(SP), AX
	MOVQ	s+8(FP), CX
	MOVQ	CX, 0(AX)
	RET

// func spanStructAlloc() *mspan: a zeroed mspan. heapLock is held.
TEXT runtime·spanStructAlloc(SB), NOSPLIT, $16-8
	MOVQ	runtime·spanCache(SB), AX
	TESTQ	AX, AX
	JEQ	fresh
	MOVQ	mspan_next(AX), CX
	MOVQ	CX, runtime·spanCache(SB)
	MOVQ	AX, DI
	MOVQ	$(mspan__size/8), CX
	MOVQ	AX, DX
	XORL	AX, AX
	CLD
	REP;	STOSQ
	MOVQ	DX, ret+0(FP)
	RET
fresh:
	MOVQ	$mspan__size, 0(SP)
	CALL	runtime·persistentalloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ret+0(FP)
	RET

// func spanStructFree(s *mspan): s is no longer used. heapLock is held.
TEXT runtime·spanStructFree(SB), NOSPLIT, $0-8
	MOVQ	s+0(FP), AX
	MOVQ	$0, mspan_state(AX)
	MOVQ	runtime·spanCache(SB), CX
	MOVQ	CX, mspan_next(AX)
	MOVQ	AX, runtime·spanCache(SB)
	RET

// func heapInsert(s *mspan): put the free run s on its list.
TEXT runtime·heapInsert(SB), NOSPLIT, $0-8
	MOVQ	s+0(FP), AX
	MOVQ	mspan_npages(AX), CX
	CMPQ	CX, $128
	JCS	listed
	MOVQ	$0, CX
listed:
	LEAQ	runtime·heapFree(SB), SI
	MOVQ	(SI)(CX*8), DX
	MOVQ	$0, mspan_prev(AX)
	MOVQ	DX, mspan_next(AX)
	TESTQ	DX, DX
	JEQ	first
	MOVQ	AX, mspan_prev(DX)
first:
	MOVQ	AX, (SI)(CX*8)
	BTSQ	CX, runtime·heapFreeMask(SB)
	RET

// func heapRemove(s *mspan): take the free run s off its list.
TEXT runtime·heapRemove(SB), NOSPLIT, $0-8
	MOVQ	s+0(FP), AX
	MOVQ	mspan_next(AX), DX
	MOVQ	mspan_prev(AX), BX
	TESTQ	DX, DX
	JEQ	nonext
	MOVQ	BX, mspan_prev(DX)
nonext:
	TESTQ	BX, BX
	JEQ	head
	MOVQ	DX, mspan_next(BX)
	JMP	done
head:
	MOVQ	mspan_npages(AX), CX
	CMPQ	CX, $128
	JCS	listed
	MOVQ	$0, CX
listed:
	LEAQ	runtime·heapFree(SB), SI
	MOVQ	DX, (SI)(CX*8)
	TESTQ	DX, DX
	JNE	done
	BTRQ	CX, runtime·heapFreeMask(SB)
done:
	MOVQ	$0, mspan_next(AX)
	MOVQ	$0, mspan_prev(AX)
	RET

// func heapFind(npages uintptr) *mspan: a free run of at least npages
// pages: the shortest list with one, else the best fit among the long
// runs; nil if there is none. heapLock is held.
TEXT runtime·heapFind(SB), NOSPLIT, $0-16
	MOVQ	npages+0(FP), CX
	CMPQ	CX, $128
	JCC	long
	CMPQ	CX, $64
	JCC	high
	MOVQ	$-1, DX
	SHLQ	CX, DX
	ANDQ	runtime·heapFreeMask(SB), DX
	JEQ	high0
	BSFQ	DX, DX
	JMP	take
high0:
	MOVQ	$64, CX
high:
	SUBQ	$64, CX
	MOVQ	$-1, DX
	SHLQ	CX, DX
	ANDQ	runtime·heapFreeMask+8(SB), DX
	JEQ	long
	BSFQ	DX, DX
	ADDQ	$64, DX
take:
	LEAQ	runtime·heapFree(SB), SI
	MOVQ	(SI)(DX*8), AX
	MOVQ	AX, ret+8(FP)
	RET
long:
	MOVQ	npages+0(FP), CX
	MOVQ	runtime·heapFree(SB), AX
	MOVQ	$0, R8
next:
	TESTQ	AX, AX
	JEQ	done
	MOVQ	mspan_npages(AX), DX
	CMPQ	DX, CX
	JCS	skip
	TESTQ	R8, R8
	JEQ	better
	CMPQ	DX, mspan_npages(R8)
	JCC	skip
better:
	MOVQ	AX, R8
skip:
	MOVQ	mspan_next(AX), AX
	JMP	next
done:
	MOVQ	R8, ret+8(FP)
	RET

// func heapCarve(s *mspan, npages uintptr, state int64): take npages
// pages from the start of the free run s for a span in state; the rest
// stays free. heapLock is held.
TEXT runtime·heapCarve(SB), NOSPLIT, $48-24
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·heapRemove(SB)
	MOVQ	s+0(FP), AX
	MOVQ	mspan_npages(AX), CX
	SUBQ	npages+8(FP), CX
	JEQ	whole
	MOVQ	CX, rest-8(SP)
	CALL	runtime·spanStructAlloc(SB)
	MOVQ	0(SP), BX
	MOVQ	BX, t-16(SP)
	MOVQ	s+0(FP), AX
	MOVQ	npages+8(FP), CX
	MOVQ	CX, mspan_npages(AX)
	SHLQ	$const_pageShift, CX
	ADDQ	mspan_base(AX), CX
	MOVQ	CX, mspan_base(BX)
	MOVQ	rest-8(SP), CX
	MOVQ	CX, mspan_npages(BX)
	MOVQ	$const_spanFree, mspan_state(BX)
	MOVQ	mspan_needzero(AX), CX
	MOVQ	CX, mspan_needzero(BX)
	MOVQ	mspan_released(AX), CX
	MOVQ	CX, mspan_released(BX)
	MOVQ	mspan_freedat(AX), CX
	MOVQ	CX, mspan_freedat(BX)
	// The rest's first and last pages say so (its interior is 0 already).
	MOVQ	mspan_base(BX), CX
	MOVQ	CX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	t-16(SP), BX
	MOVQ	mspan_npages(BX), CX
	DECQ	CX
	SHLQ	$const_pageShift, CX
	ADDQ	mspan_base(BX), CX
	MOVQ	CX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	t-16(SP), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·heapInsert(SB)
whole:
	MOVQ	s+0(FP), AX
	MOVQ	state+16(FP), CX
	MOVQ	CX, mspan_state(AX)
	MOVQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	npages+8(FP), CX
	MOVQ	CX, 8(SP)
	MOVQ	AX, 16(SP)
	CALL	runtime·setSpans(SB)
	RET

// func heapMerge(s *mspan): s is a free run: merge it with the free runs
// just below and above it and list the result. heapLock is held.
TEXT runtime·heapMerge(SB), NOSPLIT, $24-8
	// Below: the run whose last page is the one before s.
	MOVQ	s+0(FP), AX
	MOVQ	mspan_base(AX), CX
	SUBQ	$const_pageSize, CX
	MOVQ	CX, 0(SP)
	CALL	runtime·spanEntry(SB)
	MOVQ	8(SP), DI
	TESTQ	DI, DI
	JEQ	above
	MOVQ	0(DI), BX
	TESTQ	BX, BX
	JEQ	above
	CMPQ	mspan_state(BX), $const_spanFree
	JNE	above
	MOVQ	BX, t-8(SP)
	MOVQ	$0, 0(DI)	// its last page is inside the merged run now
	MOVQ	BX, 0(SP)
	CALL	runtime·heapRemove(SB)
	MOVQ	s+0(FP), AX
	MOVQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	s+0(FP), AX
	MOVQ	t-8(SP), BX
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·spanAbsorb(SB)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·spanStructFree(SB)
	MOVQ	t-8(SP), BX
	MOVQ	BX, s+0(FP)
above:
	// Above: the run whose first page follows s's last.
	MOVQ	s+0(FP), AX
	MOVQ	mspan_npages(AX), CX
	SHLQ	$const_pageShift, CX
	ADDQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	CALL	runtime·spanEntry(SB)
	MOVQ	8(SP), DI
	TESTQ	DI, DI
	JEQ	list
	MOVQ	0(DI), BX
	TESTQ	BX, BX
	JEQ	list
	CMPQ	mspan_state(BX), $const_spanFree
	JNE	list
	MOVQ	BX, t-8(SP)
	MOVQ	$0, 0(DI)
	MOVQ	BX, 0(SP)
	CALL	runtime·heapRemove(SB)
	// s's last page is inside the merged run now.
	MOVQ	s+0(FP), AX
	MOVQ	mspan_npages(AX), CX
	DECQ	CX
	SHLQ	$const_pageShift, CX
	ADDQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	s+0(FP), AX
	MOVQ	t-8(SP), BX
	MOVQ	AX, 0(SP)
	MOVQ	BX, 8(SP)
	CALL	runtime·spanAbsorb(SB)
	MOVQ	t-8(SP), BX
	MOVQ	BX, 0(SP)
	CALL	runtime·spanStructFree(SB)
list:
	// The merged run's first and last pages name it.
	MOVQ	s+0(FP), AX
	MOVQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	s+0(FP), AX
	MOVQ	mspan_npages(AX), CX
	DECQ	CX
	SHLQ	$const_pageShift, CX
	ADDQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·setSpan(SB)
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·heapInsert(SB)
	RET

// func spanAbsorb(lo, hi *mspan): lo, a free run, grows by the free run
// hi just above it: pages that may be dirty make it dirty, and it counts
// as released only if both were; it was freed when the later one was.
TEXT runtime·spanAbsorb(SB), NOSPLIT, $0-16
	MOVQ	lo+0(FP), AX
	MOVQ	hi+8(FP), BX
	MOVQ	mspan_npages(BX), CX
	ADDQ	CX, mspan_npages(AX)
	MOVQ	mspan_needzero(BX), CX
	ORQ	CX, mspan_needzero(AX)
	MOVQ	mspan_released(BX), CX
	ANDQ	CX, mspan_released(AX)
	MOVQ	mspan_freedat(BX), CX
	CMPQ	CX, mspan_freedat(AX)
	JLE	done
	MOVQ	CX, mspan_freedat(AX)
done:
	RET

// func heapGrow(npages uintptr) bool: map whole arenas holding at least
// npages pages and add them as a free run. heapLock is held.
TEXT runtime·heapGrow(SB), NOSPLIT, $80-16
	MOVB	$0, ret+8(FP)
	MOVQ	npages+0(FP), CX
	SHLQ	$const_pageShift, CX
	ADDQ	$(arenaSize-1), CX
	ANDQ	$~(arenaSize-1), CX
	MOVQ	CX, size-8(SP)
#ifdef GOOS_pvh
	// The machine's RAM regions hand out memory already aligned.
	MOVQ	CX, mapped-24(SP)
	MOVQ	$arenaSize, R10
	CALL	runtime·pvhramtake(SB)
#else
	// Map an arena more than asked, to align the start.
	ADDQ	$arenaSize, CX
	MOVQ	CX, mapped-24(SP)
	MOVQ	$0, 0(SP)
	MMAP_RW(CX, $MAP_PRIVATE_ANON, AX)
#endif
	TESTQ	AX, AX
	JEQ	fail
	MOVQ	AX, raw-32(SP)
	ADDQ	$(arenaSize-1), AX
	ANDQ	$~(arenaSize-1), AX
	MOVQ	AX, start-16(SP)
	// The arenas must fit in what was mapped and in arenaL1's range.
	ADDQ	size-8(SP), AX
	MOVQ	raw-32(SP), CX
	ADDQ	mapped-24(SP), CX
	CMPQ	AX, CX
	JHI	fail
	MOVQ	AX, DX
	SHRQ	$arenaShift, DX
	CMPQ	DX, $(1<<arenaL1Bits)
	JHI	fail
#ifndef GOOS_pvh
	// Unmap what lies outside the aligned arenas.
	MOVQ	start-16(SP), CX
	SUBQ	raw-32(SP), CX
	JEQ	nohead
	MOVQ	raw-32(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·munmap(SB)
nohead:
	MOVQ	start-16(SP), AX
	ADDQ	size-8(SP), AX
	MOVQ	raw-32(SP), CX
	ADDQ	mapped-24(SP), CX
	SUBQ	AX, CX
	JEQ	notail
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·munmap(SB)
notail:
#endif
	// A page table for each arena.
	MOVQ	start-16(SP), AX
	MOVQ	AX, a-40(SP)
table:
	MOVQ	$(pagesPerArena*8), 0(SP)
	CALL	runtime·persistentalloc(SB)
	MOVQ	8(SP), DX
	MOVQ	a-40(SP), AX
	MOVQ	AX, CX
	SHRQ	$arenaShift, CX
	MOVQ	runtime·arenaL1(SB), SI
	MOVQ	DX, (SI)(CX*8)
	// The range of arena indexes in use, for the collector's walk.
	CMPQ	runtime·arenaHi(SB), $0
	JEQ	setlo
	CMPQ	CX, runtime·arenaLo(SB)
	JCC	lo
setlo:
	MOVQ	CX, runtime·arenaLo(SB)
lo:
	INCQ	CX
	CMPQ	CX, runtime·arenaHi(SB)
	JLS	hi
	MOVQ	CX, runtime·arenaHi(SB)
hi:
	ADDQ	$arenaSize, AX
	MOVQ	AX, a-40(SP)
	MOVQ	start-16(SP), CX
	ADDQ	size-8(SP), CX
	CMPQ	AX, CX
	JCS	table
	// One free run over them all: zero pages the system has not given
	// memory to yet.
	CALL	runtime·spanStructAlloc(SB)
	MOVQ	0(SP), BX
	MOVQ	start-16(SP), AX
	MOVQ	AX, mspan_base(BX)
	MOVQ	size-8(SP), AX
	SHRQ	$const_pageShift, AX
	MOVQ	AX, mspan_npages(BX)
	MOVQ	$const_spanFree, mspan_state(BX)
	MOVQ	$0, mspan_needzero(BX)
	MOVQ	$1, mspan_released(BX)
	MOVQ	BX, 0(SP)
	CALL	runtime·heapMerge(SB)
	MOVQ	size-8(SP), AX
	ADDQ	AX, runtime·heapMapped(SB)
	MOVB	$1, ret+8(FP)
	RET
fail:
	RET

// func mheap_alloc(npages uintptr, state int64) *mspan: a span of npages
// pages in state, or nil if the system has no more memory. Its pages
// hold zeros unless needzero is set.
TEXT runtime·mheap_alloc(SB), NOSPLIT, $32-24
	LOCK_MUTEX(runtime·heapLock(SB))
retry:
	MOVQ	npages+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·heapFind(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JNE	found
	MOVQ	npages+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·heapGrow(SB)
	CMPB	8(SP), $0
	JNE	retry
	MOVQ	$0, ret+16(FP)
	JMP	unlock
found:
	MOVQ	AX, ret+16(FP)
	MOVQ	AX, 0(SP)
	MOVQ	npages+0(FP), CX
	MOVQ	CX, 8(SP)
	MOVQ	state+8(FP), CX
	MOVQ	CX, 16(SP)
	CALL	runtime·heapCarve(SB)
unlock:
	UNLOCK_MUTEX(runtime·heapLock(SB))
	RET

// func mheap_free(s *mspan): s's pages are free again. They may hold
// anything (needzero).
TEXT runtime·mheap_free(SB), NOSPLIT, $32-8
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, now-8(SP)
	LOCK_MUTEX(runtime·heapLock(SB))
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	now-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·mheap_freelocked(SB)
	UNLOCK_MUTEX(runtime·heapLock(SB))
	RET

// func mheap_freelocked(s *mspan, now int64): mheap_free with heapLock
// held (the collector's sweep holds it throughout).
TEXT runtime·mheap_freelocked(SB), NOSPLIT, $24-16
	MOVQ	s+0(FP), AX
	MOVQ	$const_spanFree, mspan_state(AX)
	MOVQ	$1, mspan_needzero(AX)
	MOVQ	$0, mspan_released(AX)
	MOVQ	now+8(FP), CX
	MOVQ	CX, mspan_freedat(AX)
	// A free run's interior pages name no span.
	MOVQ	mspan_npages(AX), CX
	SUBQ	$2, CX
	JLE	merge
	MOVQ	CX, 8(SP)
	MOVQ	mspan_base(AX), CX
	ADDQ	$const_pageSize, CX
	MOVQ	CX, 0(SP)
	MOVQ	$0, 16(SP)
	CALL	runtime·setSpans(SB)
merge:
	MOVQ	s+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·heapMerge(SB)
	RET

// func scavenge(now int64): give back to the system every free run
// unused for scavengeDelay. One pass under the lock takes them all out of
// the lists (spanBusy, so no free merges them), linked through next;
// madvise(MADV_DONTNEED) runs outside the lock; then each run, zero now,
// is merged and listed again. sysmon calls it.
TEXT runtime·scavenge(SB), NOSPLIT, $72-8
#ifdef GOOS_pvh
	// A bare machine keeps its memory.
	RET
#else
	LOCK_MUTEX(runtime·heapLock(SB))
	MOVQ	$0, taken-8(SP)
	MOVQ	$0, i-16(SP)
list:
	MOVQ	i-16(SP), CX
	LEAQ	runtime·heapFree(SB), SI
	MOVQ	(SI)(CX*8), AX
run:
	TESTQ	AX, AX
	JEQ	nextlist
	MOVQ	mspan_next(AX), BX
	MOVQ	BX, next-24(SP)
	CMPQ	mspan_released(AX), $0
	JNE	nextrun
	MOVQ	now+0(FP), CX
	SUBQ	mspan_freedat(AX), CX
	CMPQ	CX, $const_scavengeDelay
	JLT	nextrun
	MOVQ	AX, s-32(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·heapRemove(SB)
	MOVQ	s-32(SP), AX
	MOVQ	$const_spanBusy, mspan_state(AX)
	MOVQ	taken-8(SP), CX
	MOVQ	CX, mspan_next(AX)
	MOVQ	AX, taken-8(SP)
nextrun:
	MOVQ	next-24(SP), AX
	JMP	run
nextlist:
	INCQ	i-16(SP)
	CMPQ	i-16(SP), $128
	JCS	list
	UNLOCK_MUTEX(runtime·heapLock(SB))
	CMPQ	taken-8(SP), $0
	JEQ	done
	// Give them back.
	MOVQ	taken-8(SP), AX
advise:
	MOVQ	AX, s-32(SP)
	MOVQ	mspan_base(AX), CX
	MOVQ	CX, 0(SP)
	MOVQ	mspan_npages(AX), CX
	SHLQ	$const_pageShift, CX
	MOVQ	CX, 8(SP)
	MOVQ	$MADV_DONTNEED, 16(SP)
	CALL	runtime·madvise(SB)
	MOVQ	s-32(SP), AX
	MOVQ	mspan_next(AX), AX
	TESTQ	AX, AX
	JNE	advise
	// And back into the lists.
	LOCK_MUTEX(runtime·heapLock(SB))
	MOVQ	taken-8(SP), AX
relist:
	MOVQ	mspan_next(AX), CX
	MOVQ	CX, next-24(SP)
	MOVQ	$const_spanFree, mspan_state(AX)
	MOVQ	$1, mspan_released(AX)
	MOVQ	$0, mspan_needzero(AX)
	MOVQ	mspan_npages(AX), CX
	SHLQ	$const_pageShift, CX
	ADDQ	CX, runtime·heapReleased(SB)
	MOVQ	AX, 0(SP)
	CALL	runtime·heapMerge(SB)
	MOVQ	next-24(SP), AX
	TESTQ	AX, AX
	JNE	relist
	UNLOCK_MUTEX(runtime·heapLock(SB))
done:
	RET
#endif

// arenaL1[i] is the page table of the arena at i<<arenaShift, or 0.
GLOBL runtime·arenaL1(SB), NOPTR, $8
GLOBL runtime·heapLock(SB), NOPTR, $8
// Arena indexes in use lie in [arenaLo, arenaHi) (arenaHi 0: none yet).
GLOBL runtime·arenaLo(SB), NOPTR, $8
GLOBL runtime·arenaHi(SB), NOPTR, $8
// The free runs: heapFree[n] lists runs of n pages (1..127), heapFree[0]
// longer ones; bit n of heapFreeMask says heapFree[n] is not empty.
GLOBL runtime·heapFree(SB), NOPTR, $(128*8)
GLOBL runtime·heapFreeMask(SB), NOPTR, $16
// mspans no longer used, linked through next.
GLOBL runtime·spanCache(SB), NOPTR, $8
// Bytes of arenas mapped, and bytes the scavenger gave back.
GLOBL runtime·heapMapped(SB), NOPTR, $8
GLOBL runtime·heapReleased(SB), NOPTR, $8
GLOBL runtime·persistentLock(SB), NOPTR, $8
GLOBL runtime·persistentCur(SB), NOPTR, $8
GLOBL runtime·persistentEnd(SB), NOPTR, $8

TEXT_MARK(runtime·heapEtext)
