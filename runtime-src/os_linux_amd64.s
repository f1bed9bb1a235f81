// What the runtime learns from Linux at start-up: arguments, environment,
// the auxiliary vector and the CPUs it may run on.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "print.h"

#define AT_NULL	0
#define AT_PAGESZ	6
#define AT_RANDOM	25
#define AT_PHDR	3
#define AT_PHNUM	5
#define AT_SYSINFO_EHDR	33

// The vDSO's ELF: program header and dynamic entry types, and what the
// symbol search needs.
#define PT_LOAD	1
#define PT_DYNAMIC	2
#define DT_NULL	0
#define DT_HASH	4
#define DT_STRTAB	5
#define DT_SYMTAB	6
#define DT_GNU_HASH	0x6ffffef5
#define DT_VERSYM	0x6ffffff0
#define DT_VERDEF	0x6ffffffc
#define STT_FUNC	2
#define STB_GLOBAL	1
#define STB_WEAK	2
#define VER_FLG_BASE	1

#define SYS_prlimit64	302
#define RLIMIT_NOFILE	7

// osText and osEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·osText)

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
	THROW(str_checkFailed)
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
	CMPQ	AX, $AT_SYSINFO_EHDR
	JNE	notvdso
	MOVQ	8(SI), CX
	MOVQ	CX, runtime·vdsoBase(SB)
notvdso:
	// The program headers: the collector's data and bss roots.
	CMPQ	AX, $AT_PHDR
	JNE	notphdr
	MOVQ	8(SI), CX
	MOVQ	CX, runtime·gcPhdr(SB)
notphdr:
	CMPQ	AX, $AT_PHNUM
	JNE	notphnum
	MOVQ	8(SI), CX
	MOVQ	CX, runtime·gcPhnum(SB)
notphnum:
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
// Where the kernel mapped the vDSO (0: none), and its clock_gettime (0:
// not found; nanotime makes the system call).
GLOBL runtime·vdsoBase(SB), NOPTR, $8
GLOBL runtime·vdsoClockGettime(SB), NOPTR, $8

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
	CALL	runtime·vdsoinit(SB)
	// As Go does at start-up: the soft limit on open descriptors up to
	// the hard one, for servers with many connections (the default soft
	// limit, often 1024, dates from select's fixed-size sets).
	MOVQ	$0, DI
	MOVL	$RLIMIT_NOFILE, SI
	MOVQ	$0, DX
	LEAQ	lim-16(SP), R10
	MOVL	$SYS_prlimit64, AX
	SYSCALL
	TESTQ	AX, AX
	JNE	done
	MOVQ	lim-8(SP), AX	// the hard limit
	MOVQ	AX, lim-16(SP)
	MOVQ	$0, DI
	MOVL	$RLIMIT_NOFILE, SI
	LEAQ	lim-16(SP), DX
	MOVQ	$0, R10
	MOVL	$SYS_prlimit64, AX
	SYSCALL
done:
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

// func vdsoinit(): find __vdso_clock_gettime, version LINUX_2.6, in the
// vDSO the kernel mapped (an ELF shared object, already relocated by
// nobody: its addresses are relative to where it was linked, and the first
// PT_LOAD says how far it moved). The symbols are searched in order; the
// hash table (DT_HASH, or DT_GNU_HASH when it is the only one) only says
// how many there are. Anything missing or odd leaves vdsoClockGettime 0,
// as does P9DEBUG=vdsooff=1.
TEXT runtime·vdsoinit(SB), NOSPLIT, $64-0
	// P9DEBUG=vdsooff=1: the system call, always.
	LEAQ	str_vdsooffVar, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·debugvar(SB)
	CMPQ	8(SP), $0
	JNE	none
	MOVQ	runtime·vdsoBase(SB), R8
	TESTQ	R8, R8
	JEQ	none
	CMPL	0(R8), $0x464c457f	// 0x7f, "ELF"
	JNE	none
	CMPB	4(R8), $2	// 64-bit
	JNE	none
	// The program headers: the load bias (R9) and the dynamic section (R11).
	MOVQ	32(R8), SI	// e_phoff
	ADDQ	R8, SI
	MOVWLZX	54(R8), DX	// e_phentsize
	MOVWLZX	56(R8), CX	// e_phnum
	MOVQ	$0, R10	// bias found
	MOVQ	$0, R11
