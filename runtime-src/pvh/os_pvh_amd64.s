// What the runtime learns from the machine at start-up: the environment
// from the command line and the memory map, from the hvm_start_info the
// loader passed to _rt0_amd64_pvh; the CPUs (smp_pvh_amd64.s); the TSC's
// rate.

#include "textflag.h"
#include "go_asm.h"

// hvm_start_info (Xen's public/arch-x86/hvm/start_info.h).
#define startMagic	0x336ec578
#define si_magic	0
#define si_version	4
#define si_cmdline	24
#define si_memmap	40
#define si_memmapEntries	48
// hvm_memmap_table_entry: addr, size, type; 24 bytes.
#define mm_addr	0
#define mm_size	8
#define mm_type	16
#define mmEntrySize	24
#define memRAM	1

// The identity map _rt0_amd64_pvh builds covers the first GiB.
#define mappedEnd	(1<<30)

// The TSC is timed against PIT channel 2 counting calibCount ticks of
// its 1.193182 MHz clock: about 10 ms.
#define pitHz	1193182
#define calibCount	11932

// At most maxEnv words of at most cmdlineMax bytes in all.
#define maxEnv	64
#define cmdlineMax	1024

// osText and osEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·osText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

// func check(): the atomics and alignment the scheduler relies on.
TEXT runtime·check(SB), NOSPLIT, $16-0
	MOVQ	$1, runtime·checkword(SB)
	MOVQ	$1, AX
	MOVQ	$2, CX
	LOCK
	CMPXCHGQ	CX, runtime·checkword(SB)
	JNE	bad
	MOVQ	$3, AX
	LOCK
	XADDQ	AX, runtime·checkword(SB)
	CMPQ	runtime·checkword(SB), $5
	JNE	bad
	LEAQ	runtime·m0(SB), AX
	LEAQ	runtime·g0(SB), CX
	ORQ	CX, AX
	ORQ	$(p__size|g__size|m__size|hchan__size), AX
	TESTQ	$7, AX
	JNE	bad
	RET
bad:
	LEAQ	str_checkFailed, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET

GLOBL runtime·checkword(SB), NOPTR, $8

// func args(argc int64, argv **byte): the machine has no arguments; its
// command line (QEMU's -append) is the environment: space-separated
// NAME=value words, copied and NUL-terminated into pvhcmdline.
TEXT runtime·args(SB), NOSPLIT, $0-16
	LEAQ	runtime·pvhenv(SB), R8
	MOVQ	R8, runtime·envp(SB)
	MOVQ	$0, 0(R8)
	MOVQ	runtime·pvhstartinfo(SB), SI
	CMPL	si_magic(SI), $startMagic
	JNE	done
	MOVQ	si_cmdline(SI), SI
	TESTQ	SI, SI
	JEQ	done
	LEAQ	runtime·pvhcmdline(SB), DI
	MOVQ	$0, R9	// words so far
	MOVL	$0, DX	// inside a word
	MOVQ	$(cmdlineMax-1), CX
loop:
	MOVBLZX	0(SI), AX
	TESTL	AX, AX
	JEQ	end
	CMPL	AX, $' '
	JEQ	space
	TESTL	DX, DX
	JNE	store
	CMPQ	R9, $maxEnv
	JCC	end
	MOVQ	DI, 0(R8)
	ADDQ	$8, R8
	INCQ	R9
	MOVL	$1, DX
store:
	MOVB	AX, 0(DI)
	INCQ	DI
	JMP	advance
space:
	TESTL	DX, DX
	JEQ	advance
	MOVB	$0, 0(DI)
	INCQ	DI
	MOVL	$0, DX
advance:
	INCQ	SI
	DECQ	CX
	JNE	loop
end:
	MOVB	$0, 0(DI)
	MOVQ	$0, 0(R8)
done:
	RET

GLOBL runtime·envp(SB), NOPTR, $8
GLOBL runtime·pvhenv(SB), NOPTR, $((maxEnv+1)*8)
GLOBL runtime·pvhcmdline(SB), NOPTR, $cmdlineMax
GLOBL runtime·randomSeed(SB), NOPTR, $8

