// What the runtime learns from Linux at start-up: arguments, environment,
// the auxiliary vector and the CPUs it may run on.

#include "textflag.h"
#include "go_asm.h"

#define AT_NULL	0
#define AT_PAGESZ	6
#define AT_RANDOM	25

// osText and osEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·osText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

// func check(): sanity checks of the machine and of the runtime's layout
// before anything depends on them.
TEXT runtime·check(SB), NOSPLIT, $16-0
	// A compare-and-swap that matches stores, one that does not loads.
	MOVQ	$1, runtime·checkword(SB)
	MOVQ	$1, AX
	MOVQ	$2, CX
	LOCK
	CMPXCHGQ	CX, runtime·checkword(SB)
	JNE	bad
	CMPQ	runtime·checkword(SB), $2
	JNE	bad
	MOVQ	$1, AX
	MOVQ	$3, CX
	LOCK
	CMPXCHGQ	CX, runtime·checkword(SB)
	JEQ	bad
	CMPQ	AX, $2
	JNE	bad
	// Fetch-and-add returns the old value.
	MOVQ	$5, AX
	LOCK
	XADDQ	AX, runtime·checkword(SB)
	CMPQ	AX, $2
	JNE	bad
	CMPQ	runtime·checkword(SB), $7
	JNE	bad
	// Atomics on m, g and p fields need 8-byte alignment.
	LEAQ	runtime·m0(SB), AX
	TESTQ	$7, AX
	JNE	bad
	LEAQ	runtime·g0(SB), AX
	TESTQ	$7, AX
	JNE	bad
	MOVQ	$(p__size&7), AX
	ORQ	$(g__size&7), AX
	ORQ	$(m__size&7), AX
	ORQ	$(hchan__size&7), AX
	JNE	bad
	RET
bad:
	LEAQ	str_checkFailed, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

GLOBL runtime·checkword(SB), NOPTR, $8

// func args(argc int64, argv **byte): record the arguments and find the
// environment and the auxiliary vector after them.
TEXT runtime·args(SB), NOSPLIT, $0-16
	MOVQ	argc+0(FP), AX
	MOVQ	AX, runtime·argc(SB)
	MOVQ	argv+8(FP), BX
	MOVQ	BX, runtime·argv(SB)
	LEAQ	8(BX)(AX*8), SI	// envp: past argv's NULL
	MOVQ	SI, runtime·envp(SB)
envloop:
	CMPQ	0(SI), $0
	JEQ	envdone
	ADDQ	$8, SI
	JMP	envloop
envdone:
	ADDQ	$8, SI	// auxv: (tag, value) pairs up to AT_NULL
auxloop:
	MOVQ	0(SI), AX
	CMPQ	AX, $AT_NULL
	JEQ	done
	CMPQ	AX, $AT_PAGESZ
	JNE	notpagesz
	MOVQ	8(SI), CX
	MOVQ	CX, runtime·physPageSize(SB)
notpagesz:
	CMPQ	AX, $AT_RANDOM
	JNE	next
	MOVQ	8(SI), CX	// 16 random bytes from the kernel
	MOVQ	0(CX), DX
	XORQ	8(CX), DX
	MOVQ	DX, runtime·randomSeed(SB)
next:
	ADDQ	$16, SI
	JMP	auxloop
done:
	RET

GLOBL runtime·argc(SB), NOPTR, $8
GLOBL runtime·argv(SB), NOPTR, $8
GLOBL runtime·envp(SB), NOPTR, $8
GLOBL runtime·physPageSize(SB), NOPTR, $8
GLOBL runtime·randomSeed(SB), NOPTR, $8

// func osinit(): count the CPUs this process may run on. The mask is
// static: osinit runs once, before any other thread exists.
TEXT runtime·osinit(SB), NOSPLIT, $32-0
	MOVQ	$0, 0(SP)
	MOVQ	$1024, 8(SP)
	LEAQ	runtime·cpumask(SB), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·sched_getaffinity(SB)
	MOVLQSX	24(SP), CX	// bytes of mask written, or -errno
	MOVQ	$0, BX	// CPUs counted
	CMPQ	CX, $0
	JLE	none
	LEAQ	runtime·cpumask(SB), SI
	SHRQ	$3, CX	// whole words (the kernel writes multiples of 8)
word:
	TESTQ	CX, CX
	JEQ	counted
	MOVQ	0(SI), AX
bit:
	TESTQ	AX, AX
	JEQ	nextword
	LEAQ	-1(AX), DX
	ANDQ	DX, AX	// clear the lowest set bit
	INCQ	BX
	JMP	bit
nextword:
	ADDQ	$8, SI
	DECQ	CX
	JMP	word
counted:
	TESTQ	BX, BX
	JNE	store
none:
	MOVQ	$1, BX
store:
	MOVQ	BX, runtime·sched+schedt_ncpu(SB)
	RET

GLOBL runtime·cpumask(SB), NOPTR, $1024

// func getenv(name *byte) *byte: the value of the environment variable
// whose "NAME=" prefix is the NUL-terminated name, or nil.
TEXT runtime·getenv(SB), NOSPLIT, $0-16
	MOVQ	runtime·envp(SB), SI
	TESTQ	SI, SI
	JEQ	notfound
entry:
	MOVQ	0(SI), DI	// "KEY=value"
	TESTQ	DI, DI
	JEQ	notfound
	MOVQ	name+0(FP), BX
cmp:
	MOVBLZX	0(BX), AX
	TESTL	AX, AX
	JEQ	found
	MOVBLZX	0(DI), CX
	CMPL	AX, CX
	JNE	nextentry
	INCQ	BX
	INCQ	DI
	JMP	cmp
nextentry:
	ADDQ	$8, SI
	JMP	entry
found:
	MOVQ	DI, ret+8(FP)
	RET
notfound:
	MOVQ	$0, ret+8(FP)
	RET

// func atoi(s *byte) (n int64, ok bool): a non-negative decimal number
// that is the whole NUL-terminated string.
TEXT runtime·atoi(SB), NOSPLIT, $0-17
	MOVQ	s+0(FP), SI
	MOVQ	$0, AX
	MOVBLZX	0(SI), CX
	TESTL	CX, CX
	JEQ	bad
digit:
	MOVBLZX	0(SI), CX
	TESTL	CX, CX
	JEQ	good
	SUBL	$'0', CX
	CMPL	CX, $9
	JHI	bad
	CMPQ	AX, $100000000
	JGE	bad	// far past any count the runtime takes
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	JMP	digit
good:
	MOVQ	AX, n+8(FP)
	MOVB	$1, ok+16(FP)
	RET
bad:
	MOVQ	$0, n+8(FP)
	MOVB	$0, ok+16(FP)
	RET

TEXT runtime·osEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
