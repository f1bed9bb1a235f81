// The calls the runtime makes to its operating system, on a bare machine:
// output to the COM1 serial port, exit through QEMU's isa-debug-exit
// device, memory from a bump allocator, time from the TSC. Threads and
// futex are in thread_pvh_amd64.s, clone in smp_pvh_amd64.s.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"

#define COM1	0x3f8
#define debugExitPort	0xf4
#define acpiPM1aControl	0x604
#define acpiSleep	0x2000

// ACPI (pvhacpi): the RSDP's signature "RSD PTR " and the BIOS area it
// is searched in; table signatures and offsets in the FADT; the generic
// address structure's fields and address spaces; AML opcodes.
#define rsdpSignature	0x2052545020445352
#define biosAreaStart	0xe0000
#define biosAreaEnd	0x100000
#define maxACPITable	(1<<20)
#define fadtSignature	0x50434146
#define fadt_dsdt	40
#define fadt_pm1aCnt	64
#define fadt_flags	112
#define fadt_xdsdt	140
#define fadt_sleepCtl	244
#define fadtHWReduced	(1<<20)
#define gas_space	0
#define gas_addr	4
#define gasMemory	0
#define gasIO	1
#define sleepCtlEnable	0x20
#define s5Name	0x5f35535f
#define amlPackageOp	0x12
#define amlBytePrefix	0x0a
#define amlOneOp	0x01
#define msrFSBase	0xc0000100
#define msrEFER	0xc0000080
#define eferNXE	0x800
#define cr0WP	0x10000
#define EINVAL	22

// Page-table entries.
#define ptePresent	0x1
#define pteWrite	0x2
#define ptePWT	0x8
#define ptePCD	0x10
#define pteLarge	0x80
#define pteAddr	0x000ffffffffff000

// The local APIC's page; the page other CPUs start in (smp_pvh_amd64.s).
#define lapicBase	0xfee00000
#define trampolinePage	0x8000

#include "arena.h"
#include "startinfo.h"

// sysText and sysEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·sysText)

// func write1(fd uintptr, p unsafe.Pointer, n int32) int32: every
// descriptor is the serial port (runtime·write is the same).
TEXT runtime·write1(SB), NOSPLIT, $0-28
	MOVQ	p+8(FP), SI
	MOVL	n+16(FP), CX
	MOVL	CX, ret+24(FP)
	TESTL	CX, CX
	JLE	done
	// One write at a time, so writes from different CPUs do not mix.
lock:
	MOVL	$1, AX
	XCHGL	AX, runtime·pvhwritelock(SB)
	TESTL	AX, AX
	JEQ	next
	PAUSE
	JMP	lock
next:
	MOVL	$(COM1+5), DX	// line status: wait for an empty transmitter
wait:
	BYTE	$0xec	// INB DX, AL
	TESTB	$0x20, AL
	JEQ	wait
	MOVL	$COM1, DX
	MOVB	0(SI), AL
	BYTE	$0xee	// OUTB AL, DX
	INCQ	SI
	DECL	CX
	JNE	next
	MOVL	$0, runtime·pvhwritelock(SB)
done:
	RET

GLOBL runtime·pvhwritelock(SB), NOPTR, $8

// func exit(code int32): QEMU's isa-debug-exit device ends the machine
// with status code<<1 | 1. Without it, ACPI powers the machine off (QEMU's
// pc machine: SLP_EN in PM1a control), and failing that the CPU stops.
TEXT runtime·exit(SB), NOSPLIT, $0-4
	MOVL	code+0(FP), AX
	JMP	runtime·pvhpoweroff(SB)

