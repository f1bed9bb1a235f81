// The function table at run time: a record (funcrec) for every function
// p9as assembled, between __start_p9_functab and __stop_p9_functab, with
// its name, file, size, argument and frame sizes, and PC tables of its SP
// depth and source lines. p9ld writes it sorted by address, and only into
// programs that use it; other linkers concatenate the objects' tables in
// input order, so the first lookup checks the order and sorts the table
// (theirs is writable) if it must.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "lock.h"
#include "functab.h"

// functabText and functabEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·functabText)

// func findfunc(pc uintptr) *funcrec: the record of the function whose
// code holds pc, or nil (foreign code, or no function there).
TEXT runtime·findfunc(SB), NOSPLIT, $16-16
	CMPQ	runtime·functabSorted(SB), $0
	JNE	search
	CALL	runtime·functabsort(SB)
search:
	MOVQ	pc+0(FP), AX
	LEAQ	__start_p9_functab(SB), SI
	LEAQ	__stop_p9_functab(SB), CX
	SUBQ	SI, CX
	SHRQ	$5, CX	// records (funcrec__size is 32)
	MOVQ	$0, BX	// the records in [BX, CX) may hold pc
bisect:
	CMPQ	BX, CX
	JCC	none
	LEAQ	0(BX)(CX*1), DX
	SHRQ	$1, DX
	MOVQ	DX, DI
	SHLQ	$5, DI
	ADDQ	SI, DI	// the middle record
	FUNCREC_PTR(funcrec_entry, DI, R8)
	CMPQ	AX, R8
	JCS	below
	MOVLQZX	funcrec_len(DI), R9
	ADDQ	R8, R9
	CMPQ	AX, R9
	JCS	found
	LEAQ	1(DX), BX
	JMP	bisect
below:
	MOVQ	DX, CX
	JMP	bisect
found:
	MOVQ	DI, ret+8(FP)
	RET
none:
	MOVQ	$0, ret+8(FP)
	RET

// functabsort makes sure the table is in address order, once: it checks,
// and sorts by insertion if another linker left it out of order. Moving a
// record would break its pointers, which are relative to where they lie:
// the sort first makes them relative to the table's start (functabrebase)
// and afterwards relative to their new places again.
TEXT runtime·functabsort(SB), NOSPLIT, $16-0
	LOCK_MUTEX(runtime·functabLock(SB))
	CMPQ	runtime·functabSorted(SB), $0
	JNE	done
	// In order already (p9ld's table, which is read-only)?
	LEAQ	__start_p9_functab(SB), DI
	LEAQ	__stop_p9_functab(SB), R9
	MOVQ	$0, R10	// the entry before
check:
	CMPQ	DI, R9
	JCC	sorted
	FUNCREC_PTR(funcrec_entry, DI, R8)
	CMPQ	R8, R10
	JCS	unsorted
	MOVQ	R8, R10
	ADDQ	$funcrec__size, DI
	JMP	check
unsorted:
	MOVQ	$1, CX
	CALL	runtime·functabrebase(SB)
	LEAQ	__start_p9_functab(SB), SI
	LEAQ	__stop_p9_functab(SB), R9
	LEAQ	funcrec__size(SI), DI	// the record to insert
next:
	CMPQ	DI, R9
	JCC	back
	MOVQ	DI, BX	// where it goes, moving left
	MOVLQSX	funcrec_entry(DI), R8	// from the table's start, as all now are
sift:
	CMPQ	BX, SI
	JEQ	place
	MOVLQSX	(funcrec_entry-funcrec__size)(BX), R10
	CMPQ	R10, R8
	JLE	place
	SUBQ	$funcrec__size, BX
	JMP	sift
place:
	CMPQ	BX, DI
	JEQ	advance
	// Rotate [BX, DI] right by one record, eight bytes at a time.
	MOVQ	$0, CX
word:
	CMPQ	CX, $funcrec__size
	JEQ	advance
	MOVQ	0(DI)(CX*1), R10	// the inserted record's word
	MOVQ	DI, DX
shift:
	CMPQ	DX, BX
	JEQ	put
	MOVQ	-funcrec__size(DX)(CX*1), R11
	MOVQ	R11, 0(DX)(CX*1)
	SUBQ	$funcrec__size, DX
	JMP	shift
put:
	MOVQ	R10, 0(BX)(CX*1)
	ADDQ	$8, CX
	JMP	word
advance:
	ADDQ	$funcrec__size, DI
	JMP	next
back:
	MOVQ	$-1, CX
	CALL	runtime·functabrebase(SB)
sorted:
	MOVQ	$1, runtime·functabSorted(SB)
done:
	UNLOCK_MUTEX(runtime·functabLock(SB))
	RET

// functabrebase adds to every record's pointer fields (CX = 1), or takes
// from them (CX = -1), the field's offset from the table's start: a
// pointer relative to its field becomes one relative to the table, which
// stays true when the record moves, and back.
TEXT runtime·functabrebase(SB), NOSPLIT|NOFRAME, $0
	LEAQ	__start_p9_functab(SB), SI
	LEAQ	__stop_p9_functab(SB), R9
	MOVQ	SI, DI	// the record
record:
	CMPQ	DI, R9
	JCC	rebased
	MOVQ	$0, DX	// the field
