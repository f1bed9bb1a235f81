// allocscavenge: grows the heap by S MiB (1024, or the first command-line
// argument) in 1 MiB blocks from malloc, writing a byte of every page,
// frees them all, then idles for up to T seconds (5, or the second
// argument), reading its resident size from /proc/self/statm every
// 100 ms, until that is at most 64 MiB. Prints "allocscavenge <ms until
// resident ≤ 64 MiB, or -1> <resident KiB at the end>": the time counts
// from the last free, and the program stops idling once the size is
// reached. Memory comes back only if the allocator returns freed pages to
// the system (a scavenger).
//
//	p9ld -o allocscavenge examples/allocscavenge.s && ./allocscavenge [S [T]]

#include "textflag.h"
#include "args.h"

#define MIB	1024
#define IDLE	5
#define BLOCK	1048576
#define PAGE	4096
#define THRESHOLD	67108864	// 64 MiB
#define POLLUS	100000		// 100 ms between polls

GLOBL main·nblocks(SB), NOPTR, $8
GLOBL main·table(SB), NOPTR, $8	// the blocks, nblocks pointers
GLOBL main·start(SB), NOPTR, $8	// nanotime after the last free
GLOBL main·deadline(SB), NOPTR, $8
GLOBL main·reached(SB), NOPTR, $8	// ms, or -1
GLOBL main·rss(SB), NOPTR, $8		// bytes, or -1

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$1, 0(SP)
	MOVQ	$MIB, 8(SP)
	CALL	main·argn(SB)
	MOVQ	16(SP), AX
	CMPQ	AX, $1
	JGE	setn
	MOVQ	$1, AX
setn:
	MOVQ	AX, main·nblocks(SB)
	MOVQ	$2, 0(SP)
	MOVQ	$IDLE, 8(SP)
	CALL	main·argn(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, idle-8(SP)

	// The table of blocks, then the blocks, every page written.
	MOVQ	main·nblocks(SB), AX
	SHLQ	$3, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, main·table(SB)
	MOVQ	$0, k-16(SP)
grow:
	MOVQ	$BLOCK, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), DI
	MOVQ	$0, CX
touch:
	MOVB	$1, 0(DI)(CX*1)
	ADDQ	$PAGE, CX
	CMPQ	CX, $BLOCK
	JLT	touch
	MOVQ	main·table(SB), BX
	MOVQ	k-16(SP), AX
	MOVQ	DI, 0(BX)(AX*8)
	INCQ	AX
	MOVQ	AX, k-16(SP)
	CMPQ	AX, main·nblocks(SB)
	JLT	grow

	// Free them all, and the table.
	MOVQ	$0, k-16(SP)
release:
	MOVQ	main·table(SB), BX
	MOVQ	k-16(SP), AX
	MOVQ	0(BX)(AX*8), DI
	MOVQ	DI, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	k-16(SP), AX
	INCQ	AX
	MOVQ	AX, k-16(SP)
	CMPQ	AX, main·nblocks(SB)
	JLT	release
	MOVQ	main·table(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)

	// Idle, polling, until resident ≤ THRESHOLD or the next poll would
	// come after the deadline.
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, main·start(SB)
	MOVQ	idle-8(SP), CX
	IMULQ	$1000000000, CX
	ADDQ	CX, AX
	MOVQ	AX, main·deadline(SB)
	MOVQ	$-1, main·reached(SB)
poll:
	CALL	main·resident(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, main·rss(SB)
	CMPQ	AX, $0
	JLT	notyet
	CMPQ	AX, $THRESHOLD
	JGT	notyet
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	main·start(SB), AX
	MOVQ	$0, DX
	MOVQ	$1000000, CX
	DIVQ	CX
	MOVQ	AX, main·reached(SB)
	JMP	out
notyet:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	$((POLLUS-1000)*1000), AX	// the next poll, less a millisecond's slack
	CMPQ	AX, main·deadline(SB)
	JGT	out
	MOVL	$POLLUS, 0(SP)
	CALL	runtime·usleep(SB)
	JMP	poll
out:
	LEAQ	name<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$14, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	main·reached(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	LEAQ	name<>+13(SB), AX	// the space
	MOVQ	AX, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	main·rss(SB), AX
	SARQ	$10, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET

DATA name<>+0(SB)/8, $"allocsca"
DATA name<>+8(SB)/6, $"venge "
GLOBL name<>(SB), RODATA|NOPTR, $14

// main·resident() int64 returns the resident size in bytes, the second
// field of /proc/self/statm (in pages), or -1, read with main·readfile
// (args.h).
TEXT main·resident(SB), NOSPLIT, $0-8
	MOVQ	$-1, ret+0(FP)
	LEAQ	statm<>(SB), AX
	LEAQ	statmbuf<>(SB), SI
	MOVQ	$128, DX
	CALL	main·readfile(SB)
	MOVQ	AX, R13		// bytes read
	CMPQ	R13, $0
	JLE	done
	LEAQ	statmbuf<>(SB), SI
	LEAQ	0(SI)(R13*1), R8	// the end of what was read
skip:	// past the first field (the total size) and its space
	CMPQ	SI, R8
	JGE	done
	MOVBQZX	0(SI), CX
	INCQ	SI
	CMPQ	CX, $32		// ' '
	JNE	skip
	MOVQ	$0, AX		// the resident pages
	MOVQ	$0, R9		// their digits
digit:
	CMPQ	SI, R8
	JGE	end
	MOVBQZX	0(SI), CX
	SUBQ	$48, CX		// '0'
	CMPQ	CX, $9
	JHI	end
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	INCQ	R9
	JMP	digit
end:
	CMPQ	R9, $0
	JEQ	done
	IMULQ	$PAGE, AX
	MOVQ	AX, ret+0(FP)
done:
	RET

DATA statm<>+0(SB)/8, $"/proc/se"
DATA statm<>+8(SB)/8, $"lf/statm"
GLOBL statm<>(SB), RODATA|NOPTR, $24	// NUL-terminated by the zeros after it

GLOBL statmbuf<>(SB), NOPTR, $128