// pvhpoweroff is exit with the code in AX, for callers without a usable
// stack.
TEXT runtime·pvhpoweroff(SB), NOSPLIT|NOFRAME, $0
	MOVL	$debugExitPort, DX
	BYTE	$0xef	// OUTL AX, DX
	CMPB	runtime·pvhacpiok(SB), $0
	JEQ	fixed
	MOVQ	runtime·pvhslptyp(SB), AX
	MOVQ	runtime·pvhsleepctl(SB), DI
	TESTQ	DI, DI
	JEQ	pm1a
	// Hardware-reduced: SLP_TYP<<2 | SLP_EN, a byte.
	ANDL	$7, AX
	SHLL	$2, AX
	ORL	$sleepCtlEnable, AX
	CMPQ	runtime·pvhsleepspace(SB), $gasIO
	JEQ	ioctl
	MOVB	AX, 0(DI)
	JMP	runtime·pvhhalt(SB)
ioctl:
	MOVQ	DI, DX
	BYTE	$0xee	// OUTB AL, DX
	JMP	runtime·pvhhalt(SB)
pm1a:
	MOVQ	runtime·pvhpm1acnt(SB), DX
	ANDL	$7, AX
	SHLL	$10, AX
	ORL	$acpiSleep, AX
	BYTE	$0x66; BYTE $0xef	// OUTW AX, DX
	JMP	runtime·pvhhalt(SB)
fixed:
	// No tables: QEMU's pc and q35 machines have PM1a at 0x604 and
	// soft-off as sleep type 0.
	MOVL	$acpiPM1aControl, DX
	MOVL	$acpiSleep, AX
	BYTE	$0x66; BYTE $0xef	// OUTW AX, DX
	JMP	runtime·pvhhalt(SB)

// func exitThread(): there is one thread; nothing calls this.
TEXT runtime·exitThread(SB), NOSPLIT, $0-0
	JMP	runtime·pvhhalt(SB)

TEXT runtime·pvhhalt(SB), NOSPLIT|NOFRAME, $0
	CLI
loop:
	HLT
	JMP	loop

// func mmap(addr unsafe.Pointer, n uintptr, prot, flags int32) unsafe.Pointer
// Zeroed pages from the RAM osinit found in the memory map; 0 when none
// is left. Nothing is ever returned to it.
TEXT runtime·mmap(SB), NOSPLIT, $0-32
	MOVQ	n+8(FP), CX
	ADDQ	$4095, CX
	JCS	none
	ANDQ	$~4095, CX
	MOVQ	$4096, R10
	CALL	runtime·pvhramtake(SB)
	MOVQ	AX, ret+24(FP)
	RET
none:
	MOVQ	$0, ret+24(FP)
	RET

// pvhramtake: AX = the address of CX bytes (whole pages) of zeroed RAM
// aligned to R10 (a power of two, at least 4096), from the first region
// of pvhram with room, or 0 when none has. Each region is a bump
// allocator taken by a CAS on its next address, so any CPU may allocate
// without a lock; the pad an alignment skips stays unused. The pages are
// zeroed as they are handed out, never all at boot. Changes DX, SI, DI,
// R8, R9, R11.
TEXT runtime·pvhramtake(SB), NOSPLIT|NOFRAME, $0
	DECQ	R10
	LEAQ	runtime·pvhram(SB), SI
	MOVQ	runtime·pvhnram(SB), R11
region:
	TESTQ	R11, R11
	JEQ	none
retry:
	MOVQ	0(SI), AX
	MOVQ	AX, R8
	ADDQ	R10, R8
	JCS	next
	MOVQ	R10, R9
	NOTQ	R9
	ANDQ	R9, R8
	MOVQ	R8, DX
	ADDQ	CX, DX
	JCS	next
	CMPQ	DX, 8(SI)
	JHI	next
	LOCK
	CMPXCHGQ	DX, 0(SI)
	JNE	retry
	MOVQ	R8, DI
	SHRQ	$3, CX
	MOVQ	$0, AX
	CLD
	REP;	STOSQ
	MOVQ	R8, AX
	RET
next:
	ADDQ	$16, SI
	DECQ	R11
	JMP	region
none:
	MOVQ	$0, AX
	RET

