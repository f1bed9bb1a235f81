// Memory: zeroed blocks carved from large anonymous mappings. There is no
// collector; memory the runtime reuses (dead gs) it keeps on free lists.

#include "textflag.h"
#include "go_asm.h"

#define PROT_NONE	0
#define PROT_RW	3
#define MAP_PRIVATE_ANON	0x22

// The largest request malloc considers: 2^47, the user half of the
// address space.
#define maxAlloc	0x800000000000

// Each arena starts with its header: the next free byte and the end.
#define arena_cur	0
#define arena_end	8
#define arenaHeader	16
#ifdef GOOS_pvh
// A bare machine's memory is real from the start: smaller arenas.
#define arenaSize	(4<<20)
#else
#define arenaSize	(64<<20)
#endif

// mallocText and mallocEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·mallocText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

// func malloc(size uintptr) unsafe.Pointer: size bytes of zeroed memory,
// 16-byte aligned.
TEXT runtime·malloc(SB), NOSPLIT, $48-16
	MOVQ	size+0(FP), CX
	// More than the address space holds is out of memory, not a size that
	// wraps around to a small one when rounded up.
	MOVQ	$maxAlloc, DX
	CMPQ	CX, DX
	JHI	oom
	ADDQ	$15, CX
	ANDQ	$~15, CX
	JEQ	zero
	MOVQ	CX, size+0(FP)
retry:
	// Bump the current arena's pointer, lock-free.
	MOVQ	runtime·arena(SB), BX
	TESTQ	BX, BX
	JEQ	slow
	MOVQ	size+0(FP), CX
	MOVQ	arena_cur(BX), AX
	LEAQ	0(AX)(CX*1), DX
	CMPQ	DX, arena_end(BX)
	JHI	slow
	LOCK
	CMPXCHGQ	DX, arena_cur(BX)
	JNE	retry
	MOVQ	AX, ret+8(FP)
	RET
zero:
	LEAQ	runtime·zerobase(SB), AX
	MOVQ	AX, ret+8(FP)
	RET
slow:
	// Map a new arena, unless another thread just did.
	LEAQ	runtime·arenaLock(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB)
	MOVQ	runtime·arena(SB), BX
	TESTQ	BX, BX
	JEQ	grow
	MOVQ	size+0(FP), CX
	MOVQ	arena_cur(BX), AX
	ADDQ	CX, AX
	CMPQ	AX, arena_end(BX)
	JLS	unlockretry
grow:
	MOVQ	size+0(FP), CX
	ADDQ	$arenaHeader, CX
	CMPQ	CX, $arenaSize
	JCC	big
	MOVQ	$arenaSize, CX
big:
	MOVQ	CX, n-8(SP)
	MOVQ	$0, 0(SP)
	MOVQ	CX, 8(SP)
	MOVL	$PROT_RW, 16(SP)
	MOVL	$MAP_PRIVATE_ANON, 20(SP)
	CALL	runtime·mmap(SB)
	MOVQ	24(SP), BX
	TESTQ	BX, BX
	JEQ	oom
	LEAQ	arenaHeader(BX), AX
	MOVQ	AX, arena_cur(BX)
	MOVQ	n-8(SP), CX
	ADDQ	BX, CX
	MOVQ	CX, arena_end(BX)
	MOVQ	BX, runtime·arena(SB)
unlockretry:
	LEAQ	runtime·arenaLock(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·unlock(SB)
	JMP	retry
oom:
	LEAQ	str_outOfMemory, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

// func stackmap(size uintptr) (lo, hi uintptr): a stack of size bytes in
// a mapping of its own, with an unmapped guard page below it: each M's g0
// and signal stacks, and goroutine stack segments too big for the pools
// (stack_amd64.s).
TEXT runtime·stackmap(SB), NOSPLIT, $48-24
	MOVQ	$0, 0(SP)
	MOVQ	size+0(FP), AX
	ADDQ	$const_guardSize, AX
	MOVQ	AX, 8(SP)
	MOVL	$PROT_RW, 16(SP)
	MOVL	$MAP_PRIVATE_ANON, 20(SP)
	CALL	runtime·mmap(SB)
	MOVQ	24(SP), BX
	TESTQ	BX, BX
	JEQ	oom
	MOVQ	BX, base-8(SP)
	MOVQ	BX, 0(SP)
	MOVQ	$const_guardSize, 8(SP)
	MOVL	$PROT_NONE, 16(SP)
	CALL	runtime·mprotect(SB)
	MOVLQSX	24(SP), AX
	TESTQ	AX, AX
	JNE	noguard
	MOVQ	base-8(SP), BX
	ADDQ	$const_guardSize, BX
	MOVQ	BX, lo+8(FP)
	ADDQ	size+0(FP), BX
	MOVQ	BX, hi+16(FP)
	RET
oom:
	LEAQ	str_outOfMemory, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET
noguard:
	// Running on without the guard would let an overrun of this stack
	// write into its neighbour's (vm.max_map_count runs out first: each
	// guard splits its stack's mapping in two).
	LEAQ	str_mprotectFailed, CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·throwerrno(SB)
	RET

GLOBL runtime·arena(SB), NOPTR, $8
GLOBL runtime·arenaLock(SB), NOPTR, $8
// zerobase is the address of every zero-sized allocation.
GLOBL runtime·zerobase(SB), NOPTR, $8

TEXT runtime·mallocEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
