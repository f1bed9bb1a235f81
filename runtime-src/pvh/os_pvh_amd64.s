// What the runtime learns from the machine at start-up: the environment
// from the command line and the memory map, from the hvm_start_info the
// loader passed to _rt0_amd64_pvh; the CPUs (smp_pvh_amd64.s); the TSC's
// rate.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "arena.h"
#include "startinfo.h"
#include "print.h"

// The TSC is timed, where the CPU does not give its rate, against the
// PIT counting calibCount ticks of its 1.193182 MHz clock: about 10 ms.
#define pitHz	1193182
#define calibCount	11932
#define clockSamples	5
#define clockRetries	20
#define clockPolls	1000000

// At most maxEnv words of at most cmdlineMax bytes in all.
#define maxEnv	64

// osText and osEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·osText)

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
	THROW(str_checkFailed)
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

	CALL	runtime·pvhclock(SB)
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, runtime·pvhtsc0(SB)
	MOVQ	AX, runtime·randomSeed(SB)

	// The heap: every RAM region of the memory map, whole pages above
	// the image and the page tables after it (pvhpaging) and below what
	// the heap's arena index reaches (arenaEnd), in pvhram.
	LOAD_MEMMAP(nomap)
	LEAQ	runtime·pvhram(SB), SI
	MOVQ	$0, BX	// regions kept
region:
	TESTL	CX, CX
	JEQ	nomap
	CMPL	mm_type(DI), $memRAM
	JNE	nextregion
	MOVQ	mm_addr(DI), R8
	MOVQ	mm_size(DI), R9
	ADDQ	R8, R9
	ADDQ	$4095, R8
	ANDQ	$~4095, R8
	ANDQ	$~4095, R9
	CMPQ	R8, runtime·pvhptnext(SB)
	JCC	above
	MOVQ	runtime·pvhptnext(SB), R8
above:
	MOVQ	$arenaEnd, AX
	CMPQ	R9, AX
	JLS	below
	MOVQ	AX, R9
below:
	CMPQ	R8, R9
	JCC	nextregion
	CMPQ	BX, $maxRAMRegions
	JCC	nomap
	MOVQ	R8, 0(SI)
	MOVQ	R9, 8(SI)
	ADDQ	$16, SI
	INCQ	BX
	MOVQ	BX, runtime·pvhnram(SB)
nextregion:
	ADDQ	$mmEntrySize, DI
	DECL	CX
	JMP	region
nomap:
	// Without a memory map there is no heap: malloc reports running
	// out of memory.
	RET

// func pvhclock(): the TSC's rate, as pvhtscper TSC ticks in pvhcalibns
// nanoseconds (about 10 ms), from the first source there is:
//   - the hypervisor's timing leaf, CPUID 0x40000010 (EAX: the TSC's kHz),
//     where the hypervisor's leaf range (CPUID 0x40000000's EAX) reaches it;
//   - CPUID 0x15: the TSC/crystal ratio EBX/EAX and the crystal's Hz (ECX),
//     where all three are given (0x16's base frequency is nominal, not the
//     TSC's, and is not used);
//   - timing against PIT channel 2 (its output in port 0x61) for
//     calibCount ticks of its 1.193182 MHz clock, clockSamples times, the
//     median taken: one sample can be stretched by the host descheduling
//     the virtual CPU;
//   - without port 0x61 (QEMU's microvm has no speaker port), against PIT
//     channel 0's count, read back by latching it, the same way;
//   - without a PIT, a guess of 1 GHz.
// pvhclocksrc says which (1 to 5, in that order).
TEXT runtime·pvhclock(SB), NOSPLIT, $32-0
	MOVL	$1, AX
	CPUID
	BTL	$31, CX	// a hypervisor is present
	JCC	leaf15
	MOVL	$0x40000000, AX
	CPUID
	CMPL	AX, $0x40000010
	JCS	leaf15
	CMPL	AX, $0x400000ff
	JHI	leaf15
	MOVL	$0x40000010, AX
	CPUID
	TESTL	AX, AX
	JEQ	leaf15
	MOVL	AX, AX
	IMULQ	$10, AX	// kHz: ticks in 10 ms
	MOVQ	AX, runtime·pvhtscper(SB)
	MOVQ	$10000000, runtime·pvhcalibns(SB)
	MOVQ	$1, runtime·pvhclocksrc(SB)
	RET
leaf15:
	MOVL	$0, AX
	CPUID
	CMPL	AX, $0x15
	JCS	pit
	MOVL	$0x15, AX
	CPUID
	TESTL	AX, AX
	JEQ	pit
	TESTL	BX, BX
	JEQ	pit
	TESTL	CX, CX
	JEQ	pit
	MOVL	AX, R8
	MOVL	CX, AX
	MOVL	BX, BX
	MULQ	BX
	DIVQ	R8	// Hz
	MOVQ	$0, DX
	MOVQ	$100, CX
	DIVQ	CX
	TESTQ	AX, AX
	JEQ	pit
	MOVQ	AX, runtime·pvhtscper(SB)
	MOVQ	$10000000, runtime·pvhcalibns(SB)
	MOVQ	$2, runtime·pvhclocksrc(SB)
	RET