// func mprotect(addr unsafe.Pointer, n uintptr, prot int32) int32: the
// pages of [addr, addr+n) become inaccessible (PROT_NONE: their entries'
// present bit cleared) or ordinary memory again (any other prot), in the
// page tables pvhpaging built: the stacks' guard pages. -EINVAL for a
// range pvhpaging did not map with 4 KiB pages.
//
// Making a page present needs no TLB flush: a CPU caches no translation
// for a page that is not present (Intel SDM vol. 3, 4.10.4.3). Making one
// not present flushes it here (INVLPG) and on every other CPU, which may
// hold the old translation: pvhshootdown.
TEXT runtime·mprotect(SB), NOSPLIT, $0-28
	MOVQ	addr+0(FP), BX
	MOVQ	n+8(FP), R8
	ADDQ	BX, R8
	ANDQ	$~4095, BX
	MOVL	$0, ret+24(FP)
next:
	CMPQ	BX, R8
	JCC	flushed
	CALL	runtime·pvhpte(SB)
	TESTQ	SI, SI
	JEQ	invalid
	CMPL	prot+16(FP), $0
	JEQ	none
	ORQ	$ptePresent, 0(SI)
	JMP	step
none:
	ANDQ	$~ptePresent, 0(SI)
	INVLPG	(BX)
step:
	ADDQ	$4096, BX
	JMP	next
invalid:
	MOVL	$-EINVAL, ret+24(FP)
flushed:
	CMPL	prot+16(FP), $0
	JNE	done
	CALL	runtime·pvhshootdown(SB)
done:
	RET

// pvhpte: SI = the address of the 4 KiB page-table entry mapping BX, or 0
// when a table on the way is missing. Changes AX, CX, DX.
TEXT runtime·pvhpte(SB), NOSPLIT|NOFRAME, $0
	MOVQ	runtime·pvhpml4(SB), SI
	MOVQ	$39, CX
level:
	MOVQ	BX, AX
	SHRQ	CX, AX
	ANDQ	$511, AX
	LEAQ	0(SI)(AX*8), SI
	CMPQ	CX, $12
	JEQ	found
	MOVQ	0(SI), AX
	TESTQ	$ptePresent, AX
	JEQ	missing
	TESTQ	$pteLarge, AX
	JNE	missing
	MOVQ	$pteAddr, DX
	ANDQ	DX, AX
	MOVQ	AX, SI
	SUBQ	$9, CX
	JMP	level
missing:
	MOVQ	$0, SI
found:
	RET

// func pvhpaging(): on the boot CPU, before rt0_go, on the boot stack:
// page tables of 4 KiB pages in place of the entry's 2 MiB identity map,
// each page with its own permissions: page 0 not mapped (a nil pointer
// faults), the image's text read and execute, its read-only data read
// only, everything else it maps read-write and not executable
// (EFER.NXE, where the CPU has NX): the rest of the first MiB (the
// start info, the command line), with the page the other CPUs start in
// executable too; the RAM the memory map lists (all of it the heap's
// arena index reaches, above the first GiB too); the
// local APIC's page, uncached. Nothing else is mapped. CR0.WP makes
// read-only pages read-only to the kernel too. The tables come from the
// memory after the image (pvhptnext, where the heap then starts): a 4 KiB
// table per 2 MiB of RAM, a 512th of it.
TEXT runtime·pvhpaging(SB), NOSPLIT, $48-0
	MOVL	$0x80000000, AX
	CPUID
	CMPL	AX, $0x80000001
	JCS	nonx
	MOVL	$0x80000001, AX
	CPUID
	BTL	$20, DX
	JCC	nonx
	MOVQ	$1, AX
	SHLQ	$63, AX
	MOVQ	AX, runtime·pvhnx(SB)
	MOVL	$eferNXE, runtime·pvhefer(SB)
	MOVL	$msrEFER, CX
	RDMSR
	ORL	$eferNXE, AX
	WRMSR