// func osinit(): the CPUs; the TSC's rate; the heap.
TEXT runtime·osinit(SB), NOSPLIT, $0-0
	MOVQ	$1, runtime·sched+schedt_ncpu(SB)
	CALL	runtime·pvhsmpinit(SB)

	// Start channel 2 counting down from calibCount (mode 0, gate on,
	// speaker off) and count TSC ticks until its output goes high.
	BYTE	$0xe4; BYTE $0x61	// INB $0x61, AL
	ANDB	$0xfd, AL
	ORB	$0x01, AL
	BYTE	$0xe6; BYTE $0x61	// OUTB AL, $0x61
	MOVB	$0xb0, AL
	BYTE	$0xe6; BYTE $0x43	// OUTB AL, $0x43
	MOVB	$(calibCount&0xff), AL
	BYTE	$0xe6; BYTE $0x42	// OUTB AL, $0x42
	MOVB	$(calibCount>>8), AL
	BYTE	$0xe6; BYTE $0x42	// OUTB AL, $0x42
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8
	MOVQ	$10000000, R10	// give up on a machine without the PIT
poll:
	BYTE	$0xe4; BYTE $0x61	// INB $0x61, AL
	TESTB	$0x20, AL
	JNE	counted
	DECQ	R10
	JNE	poll
counted:
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, runtime·pvhtsc0(SB)
	MOVQ	AX, runtime·randomSeed(SB)
	SUBQ	R8, AX
	JNE	rate
	INCQ	AX
rate:
	MOVQ	AX, runtime·pvhtscper(SB)
	MOVQ	$(calibCount*1000000000/pitHz), runtime·pvhcalibns(SB)

	// The heap: from the end of the image and the page tables after it
	// (pvhpaging) to the end of the RAM region holding them, within the
	// first GiB.
	MOVQ	runtime·pvhptnext(SB), AX
	MOVQ	AX, runtime·pvhheap(SB)
	MOVQ	AX, runtime·pvhheapend(SB)
	MOVQ	runtime·pvhstartinfo(SB), SI
	CMPL	si_magic(SI), $startMagic
	JNE	nomap
	CMPL	si_version(SI), $1
	JCS	nomap
	MOVQ	si_memmap(SI), DI
	MOVL	si_memmapEntries(SI), CX
region:
	TESTL	CX, CX
	JEQ	nomap
	CMPL	mm_type(DI), $memRAM
	JNE	nextregion
	MOVQ	mm_addr(DI), R8
	CMPQ	AX, R8
	JCS	nextregion
	MOVQ	mm_size(DI), R9
	ADDQ	R8, R9
	CMPQ	AX, R9
	JCC	nextregion
	CMPQ	R9, $mappedEnd
	JLS	found
	MOVQ	$mappedEnd, R9
found:
	MOVQ	R9, runtime·pvhheapend(SB)
	RET
nextregion:
	ADDQ	$mmEntrySize, DI
	DECL	CX
	JMP	region
nomap:
	// No memory map: malloc reports running out of memory.
	RET

// func getenv(name *byte) *byte: the value of the environment word whose
// "NAME=" prefix is the NUL-terminated name, or nil.
TEXT runtime·getenv(SB), NOSPLIT, $0-16
	MOVQ	runtime·envp(SB), SI
	TESTQ	SI, SI
	JEQ	notfound
word:
	MOVQ	0(SI), DI
	TESTQ	DI, DI
	JEQ	notfound
	MOVQ	name+0(FP), BX
cmp:
	MOVBLZX	0(BX), AX
	TESTL	AX, AX
	JEQ	found
	CMPB	AL, 0(DI)
	JNE	nextword
	INCQ	BX
	INCQ	DI
	JMP	cmp
nextword:
	ADDQ	$8, SI
	JMP	word
found:
	MOVQ	DI, ret+8(FP)
	RET
notfound:
	MOVQ	$0, ret+8(FP)
	RET

// func atoi(s *byte) (n int64, ok bool): the non-negative decimal number
// that is all of s, below 10^8.
TEXT runtime·atoi(SB), NOSPLIT, $0-17
	MOVQ	s+0(FP), SI
	MOVQ	$0, AX
	MOVB	$0, ok+16(FP)
	MOVQ	$0, n+8(FP)
	CMPB	0(SI), $0
	JEQ	done
next:
	MOVBLZX	0(SI), CX
	TESTL	CX, CX
	JEQ	good
	SUBL	$'0', CX
	CMPL	CX, $9
	JHI	done
	CMPQ	AX, $10000000
	JCC	done
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	JMP	next
good:
	MOVQ	AX, n+8(FP)
	MOVB	$1, ok+16(FP)
done:
	RET

TEXT runtime·osEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