phdr:
	TESTQ	CX, CX
	JEQ	phdone
	MOVL	0(SI), AX	// p_type
	CMPL	AX, $PT_LOAD
	JNE	notload
	TESTQ	R10, R10
	JNE	nextph
	MOVQ	R8, R9
	ADDQ	8(SI), R9	// p_offset
	SUBQ	16(SI), R9	// p_vaddr
	MOVQ	$1, R10
	JMP	nextph
notload:
	CMPL	AX, $PT_DYNAMIC
	JNE	nextph
	MOVQ	R8, R11
	ADDQ	8(SI), R11
nextph:
	ADDQ	DX, SI
	DECQ	CX
	JMP	phdr
phdone:
	TESTQ	R10, R10
	JEQ	none
	TESTQ	R11, R11
	JEQ	none
	// The dynamic section: the tables, as addresses.
	MOVQ	$0, hash-8(SP)
	MOVQ	$0, gnuhash-16(SP)
	MOVQ	$0, strtab-24(SP)
	MOVQ	$0, symtab-32(SP)
	MOVQ	$0, versym-40(SP)
	MOVQ	$0, verdef-48(SP)
dyn:
	MOVQ	0(R11), AX	// d_tag
	CMPQ	AX, $DT_NULL
	JEQ	dyndone
	MOVQ	8(R11), BX	// d_ptr
	ADDQ	R9, BX
	CMPQ	AX, $DT_HASH
	JNE	notdthash
	MOVQ	BX, hash-8(SP)
notdthash:
	CMPQ	AX, $DT_GNU_HASH
	JNE	notdtgnuhash
	MOVQ	BX, gnuhash-16(SP)
notdtgnuhash:
	CMPQ	AX, $DT_STRTAB
	JNE	notdtstrtab
	MOVQ	BX, strtab-24(SP)
notdtstrtab:
	CMPQ	AX, $DT_SYMTAB
	JNE	notdtsymtab
	MOVQ	BX, symtab-32(SP)
notdtsymtab:
	CMPQ	AX, $DT_VERSYM
	JNE	notdtversym
	MOVQ	BX, versym-40(SP)
notdtversym:
	CMPQ	AX, $DT_VERDEF
	JNE	nextdyn
	MOVQ	BX, verdef-48(SP)
nextdyn:
	ADDQ	$16, R11
	JMP	dyn
dyndone:
	CMPQ	strtab-24(SP), $0
	JEQ	none
	CMPQ	symtab-32(SP), $0
	JEQ	none

	// How many symbols: DT_HASH's nchain, or one past the last symbol in
	// DT_GNU_HASH's chains (the highest bucket's chain, to its end).
	MOVQ	hash-8(SP), SI
	TESTQ	SI, SI
	JEQ	gnu
	MOVL	4(SI), CX
	JMP	counted
gnu:
	MOVQ	gnuhash-16(SP), SI
	TESTQ	SI, SI
	JEQ	none
	MOVL	0(SI), DX	// nbuckets
	MOVL	4(SI), R10	// symoffset
	MOVL	8(SI), AX	// bloom words
	LEAQ	16(SI)(AX*8), DI	// buckets
	LEAQ	0(DI)(DX*4), R11	// chains, from symbol symoffset
	MOVQ	$0, CX	// highest bucket
bucket:
	TESTQ	DX, DX
	JEQ	buckets
	MOVL	0(DI), AX
	CMPQ	AX, CX
	JLS	lower
	MOVQ	AX, CX
lower:
	ADDQ	$4, DI
	DECQ	DX
	JMP	bucket
buckets:
	CMPQ	CX, R10
	JCC	chain
	MOVQ	R10, CX	// no symbols in the table
	JMP	counted
chain:
	MOVQ	CX, AX
	SUBQ	R10, AX
	MOVL	0(R11)(AX*4), AX
	INCQ	CX
	TESTL	$1, AX	// the chain's last symbol
	JEQ	chain