nonx:
	CALL	runtime·pvhcopyinfo(SB)
	LEAQ	runtime·end(SB), AX
	ADDQ	$4095, AX
	ANDQ	$~4095, AX
	MOVQ	AX, runtime·pvhptnext(SB)
	CALL	runtime·pvhptalloc(SB)
	MOVQ	AX, runtime·pvhpml4(SB)

	// The first MiB but page 0.
	MOVQ	$4096, 0(SP)
	MOVQ	$0x100000, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$(ptePresent|pteWrite), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)

	// RAM from the memory map, above the first MiB and below what the
	// heap's arena index reaches (arenaEnd); without a map, the first
	// GiB the entry mapped.
	LOAD_MEMMAP(nomap)
	TESTL	CX, CX
	JEQ	nomap
region:
	CMPL	mm_type(DI), $memRAM
	JNE	nextregion
	MOVQ	mm_addr(DI), AX
	MOVQ	mm_size(DI), DX
	ADDQ	AX, DX
	ADDQ	$4095, AX
	ANDQ	$~4095, AX
	ANDQ	$~4095, DX
	CMPQ	AX, $0x100000
	JCC	lo
	MOVQ	$0x100000, AX
lo:
	MOVQ	$arenaEnd, R8
	CMPQ	DX, R8
	JLS	hi
	MOVQ	R8, DX
hi:
	CMPQ	AX, DX
	JCC	nextregion
	MOVQ	AX, 0(SP)
	MOVQ	DX, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$(ptePresent|pteWrite), AX
	MOVQ	AX, 16(SP)
	MOVQ	DI, di-8(SP)
	MOVL	CX, cx-16(SP)
	CALL	runtime·pvhmap(SB)
	MOVQ	di-8(SP), DI
	MOVL	cx-16(SP), CX
nextregion:
	ADDQ	$mmEntrySize, DI
	DECL	CX
	JNE	region
	JMP	image
nomap:
	MOVQ	$0x100000, 0(SP)
	MOVQ	$bootMappedEnd, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$(ptePresent|pteWrite), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)

image:
	// The image: text read and execute; the rodata segment, up to the
	// first writable section's page, read-only. The linker starts each
	// segment on a page of its own.
	LEAQ	runtime·text(SB), AX
	ANDQ	$~4095, AX
	MOVQ	AX, 0(SP)
	LEAQ	runtime·etext(SB), AX
	ADDQ	$4095, AX
	ANDQ	$~4095, AX
	MOVQ	AX, 8(SP)
	MOVQ	AX, etext-24(SP)
	MOVQ	$ptePresent, 16(SP)
	CALL	runtime·pvhmap(SB)
	MOVQ	etext-24(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pvhdatastart(SB)
	ANDQ	$~4095, AX
	MOVQ	AX, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$ptePresent, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)

	// The local APIC, uncached; the trampoline's page, executable.
	MOVL	$lapicBase, AX	// zero-extended
	MOVQ	AX, 0(SP)
	ADDQ	$4096, AX
	MOVQ	AX, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$(ptePresent|pteWrite|ptePWT|ptePCD), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)
	MOVQ	$trampolinePage, 0(SP)
	MOVQ	$(trampolinePage+4096), 8(SP)
	MOVQ	$(ptePresent|pteWrite), 16(SP)
	CALL	runtime·pvhmap(SB)

	MOVQ	runtime·pvhpml4(SB), AX
	MOVQ	AX, CR3
	MOVQ	CR0, AX
	ORQ	$cr0WP, AX
	MOVQ	AX, CR0
	// Before the heap takes the memory after the tables, and before it
	// may overwrite tables QEMU leaves in what the memory map calls RAM.
	CALL	runtime·pvhacpi(SB)
	RET

