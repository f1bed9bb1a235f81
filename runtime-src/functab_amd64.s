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
	SHRQ	$6, CX	// records (funcrec__size is 64)
	MOVQ	$0, BX	// the records in [BX, CX) may hold pc
bisect:
	CMPQ	BX, CX
	JCC	none
	LEAQ	0(BX)(CX*1), DX
	SHRQ	$1, DX
	MOVQ	DX, DI
	SHLQ	$6, DI
	ADDQ	SI, DI	// the middle record
	CMPQ	AX, funcrec_entry(DI)
	JCS	below
	MOVLQZX	funcrec_len(DI), R8
	ADDQ	funcrec_entry(DI), R8
	CMPQ	AX, R8
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
// and sorts by insertion if another linker left it out of order.
TEXT runtime·functabsort(SB), NOSPLIT, $16-0
	LOCK_MUTEX(runtime·functabLock(SB))
	CMPQ	runtime·functabSorted(SB), $0
	JNE	done
	LEAQ	__start_p9_functab(SB), SI
	LEAQ	__stop_p9_functab(SB), R9
	LEAQ	funcrec__size(SI), DI	// the record to insert
next:
	CMPQ	DI, R9
	JCC	sorted
	MOVQ	DI, BX	// where it goes, moving left
	MOVQ	funcrec_entry(DI), R8
sift:
	CMPQ	BX, SI
	JEQ	place
	CMPQ	(funcrec_entry-funcrec__size)(BX), R8
	JLS	place
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
sorted:
	MOVQ	$1, runtime·functabSorted(SB)
done:
	UNLOCK_MUTEX(runtime·functabLock(SB))
	RET

GLOBL runtime·functabSorted(SB), NOPTR, $8
GLOBL runtime·functabLock(SB), NOPTR, $8

// func pcvalue(table *byte, off uint32) (v int64, ok bool): the value a PC
// table gives code offset off (package abi's encoding: uvarint lengths and
// zigzag varint deltas from 0, ended by a zero length).
TEXT runtime·pcvalue(SB), NOSPLIT, $0-25
	MOVQ	table+0(FP), SI
	MOVLQZX	off+8(FP), R8
	MOVQ	$0, R9	// the end of the current range
	MOVQ	$0, R10	// the value
entry:
	CALL	runtime·uvarint(SB)	// length into AX, advancing SI
	TESTQ	AX, AX
	JEQ	past
	ADDQ	AX, R9
	CALL	runtime·uvarint(SB)	// zigzag delta
	MOVQ	AX, DX
	SHRQ	$1, AX
	ANDQ	$1, DX
	NEGQ	DX
	XORQ	DX, AX
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
// Called with registers, not the stack: keeps BX, R8-R10.
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

// func funcline(f *funcrec, pc uintptr) (file *byte, line int64): the
// source file and line of pc in f (line 0 if the table has none for it).
TEXT runtime·funcline(SB), NOSPLIT, $32-32
	MOVQ	f+0(FP), BX
	MOVQ	funcrec_file(BX), AX
	MOVQ	AX, file+16(FP)
	MOVQ	funcrec_pcline(BX), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc+8(FP), AX
	SUBQ	funcrec_entry(BX), AX
	MOVL	AX, 8(SP)
	CALL	runtime·pcvalue(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, line+24(FP)
	RET

// func funcspdelta(f *funcrec, pc uintptr) int64: how far SP is below its
// value at f's entry when f is at pc: where f's return address is.
TEXT runtime·funcspdelta(SB), NOSPLIT, $32-24
	MOVQ	f+0(FP), BX
	MOVQ	funcrec_pcsp(BX), AX
	MOVQ	AX, 0(SP)
	MOVQ	pc+8(FP), AX
	SUBQ	funcrec_entry(BX), AX
	MOVL	AX, 8(SP)
	CALL	runtime·pcvalue(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+16(FP)
	RET

TEXT_MARK(runtime·functabEtext)
