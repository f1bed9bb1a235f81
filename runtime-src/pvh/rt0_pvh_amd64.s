// Boot on a machine that starts the image through its PVH entry note
// (QEMU's -kernel, Xen, Firecracker). The loader enters _rt0_amd64_pvh in
// 32-bit protected mode: paging off, flat segments, interrupts off, EBX
// holding the physical address of the hvm_start_info structure.
//
// The 32-bit part is written with instructions whose machine code means
// the same in 32-bit and in 64-bit mode: 32-bit operands, no REX prefix,
// no stack-pointer or RIP-relative addressing, except where a comment
// gives the 32-bit reading. tests/baremetal/pvh_stub_test.go
// disassembles it as i386 code.

#include "textflag.h"

// The boot stack becomes g0's: rt0_go claims g0StackSize bytes of it.
#define bootStackSize	(96*1024)

// Selectors in pvhgdt.
#define codeSel	0x08
#define dataSel	0x10

TEXT _rt0_amd64_pvh(SB), NOSPLIT|NOFRAME, $0
	CLI
	// A scratch stack in conventional memory (free once the firmware
	// has handed over), for one CALL and the far return below.
	MOVL	$0x7c00, SP
	// Find pvhboot. 32-bit mode reads this RIP-relative LEA as
	// "MOVL $disp32, AX": AX = pvhboot minus the address of the CALL that
	// follows, which pushes its own address plus 5.
	LEAL	runtime·pvhboot(SB), AX
	BYTE	$0xe8; LONG $0	// CALL to the next instruction
	BYTE	$0x59	// POPL CX
	LEAL	-5(AX)(CX*1), SI	// SI = &pvhboot

	// Page tables, 4 KiB aligned: PML4, PDPT and a page directory of
	// 2 MiB pages identity-mapping the first GiB, for the way to 64-bit
	// code, which replaces them (pvhpaging).
	MOVL	0(SI), DI
	ADDL	$4095, DI
	ANDL	$~4095, DI
	MOVL	DI, DX
	MOVL	$0, AX
	MOVL	$(3*4096/4), CX
	CLD
	REP;	STOSL	// zero the three pages
	MOVL	DX, DI
	LEAL	0x1003(DI), AX	// PML4[0]: the PDPT, present and writable
	MOVL	AX, 0(DI)
	LEAL	0x2003(DI), AX	// PDPT[0]: the page directory
	MOVL	AX, 0x1000(DI)
	MOVL	$0x83, AX	// present, writable, 2 MiB page
	LEAL	0x2000(DI), DX
	MOVL	$512, CX
fill:
	MOVL	AX, 0(DX)
	ADDL	$0x200000, AX
	ADDL	$8, DX
	DECL	CX
	JNE	fill

	MOVQ	DI, CR3	// 32-bit: MOVL DI, CR3
	MOVQ	CR4, AX
	ORL	$0x20, AX	// PAE
	MOVQ	AX, CR4
	MOVL	$0xc0000080, CX	// EFER
	RDMSR
	ORL	$0x100, AX	// long mode enable
	WRMSR
	MOVQ	CR0, AX
	ORL	$0x80000001, AX	// paging, protection
	MOVQ	AX, CR0

	// Now in compatibility mode: load the 64-bit GDT and far-return
	// into its 64-bit code segment.
	MOVL	8(SI), AX
	LGDT	0(AX)
	PUSHQ	$codeSel	// 32-bit: PUSHL
	PUSHQ	16(SI)	// 32-bit: PUSHL: pvhstart64
	BYTE	$0xcb	// LRETL

// pvhstart64 runs in 64-bit mode on the identity map, EBX still holding
// the start info's address.
TEXT runtime·pvhstart64(SB), NOSPLIT|NOFRAME, $0
	MOVL	$dataSel, AX
	MOVW	AX, DS
	MOVW	AX, ES
	MOVW	AX, SS
	MOVL	BX, BX
	MOVQ	BX, runtime·pvhstartinfo(SB)
	LEAQ	runtime·pvhstack+bootStackSize(SB), SP
	// SSE: CR0.MP on, CR0.EM off; CR4.OSFXSR and OSXMMEXCPT.
	MOVQ	CR0, AX
	ANDQ	$~4, AX
	ORQ	$2, AX
	MOVQ	AX, CR0
	MOVQ	CR4, AX
	ORQ	$0x600, AX
	MOVQ	AX, CR4
	// Page tables with permissions (sys_pvh_amd64.s).
	CALL	runtime·pvhpaging(SB)
	// No arguments: the environment comes from the command line (args).
	MOVQ	$0, DI
	LEAQ	runtime·pvhargv(SB), SI
	JMP	runtime·rt0_go(SB)

// The GDT: null, 64-bit code, data, and 32-bit code for the other CPUs'
// start (smp_pvh_amd64.s).
DATA runtime·pvhgdt+0(SB)/8, $0
DATA runtime·pvhgdt+8(SB)/8, $0x00af9a000000ffff
DATA runtime·pvhgdt+16(SB)/8, $0x00cf92000000ffff
DATA runtime·pvhgdt+24(SB)/8, $0x00cf9a000000ffff
GLOBL runtime·pvhgdt(SB), NOPTR, $32

// The GDT's descriptor for LGDT: limit, then base.
DATA runtime·pvhgdtr+0(SB)/2, $31
DATA runtime·pvhgdtr+2(SB)/8, $runtime·pvhgdt(SB)
GLOBL runtime·pvhgdtr(SB), NOPTR, $16

// pvhboot holds the absolute addresses the 32-bit code needs: the page
// tables' memory, the GDT descriptor, the 64-bit entry.
DATA runtime·pvhboot+0(SB)/8, $runtime·pvhpt(SB)
DATA runtime·pvhboot+8(SB)/8, $runtime·pvhgdtr(SB)
DATA runtime·pvhboot+16(SB)/8, $runtime·pvhstart64(SB)
GLOBL runtime·pvhboot(SB), NOPTR, $24

// Three page tables and the slack to align them.
GLOBL runtime·pvhpt(SB), NOPTR, $(4*4096)
GLOBL runtime·pvhstack(SB), NOPTR, $bootStackSize
GLOBL runtime·pvhstartinfo(SB), NOPTR, $8
// argv for rt0_go: no arguments, no environment, an empty auxv.
GLOBL runtime·pvhargv(SB), NOPTR, $24