// pvhcopyinfo copies the start info, its memory map (up to maxMemmap
// entries) and the command line (up to cmdlineMax bytes) into the image,
// and points pvhstartinfo at the copy: QEMU leaves them in page 0, which
// pvhpaging leaves unmapped.
TEXT runtime·pvhcopyinfo(SB), NOSPLIT|NOFRAME, $0
	MOVQ	runtime·pvhstartinfo(SB), SI
	TESTQ	SI, SI
	JEQ	done
	CMPL	si_magic(SI), $startMagic
	JNE	done
	LEAQ	runtime·pvhinfocopy(SB), DI
	MOVQ	$(startInfoSize/8), CX
	CLD
	REP;	MOVSQ
	LEAQ	runtime·pvhinfocopy(SB), BX
	MOVQ	BX, runtime·pvhstartinfo(SB)
	// The command line, NUL-terminated within cmdlineMax.
	MOVQ	si_cmdline(BX), SI
	TESTQ	SI, SI
	JEQ	memmap
	LEAQ	runtime·pvhcmdcopy(SB), DI
	MOVQ	DI, si_cmdline(BX)
	MOVQ	$(cmdlineMax-1), CX
cmd:
	MOVB	0(SI), AX
	MOVB	AX, 0(DI)
	TESTB	AL, AL
	JEQ	memmap
	INCQ	SI
	INCQ	DI
	DECQ	CX
	JNE	cmd
	MOVB	$0, 0(DI)
memmap:
	CMPL	si_version(BX), $1
	JCS	done
	MOVL	si_memmapEntries(BX), CX
	CMPL	CX, $maxMemmap
	JLS	entries
	MOVL	$maxMemmap, CX
entries:
	MOVL	CX, si_memmapEntries(BX)
	IMULL	$(mmEntrySize/8), CX
	MOVQ	si_memmap(BX), SI
	LEAQ	runtime·pvhmemmapcopy(SB), DI
	MOVQ	DI, si_memmap(BX)
	REP;	MOVSQ
done:
	RET

GLOBL runtime·pvhinfocopy(SB), NOPTR, $startInfoSize
GLOBL runtime·pvhcmdcopy(SB), NOPTR, $cmdlineMax
GLOBL runtime·pvhmemmapcopy(SB), NOPTR, $(maxMemmap*mmEntrySize)

// pvhdatastart: AX = the lowest address of the image's writable
// sections (those present).
TEXT runtime·pvhdatastart(SB), NOSPLIT|NOFRAME, $0
	LEAQ	runtime·end(SB), AX
	LEAQ	runtime·noptrdata(SB), CX
	CALL	runtime·pvhlower(SB)
	LEAQ	runtime·data(SB), CX
	CALL	runtime·pvhlower(SB)
	LEAQ	runtime·bss(SB), CX
	CALL	runtime·pvhlower(SB)
	LEAQ	runtime·noptrbss(SB), CX
	CALL	runtime·pvhlower(SB)
	RET

// pvhlower: AX = CX if CX is not 0 and below AX.
TEXT runtime·pvhlower(SB), NOSPLIT|NOFRAME, $0
	TESTQ	CX, CX
	JEQ	done
	CMPQ	CX, AX
	JCC	done
	MOVQ	CX, AX
done:
	RET

// func pvhmap(lo, hi, flags uint64): identity-map the 4 KiB pages of
// [lo, hi) with the entry flags, making tables as needed (pvhptalloc).
TEXT runtime·pvhmap(SB), NOSPLIT, $0-24
	MOVQ	lo+0(FP), BX
	MOVQ	hi+8(FP), R8
	MOVQ	flags+16(FP), R9
page:
	CMPQ	BX, R8
	JCC	done
	MOVQ	runtime·pvhpml4(SB), SI
	MOVQ	$39, CX
level:
	MOVQ	BX, AX
	SHRQ	CX, AX
	ANDQ	$511, AX
	LEAQ	0(SI)(AX*8), R10
	CMPQ	CX, $12
	JEQ	leaf
	MOVQ	0(R10), AX
	TESTQ	AX, AX
	JNE	table
	CALL	runtime·pvhptalloc(SB)
	ORQ	$(ptePresent|pteWrite), AX
	MOVQ	AX, 0(R10)
table:
	MOVQ	$pteAddr, DX
	ANDQ	DX, AX
	MOVQ	AX, SI
	SUBQ	$9, CX
	JMP	level