field:
	LEAQ	0(DI)(DX*4), R8
	MOVQ	R8, AX
	SUBQ	SI, AX
	IMULQ	CX, AX
	ADDL	AX, 0(R8)
	INCQ	DX
	CMPQ	DX, $const_funcrecPointers
	JCS	field
	ADDQ	$funcrec__size, DI
	JMP	record
rebased:
	RET

GLOBL runtime·functabSorted(SB), NOPTR, $8
GLOBL runtime·functabLock(SB), NOPTR, $8

// func pcvalue(table *byte, off uint32) (v int64, ok bool): the value a PC
// table gives code offset off (package abi's encoding, in layout.txt's
// words: one-byte entries, pcLong ones of a uvarint length and a zigzag
// varint delta, values from 0, ended by a zero byte).
TEXT runtime·pcvalue(SB), NOSPLIT, $0-25
	MOVQ	table+0(FP), SI
	MOVLQZX	off+8(FP), R8
	MOVQ	$0, R9	// the end of the current range
	MOVQ	$0, R10	// the value
entry:
	MOVBQZX	0(SI), AX
	INCQ	SI
	TESTQ	AX, AX
	JEQ	past
	CMPQ	AX, $const_pcLong
	JEQ	long
	DECQ	AX
	MOVQ	AX, DX
	ANDQ	$(const_pcShortLens-1), DX
	INCQ	DX	// the length
	SHRQ	$const_pcShortLenBits, AX
	ADDQ	$const_pcShortMinDelta, AX	// the delta
	JMP	apply
long:
	CALL	runtime·uvarint(SB)	// length into AX, advancing SI
	MOVQ	AX, R11
	CALL	runtime·uvarint(SB)	// zigzag delta
	MOVQ	AX, DX
	SHRQ	$1, AX
	ANDQ	$1, DX
	NEGQ	DX
	XORQ	DX, AX
	MOVQ	R11, DX
apply:
	ADDQ	DX, R9
	ADDQ	AX, R10
	CMPQ	R8, R9
	JCC	entry
	MOVQ	R10, v+16(FP)
	MOVB	$1, ok+24(FP)
	RET
past:
	MOVQ	$0, v+16(FP)
	MOVB	$0, ok+24(FP)
	RET

// uvarint decodes the unsigned varint at SI into AX and moves SI past it.
// Called with registers, not the stack: keeps BX, R8-R11.
TEXT runtime·uvarint(SB), NOSPLIT|NOFRAME, $0
	MOVQ	$0, AX
	MOVQ	$0, CX
more:
	MOVBQZX	0(SI), DX
	INCQ	SI
	MOVQ	DX, DI
	ANDQ	$0x7f, DI
	SHLQ	CX, DI
	ORQ	DI, AX
	ADDQ	$7, CX
	TESTQ	$0x80, DX
	JNE	more
	RET

// func funcname(f *funcrec) *byte: f's name, NUL-terminated.
TEXT runtime·funcname(SB), NOSPLIT, $0-16
	MOVQ	f+0(FP), BX
	FUNCREC_PTR(funcrec_name, BX, AX)
	MOVQ	AX, ret+8(FP)
	RET

// func funcentry(f *funcrec) uintptr: the address of f's first instruction.
TEXT runtime·funcentry(SB), NOSPLIT, $0-16
	MOVQ	f+0(FP), BX
	FUNCREC_PTR(funcrec_entry, BX, AX)
	MOVQ	AX, ret+8(FP)
	RET

// func funcline(f *funcrec, pc uintptr) (file *byte, line int64): the
// source file and line of pc in f (line 0 if the table has none for it).
// The line table follows the SP-depth table.
TEXT runtime·funcline(SB), NOSPLIT, $32-32
	MOVQ	f+0(FP), BX
	FUNCREC_PTR(funcrec_file, BX, AX)
	MOVQ	AX, file+16(FP)
	FUNCREC_PTR(funcrec_tables, BX, SI)
skip:
	MOVBQZX	0(SI), AX
	INCQ	SI
	TESTQ	AX, AX
	JEQ	lines
	CMPQ	AX, $const_pcLong
	JNE	skip
	CALL	runtime·uvarint(SB)
	CALL	runtime·uvarint(SB)
	JMP	skip
lines:
	MOVQ	SI, 0(SP)
	FUNCREC_PTR(funcrec_entry, BX, CX)
	MOVQ	pc+8(FP), AX
	SUBQ	CX, AX
	MOVL	AX, 8(SP)
	CALL	runtime·pcvalue(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, line+24(FP)
	RET

// func funcspdelta(f *funcrec, pc uintptr) int64: how far SP is below its
// value at f's entry when f is at pc: where f's return address is.
TEXT runtime·funcspdelta(SB), NOSPLIT, $32-24
	MOVQ	f+0(FP), BX
	FUNCREC_PTR(funcrec_tables, BX, AX)
	MOVQ	AX, 0(SP)
	FUNCREC_PTR(funcrec_entry, BX, CX)
	MOVQ	pc+8(FP), AX
	SUBQ	CX, AX
	MOVL	AX, 8(SP)
	CALL	runtime·pcvalue(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+16(FP)
	RET

TEXT_MARK(runtime·functabEtext)