counted:
	MOVQ	CX, nsym-56(SP)

	// The version index of LINUX_2.6 (R10), if there are versions.
	MOVQ	$-1, R10
	MOVQ	verdef-48(SP), SI
	CMPQ	versym-40(SP), $0
	JEQ	noversions
	TESTQ	SI, SI
	JEQ	noversions
verdef:
	MOVWLZX	2(SI), AX	// vd_flags
	TESTL	$VER_FLG_BASE, AX
	JNE	nextverdef
	MOVL	12(SI), DI	// vd_aux
	ADDQ	SI, DI
	MOVL	0(DI), DI	// vda_name
	ADDQ	strtab-24(SP), DI
	LEAQ	runtime·vdsoVersion(SB), BX
	CALL	runtime·vdsostreq(SB)
	TESTQ	AX, AX
	JEQ	nextverdef
	MOVWLZX	4(SI), R10	// vd_ndx
	ANDQ	$0x7fff, R10
	JMP	noversions
nextverdef:
	MOVL	16(SI), AX	// vd_next
	TESTL	AX, AX
	JEQ	none	// versioned, but not LINUX_2.6
	ADDQ	AX, SI
	JMP	verdef
noversions:

	// The symbols, in order.
	MOVQ	$0, CX
	MOVQ	symtab-32(SP), SI
sym:
	CMPQ	CX, nsym-56(SP)
	JCC	none
	MOVBLZX	4(SI), AX	// st_info
	MOVL	AX, DX
	ANDL	$0xf, DX
	CMPL	DX, $STT_FUNC
	JNE	nextsym
	SHRL	$4, AX
	CMPL	AX, $STB_GLOBAL
	JEQ	bound
	CMPL	AX, $STB_WEAK
	JNE	nextsym
bound:
	CMPW	6(SI), $0	// st_shndx: undefined
	JEQ	nextsym
	CMPQ	R10, $-1
	JEQ	anyversion
	MOVQ	versym-40(SP), DI
	MOVWLZX	0(DI)(CX*2), AX
	ANDL	$0x7fff, AX
	CMPQ	AX, R10
	JNE	nextsym
anyversion:
	MOVL	0(SI), DI	// st_name
	ADDQ	strtab-24(SP), DI
	LEAQ	runtime·vdsoClockGettimeName(SB), BX
	CALL	runtime·vdsostreq(SB)
	TESTQ	AX, AX
	JEQ	nextsym
	MOVQ	8(SI), AX	// st_value
	TESTQ	AX, AX
	JEQ	none
	ADDQ	R9, AX
	MOVQ	AX, runtime·vdsoClockGettime(SB)
	RET
nextsym:
	ADDQ	$24, SI
	INCQ	CX
	JMP	sym
none:
	RET

// vdsostreq: AX = 1 if the NUL-terminated strings at DI and BX are equal,
// else 0. Changes AX, DX, DI and BX only.
TEXT runtime·vdsostreq(SB), NOSPLIT|NOFRAME, $0
	MOVBLZX	0(DI), AX
	MOVBLZX	0(BX), DX
	CMPL	AX, DX
	JNE	differ
	TESTL	AX, AX
	JEQ	same
	INCQ	DI
	INCQ	BX
	JMP	runtime·vdsostreq(SB)
same:
	MOVQ	$1, AX
	RET
differ:
	MOVQ	$0, AX
	RET

DATA runtime·vdsoVersion+0(SB)/8, $"LINUX_2."
DATA runtime·vdsoVersion+8(SB)/1, $"6"
GLOBL runtime·vdsoVersion(SB), RODATA, $16
DATA runtime·vdsoClockGettimeName+0(SB)/8, $"__vdso_c"
DATA runtime·vdsoClockGettimeName+8(SB)/8, $"lock_get"
DATA runtime·vdsoClockGettimeName+16(SB)/4, $"time"
GLOBL runtime·vdsoClockGettimeName(SB), RODATA, $24

TEXT_MARK(runtime·osEtext)