leaf:
	MOVQ	BX, AX
	ORQ	R9, AX
	MOVQ	AX, 0(R10)
	ADDQ	$4096, BX
	JMP	page
done:
	RET

// func pvhacpi(): how to power the machine off, read from the ACPI tables
// once, at boot (pvhpaging's end): the RSDP (where the start info says,
// else found on a 16-byte boundary of the BIOS area with a valid
// checksum), the RSDT or XSDT it points at, the FADT among their tables,
// and in the DSDT the \_S5 package's first element, the sleep type of
// soft-off. A machine with PM1a (pc, q35) is put to sleep by writing
// SLP_TYP<<10 | SLP_EN to its PM1a control port; a hardware-reduced one
// (microvm) by writing SLP_TYP<<2 | SLP_EN to the FADT's sleep control
// register (ACPI 6.5, 4.8.3.7). pvhacpiok says whether both were found.
// The tables' pages are mapped read-only as they are read, where nothing
// maps them yet; the sleep control register's page, uncached.
TEXT runtime·pvhacpi(SB), NOSPLIT, $56-0
	MOVQ	runtime·pvhstartinfo(SB), SI
	CMPL	si_magic(SI), $startMagic
	JNE	scan
	MOVQ	si_rsdp(SI), BX
	TESTQ	BX, BX
	JEQ	scan
	MOVQ	BX, 0(SP)
	MOVQ	$36, 8(SP)
	CALL	runtime·pvhacpimap(SB)
	MOVQ	0(SP), BX
	JMP	rsdp
scan:
	MOVQ	$biosAreaStart, BX
	MOVQ	$rsdpSignature, AX
next:
	CMPQ	BX, $biosAreaEnd
	JCC	none
	CMPQ	0(BX), AX
	JNE	skip
	// The checksum of the first 20 bytes.
	MOVQ	$0, CX
	MOVQ	$0, DX
sum:
	ADDB	0(BX)(CX*1), DL
	INCQ	CX
	CMPQ	CX, $20
	JCS	sum
	TESTB	DL, DL
	JEQ	rsdp
skip:
	ADDQ	$16, BX
	JMP	next
rsdp:
	// Revision 2 and later give the XSDT (8-byte entries), else the
	// RSDT (4-byte entries).
	MOVL	16(BX), AX
	MOVQ	$4, CX
	CMPB	15(BX), $2
	JCS	sdt
	MOVQ	24(BX), DX
	TESTQ	DX, DX
	JEQ	sdt
	MOVQ	DX, AX
	MOVQ	$8, CX
sdt:
	TESTQ	AX, AX
	JEQ	none
	MOVQ	CX, esize-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·pvhacpitable(SB)
	MOVQ	8(SP), CX
	CMPQ	CX, $36
	JCS	none
	MOVQ	0(SP), BX
	ADDQ	BX, CX
	MOVQ	CX, end-16(SP)
	ADDQ	$36, BX
entry:
	MOVQ	BX, DX
	ADDQ	esize-8(SP), DX
	CMPQ	DX, end-16(SP)
	JHI	none
	MOVQ	BX, at-24(SP)
	MOVL	0(BX), AX
	CMPQ	esize-8(SP), $8
	JNE	got
	MOVQ	0(BX), AX
got:
	MOVQ	AX, 0(SP)
	CALL	runtime·pvhacpitable(SB)
	MOVQ	0(SP), SI
	MOVQ	8(SP), CX
	CMPQ	CX, $116
	JCS	notfadt
	CMPL	0(SI), $fadtSignature
	JEQ	fadt
notfadt:
	MOVQ	at-24(SP), BX
	ADDQ	esize-8(SP), BX
	JMP	entry
fadt:
	// PM1a's control port; the DSDT (X_DSDT where given); on a
	// hardware-reduced machine, the sleep control register.
	MOVL	fadt_pm1aCnt(SI), AX
	MOVQ	AX, runtime·pvhpm1acnt(SB)
	MOVL	fadt_dsdt(SI), AX
	CMPQ	CX, $(fadt_xdsdt+8)
	JCS	dsdt
	MOVQ	fadt_xdsdt(SI), DX
	TESTQ	DX, DX
	JEQ	dsdt
	MOVQ	DX, AX