pit:
	MOVQ	$(calibCount*1000000000/pitHz), runtime·pvhcalibns(SB)
	// Channel 2, its gate on and the speaker off in port 0x61.
	BYTE	$0xe4; BYTE $0x61	// INB $0x61, AL
	ANDB	$0xfc, AL
	ORB	$0x01, AL
	BYTE	$0xe6; BYTE $0x61	// OUTB AL, $0x61
	MOVQ	$3, runtime·pvhclocksrc(SB)
	MOVQ	$0xb4, 0(SP)	// channel 2, low then high byte, mode 2
	MOVQ	$0x80, 8(SP)	// latch channel 2
	MOVQ	$0x42, 16(SP)
	CALL	runtime·pvhpitcalib(SB)
	MOVQ	24(SP), AX
	TESTQ	AX, AX
	JNE	rate
	MOVQ	$4, runtime·pvhclocksrc(SB)
	MOVQ	$0x34, 0(SP)	// channel 0, low then high byte, mode 2
	MOVQ	$0x00, 8(SP)	// latch channel 0
	MOVQ	$0x40, 16(SP)
	CALL	runtime·pvhpitcalib(SB)
	MOVQ	24(SP), AX
	TESTQ	AX, AX
	JNE	rate
	MOVQ	$5, runtime·pvhclocksrc(SB)
	MOVQ	$10000000, runtime·pvhcalibns(SB)
	MOVQ	$10000000, AX	// 1 GHz
rate:
	MOVQ	AX, runtime·pvhtscper(SB)
	RET

// func pvhpitcalib(mode, latch, port uint64) (ticks uint64): the median
// of clockSamples measurements of the TSC ticks in calibCount ticks of a
// PIT channel (set up with the control word mode, latched with latch, its
// count read from port), or 0 if the channel does not count. A
// measurement reads the count with the TSC read before and after (the
// read's TSC midpoint stands for the count's time), at the start and
// once calibCount ticks have passed, the count read all along so its
// wrap-arounds (65536 ticks, 55 ms) are counted. A measurement whose two
// reads took more than a 1000th of it (a host stalling the virtual CPU
// in the middle of one: QEMU takes a lock for each port access) is made
// again, up to clockRetries times.
TEXT runtime·pvhpitcalib(SB), NOSPLIT, $64-32
	MOVQ	mode+0(FP), AX
	BYTE	$0xe6; BYTE $0x43	// OUTB AL, $0x43
	MOVB	$0, AL
	MOVQ	port+16(FP), DX
	BYTE	$0xee	// OUTB AL, DX: count 65536
	BYTE	$0xee	// OUTB AL, DX
	MOVQ	latch+8(FP), R14
	MOVQ	port+16(FP), R15
	MOVQ	$0, n-8(SP)
sample:
	MOVQ	$clockRetries, tries-16(SP)
measure:
	CALL	runtime·pvhpitread(SB)
	MOVQ	CX, prev-24(SP)
	MOVQ	R8, start-32(SP)
	MOVQ	R9, width-40(SP)
	MOVQ	$0, ticks-48(SP)
	MOVQ	$clockPolls, polls-56(SP)
poll:
	CALL	runtime·pvhpitread(SB)
	MOVQ	prev-24(SP), AX
	SUBQ	CX, AX
	ANDQ	$0xffff, AX
	ADDQ	ticks-48(SP), AX
	MOVQ	AX, ticks-48(SP)
	MOVQ	CX, prev-24(SP)
	CMPQ	AX, $calibCount
	JCC	counted
	DECQ	polls-56(SP)
	JNE	poll
	MOVQ	$0, ret+24(FP)	// the count does not move
	RET
counted:
	// The TSC ticks from the first read to the last, scaled to exactly
	// calibCount PIT ticks.
	ADDQ	width-40(SP), R9
	MOVQ	R8, AX
	SUBQ	start-32(SP), AX
	MOVQ	AX, BX
	SHRQ	$10, BX	// about a 1000th
	CMPQ	R9, BX
	JLS	good
	DECQ	tries-16(SP)
	JNE	measure
good:
	MOVQ	$calibCount, CX
	MULQ	CX
	DIVQ	ticks-48(SP)
	TESTQ	AX, AX
	JNE	insert0
	INCQ	AX
insert0:
	// Into the sorted samples.
	MOVQ	n-8(SP), CX
	LEAQ	runtime·pvhsamples(SB), SI
insert:
	TESTQ	CX, CX
	JEQ	put
	MOVQ	-8(SI)(CX*8), DX
	CMPQ	DX, AX
	JLS	put
	MOVQ	DX, 0(SI)(CX*8)
	DECQ	CX
	JMP	insert
put:
	MOVQ	AX, 0(SI)(CX*8)
	INCQ	n-8(SP)
	CMPQ	n-8(SP), $clockSamples
	JCS	sample
	MOVQ	runtime·pvhsamples+(clockSamples/2*8)(SB), AX
	MOVQ	AX, ret+24(FP)
	RET

// pvhpitread: CX = the count of the PIT channel latched by command R14
// and read from port R15, R8 = the TSC halfway through reading it, R9 =
// the TSC ticks the read took. Changes AX, DX.
TEXT runtime·pvhpitread(SB), NOSPLIT|NOFRAME, $0
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8
	MOVQ	R14, AX
	BYTE	$0xe6; BYTE $0x43	// OUTB AL, $0x43
	MOVQ	R15, DX
	BYTE	$0xec	// INB DX, AL
	MOVBLZX	AL, CX
	BYTE	$0xec	// INB DX, AL
	MOVBLZX	AL, AX
	SHLL	$8, AX
	ORL	AX, CX
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R9
	SUBQ	R8, R9
	MOVQ	R9, DX
	SHRQ	$1, DX
	ADDQ	DX, R8
	RET

GLOBL runtime·pvhsamples(SB), NOPTR, $(clockSamples*8)
GLOBL runtime·pvhclocksrc(SB), NOPTR, $8

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

TEXT_MARK(runtime·osEtext)