dsdt:
	MOVQ	AX, dsdt-32(SP)
	CMPQ	CX, $(fadt_sleepCtl+12)
	JCS	s5
	TESTL	$fadtHWReduced, fadt_flags(SI)
	JEQ	s5
	MOVBQZX	fadt_sleepCtl+gas_space(SI), AX
	MOVQ	AX, runtime·pvhsleepspace(SB)
	MOVQ	fadt_sleepCtl+gas_addr(SI), AX
	MOVQ	AX, runtime·pvhsleepctl(SB)
	CMPQ	runtime·pvhsleepspace(SB), $gasMemory
	JNE	s5
	MOVQ	AX, 0(SP)
	ANDQ	$~4095, 0(SP)
	ADDQ	$1, AX
	MOVQ	AX, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$(ptePresent|pteWrite|ptePWT|ptePCD), AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)
s5:
	// \_S5 is NameOp, '_S5_', PackageOp, a PkgLength (its lead byte's
	// top two bits count the bytes after it), NumElements, then the
	// sleep type: BytePrefix and a byte, or ZeroOp, OneOp.
	MOVQ	dsdt-32(SP), AX
	TESTQ	AX, AX
	JEQ	none
	MOVQ	AX, 0(SP)
	CALL	runtime·pvhacpitable(SB)
	MOVQ	0(SP), BX
	MOVQ	8(SP), CX
	ADDQ	BX, CX	// the DSDT's end
	ADDQ	$36, BX
find:
	// The name and PackageOp, PkgLength's lead byte and NumElements
	// come before the sleep type: 8 bytes at least.
	LEAQ	8(BX), DX
	CMPQ	DX, CX
	JCC	none
	CMPL	0(BX), $s5Name
	JNE	nexts5
	CMPB	4(BX), $amlPackageOp
	JEQ	pkg
nexts5:
	INCQ	BX
	JMP	find
pkg:
	MOVBQZX	5(BX), AX
	SHRQ	$6, AX
	LEAQ	7(BX)(AX*1), BX
	// The sleep type and, after BytePrefix, its value.
	LEAQ	2(BX), DX
	CMPQ	DX, CX
	JHI	none
	MOVBQZX	0(BX), AX
	CMPB	AX, $amlBytePrefix
	JNE	short
	MOVBQZX	1(BX), AX
	JMP	slptyp
short:
	CMPB	AX, $amlOneOp
	JHI	none
slptyp:
	MOVQ	AX, runtime·pvhslptyp(SB)
	CMPQ	runtime·pvhsleepctl(SB), $0
	JNE	ok
	CMPQ	runtime·pvhpm1acnt(SB), $0
	JEQ	none
ok:
	MOVB	$1, runtime·pvhacpiok(SB)
none:
	RET

// func pvhacpitable(addr uintptr) (addr, length uintptr): maps the ACPI
// table at addr and returns its length (0 for an address of 0 or a
// length past maxACPITable, which no table QEMU or firmware writes has).
TEXT runtime·pvhacpitable(SB), NOSPLIT, $16-16
	MOVQ	$0, length+8(FP)
	MOVQ	addr+0(FP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, 0(SP)
	MOVQ	$36, 8(SP)
	CALL	runtime·pvhacpimap(SB)
	MOVQ	addr+0(FP), AX
	MOVL	4(AX), CX
	CMPQ	CX, $maxACPITable
	JHI	done
	MOVQ	CX, length+8(FP)
	MOVQ	AX, 0(SP)
	MOVQ	CX, 8(SP)
	CALL	runtime·pvhacpimap(SB)
done:
	RET

// func pvhacpimap(addr, n uintptr): maps the pages of [addr, addr+n)
// read-only where no page is mapped yet (the first MiB and the RAM are).
TEXT runtime·pvhacpimap(SB), NOSPLIT, $32-16
	MOVQ	addr+0(FP), BX
	ANDQ	$~4095, BX
	MOVQ	n+8(FP), R8
	ADDQ	addr+0(FP), R8
page:
	CMPQ	BX, R8
	JCC	done
	MOVQ	BX, at-8(SP)
	CALL	runtime·pvhpte(SB)
	TESTQ	SI, SI
	JEQ	add
	TESTQ	$ptePresent, 0(SI)
	JNE	mapped
add:
	MOVQ	at-8(SP), BX
	MOVQ	BX, 0(SP)
	ADDQ	$4096, BX
	MOVQ	BX, 8(SP)
	MOVQ	runtime·pvhnx(SB), AX
	ORQ	$ptePresent, AX
	MOVQ	AX, 16(SP)
	CALL	runtime·pvhmap(SB)
mapped:
	MOVQ	at-8(SP), BX
	ADDQ	$4096, BX
	MOVQ	addr+0(FP), R8
	ADDQ	n+8(FP), R8
	JMP	page
done:
	RET

// How pvhpoweroff puts the machine to sleep (pvhacpi).
GLOBL runtime·pvhacpiok(SB), NOPTR, $1
GLOBL runtime·pvhslptyp(SB), NOPTR, $8
GLOBL runtime·pvhpm1acnt(SB), NOPTR, $8
GLOBL runtime·pvhsleepctl(SB), NOPTR, $8
GLOBL runtime·pvhsleepspace(SB), NOPTR, $8

// pvhptalloc: AX = a zeroed page from pvhptnext. Changes DI.
TEXT runtime·pvhptalloc(SB), NOSPLIT|NOFRAME, $0
	MOVQ	runtime·pvhptnext(SB), AX
	LEAQ	4096(AX), DI
	MOVQ	DI, runtime·pvhptnext(SB)
zero:
	SUBQ	$8, DI
	MOVQ	$0, 0(DI)
	CMPQ	DI, AX
	JHI	zero
	RET

GLOBL runtime·pvhpml4(SB), NOPTR, $8
GLOBL runtime·pvhptnext(SB), NOPTR, $8
// The NX bit for entries (0 on a CPU without it), the EFER bits a
// started CPU sets besides LME.
GLOBL runtime·pvhnx(SB), NOPTR, $8
GLOBL runtime·pvhefer(SB), NOPTR, $8

// settls makes DI the start of the thread's TLS slots: FS points just past
// the first slot, as on Linux. Keeps R9, R12 and R13.
TEXT runtime·settls(SB), NOSPLIT, $0
	ADDQ	$8, DI
	MOVQ	DI, AX
	MOVQ	DI, DX
	SHRQ	$32, DX
	MOVL	$msrFSBase, CX
	WRMSR
	RET

// func nanotime() int64: nanoseconds since osinit calibrated the TSC.
TEXT runtime·nanotime(SB), NOSPLIT, $0-8
	MOVQ	runtime·pvhtscper(SB), CX
	TESTQ	CX, CX
	JEQ	zero
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	SUBQ	runtime·pvhtsc0(SB), AX
	MOVQ	runtime·pvhcalibns(SB), DX
	MULQ	DX
	CMPQ	DX, CX
	JCC	zero	// centuries: the quotient would not fit
	DIVQ	CX
	MOVQ	AX, ret+0(FP)
	RET
zero:
	MOVQ	$0, ret+0(FP)
	RET

// func osyield()
TEXT runtime·osyield(SB), NOSPLIT, $0
	PAUSE
	RET

// The heap's RAM regions (pvhramtake), osinit fills them.
GLOBL runtime·pvhram(SB), NOPTR, $(maxRAMRegions*16)
GLOBL runtime·pvhnram(SB), NOPTR, $8
GLOBL runtime·pvhtsc0(SB), NOPTR, $8
GLOBL runtime·pvhtscper(SB), NOPTR, $8
GLOBL runtime·pvhcalibns(SB), NOPTR, $8

TEXT_MARK(runtime·sysEtext)
