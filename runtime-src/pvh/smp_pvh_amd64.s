// More CPUs: a new M gets a CPU of its own while there are some left,
// started with INIT-SIPI-SIPI through the local APIC. A started CPU runs a real-
// mode trampoline copied below 1 MiB, switches to protected and then long
// mode on the boot CPU's page tables, and calls the M's start function on
// its g0 stack, as clone does on Linux.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"

// QEMU's firmware configuration device.
#define fwcfgSelector	0x510
#define fwcfgData	0x511
#define fwcfgSignature	0x00
#define fwcfgNbCPUs	0x05
#define maxCPUs	64

// The local APIC and its registers.
#define lapic	0xfee00000
#define lapicID	0x20
#define lapicSVR	0xf0
#define lapicICRLow	0x300
#define lapicICRHigh	0x310
#define icrINIT	0x4500
#define icrSTARTUP	0x4600
#define icrPending	0x1000

// The trampoline runs at 0x8000 (STARTUP vector 8): its code, then the
// data the boot CPU fills in.
#define trampoline	0x8000
#define sipiVector	0x08
#define trCodeSize	0x80
#define tr_gdtr	0x80
#define tr_cr3	0x88
#define tr_entry	0x90
#define tr_efer	0x98

// Selectors in pvhgdt.
#define codeSel	0x08
#define dataSel	0x10
#define code32Sel	0x18

#define EAGAIN	11

// Thread table entries and states (thread_pvh_amd64.s).
#define th_sp	0
#define th_fs	8
#define th_state	16
#define th_addr	24
#define thShift	6
#define thFree	0
#define thRunning	1
#define thReady	2

// pvhsmpText and pvhsmpEtext bound this file's code: the timer interrupt
// never preempts a thread here.
TEXT_MARK(runtime·pvhsmpText)

// func pvhsmpinit(): count the CPUs (fw_cfg's CPU count; 1 without the
// device), mask the legacy PIC (its timer would arrive as vector 8), and
// map the local APIC (its timer and IPIs: trap_pvh_amd64.s).
TEXT runtime·pvhsmpinit(SB), NOSPLIT, $0-0
	// The boot CPU runs thread 0, m0's.
	MOVQ	$thRunning, runtime·pvhthreads+th_state(SB)
	MOVQ	$1, runtime·pvhnthreads(SB)
	MOVQ	$1, runtime·pvhrunning(SB)
	MOVQ	$1, runtime·pvhnextcpu(SB)
	MOVQ	$1, runtime·pvhncpu(SB)
	MOVB	$0xff, AL
	BYTE	$0xe6; BYTE $0x21	// OUTB AL, $0x21: PIC 1's mask
	BYTE	$0xe6; BYTE $0xa1	// OUTB AL, $0xa1: PIC 2's mask
	CALL	runtime·pvhmapapic(SB)
	MOVL	$fwcfgSelector, DX
	MOVL	$fwcfgSignature, AX
	BYTE	$0x66; BYTE $0xef	// OUTW AX, DX
	MOVL	$fwcfgData, DX
	MOVL	$0, BX
	MOVL	$4, CX
sig:
	BYTE	$0xec	// INB DX, AL
	SHLL	$8, BX
	MOVB	AL, BL
	DECL	CX
	JNE	sig
	CMPL	BX, $0x51454d55	// "QEMU"
	JNE	done
	MOVL	$fwcfgSelector, DX
	MOVL	$fwcfgNbCPUs, AX
	BYTE	$0x66; BYTE $0xef	// OUTW AX, DX
	MOVL	$fwcfgData, DX
	BYTE	$0xec	// INB DX, AL
	MOVBLZX	AL, BX
	BYTE	$0xec	// INB DX, AL
	MOVBLZX	AL, AX
	SHLL	$8, AX
	ORL	AX, BX
	CMPL	BX, $1
	JLS	done
	CMPL	BX, $maxCPUs
	JLS	count
	MOVL	$maxCPUs, BX
count:
	MOVQ	BX, runtime·pvhncpu(SB)
	MOVQ	BX, runtime·sched+schedt_ncpu(SB)
done:
	RET

// pvhmapapic enables the local APIC, if the CPU has one (CPUID.1:EDX bit
// 9); pvhpaging mapped its page.
TEXT runtime·pvhmapapic(SB), NOSPLIT|NOFRAME, $0
	MOVL	$1, AX
	CPUID
	BTL	$9, DX
	JCC	done
	MOVQ	$lapic, BX
	MOVL	$0x1ff, lapicSVR(BX)	// enabled; spurious vector 0xff
	MOVQ	$1, runtime·pvhapic(SB)
done:
	RET

// func clone(flags int32, stk, mp, gp, fn unsafe.Pointer) int32
// A new M is a new thread, which starts on the next CPU if there is one,
// else runs when a CPU's thread waits or is preempted by its timer.
TEXT runtime·clone(SB), NOSPLIT, $16-44
lock:
	MOVL	$1, AX
	XCHGL	AX, runtime·pvhclonelock(SB)
	TESTL	AX, AX
	JEQ	locked
	PAUSE
	JMP	lock
locked:
	MOVQ	runtime·pvhnextcpu(SB), CX
	CMPQ	CX, runtime·pvhncpu(SB)
	JCS	cpu

	// No CPU left: a thread that starts at pvhthreadstart, with its
	// arguments below the top of its stack.
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	$thReady, 0(SP)
	CALL	runtime·pvhnewthread(SB)
	MOVQ	8(SP), CX
	CMPQ	CX, $0
	JLT	full
	MOVQ	stk+8(FP), DI
	SUBQ	$40, DI
	LEAQ	runtime·pvhthreadstart(SB), AX
	MOVQ	AX, 0(DI)
	MOVQ	CX, 8(DI)
	MOVQ	mp+16(FP), AX
	MOVQ	AX, 16(DI)
	MOVQ	gp+24(FP), AX
	MOVQ	AX, 24(DI)
	MOVQ	fn+32(FP), AX
	MOVQ	AX, 32(DI)
	MOVQ	CX, SI
	SHLQ	$thShift, SI
	LEAQ	runtime·pvhthreads(SB), AX
	ADDQ	AX, SI
	MOVQ	DI, th_sp(SI)
	MOVQ	mp+16(FP), AX
	LEAQ	(m_tls+8)(AX), AX
	MOVQ	AX, th_fs(SI)
	MOVQ	$0, th_addr(SI)
	CALL	runtime·pvhunlockthreads(SB)
	MOVL	CX, ret+40(FP)
	MOVL	$0, runtime·pvhclonelock(SB)
	RET
full:
	CALL	runtime·pvhunlockthreads(SB)
	JMP	fail

cpu:
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	$thRunning, 0(SP)
	CALL	runtime·pvhnewthread(SB)
	CALL	runtime·pvhunlockthreads(SB)
	MOVQ	8(SP), CX
	CMPQ	CX, $0
	JLT	fail
	MOVQ	CX, runtime·pvhapthread(SB)

	// What pvhapstart64 starts the M with.
	MOVQ	stk+8(FP), AX
	MOVQ	AX, runtime·pvhapstk(SB)
	MOVQ	mp+16(FP), AX
	MOVQ	AX, runtime·pvhapmp(SB)
	MOVQ	gp+24(FP), AX
	MOVQ	AX, runtime·pvhapgp(SB)
	MOVQ	fn+32(FP), AX
	MOVQ	AX, runtime·pvhapfn(SB)
	MOVL	$0, runtime·pvhapack(SB)

	// The trampoline and its data.
	LEAQ	runtime·pvhtrampoline(SB), SI
	MOVQ	$trampoline, DI
	MOVQ	$(trCodeSize/8), CX
	CLD
	REP;	MOVSQ
	MOVQ	$trampoline, DI
	MOVW	$31, tr_gdtr(DI)
	LEAQ	runtime·pvhgdt(SB), AX
	MOVL	AX, (tr_gdtr+2)(DI)
	MOVQ	CR3, AX
	MOVL	AX, tr_cr3(DI)
	MOVL	runtime·pvhefer(SB), AX
	MOVL	AX, tr_efer(DI)
	LEAQ	runtime·pvhapstart64(SB), AX
	MOVL	AX, tr_entry(DI)
	MOVW	$codeSel, (tr_entry+4)(DI)

	// INIT, 10 ms, STARTUP, 200 µs, STARTUP, to APIC id pvhnextcpu.
	MOVL	$icrINIT, 0(SP)
	CALL	runtime·pvhipi(SB)
	MOVL	$10000, 0(SP)
	CALL	runtime·osusleep(SB)
	MOVL	$(icrSTARTUP|sipiVector), 0(SP)
	CALL	runtime·pvhipi(SB)
	MOVL	$200, 0(SP)
	CALL	runtime·osusleep(SB)
	MOVL	$(icrSTARTUP|sipiVector), 0(SP)
	CALL	runtime·pvhipi(SB)

	// Wait for the CPU to take its start, at most a second.
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	$1000000000, AX
	MOVQ	AX, deadline-8(SP)
wait:
	CMPL	runtime·pvhapack(SB), $0
	JNE	started
	PAUSE
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	CMPQ	AX, deadline-8(SP)
	JLT	wait
	// It did not start: give the slot back.
	CALL	runtime·pvhlockthreads(SB)
	MOVQ	runtime·pvhapthread(SB), SI
	SHLQ	$thShift, SI
	LEAQ	runtime·pvhthreads(SB), AX
	ADDQ	AX, SI
	MOVQ	$thFree, th_state(SI)
	CALL	runtime·pvhunlockthreads(SB)
fail:
	MOVL	$0, runtime·pvhclonelock(SB)
	MOVL	$-EAGAIN, ret+40(FP)
	RET
started:
	MOVQ	runtime·pvhapthread(SB), AX
	MOVL	AX, ret+40(FP)
	INCQ	runtime·pvhnextcpu(SB)
	MOVL	$0, runtime·pvhclonelock(SB)
	RET

// func pvhipi(icr uint32): send the interprocessor interrupt icr to APIC
// id pvhnextcpu and wait until the APIC has sent it.
TEXT runtime·pvhipi(SB), NOSPLIT, $0-4
	MOVQ	$lapic, BX
	MOVQ	runtime·pvhnextcpu(SB), CX
	SHLL	$24, CX
	MOVL	CX, lapicICRHigh(BX)
	MOVL	icr+0(FP), AX
	MOVL	AX, lapicICRLow(BX)
pending:
	PAUSE
	MOVL	lapicICRLow(BX), AX
	TESTL	$icrPending, AX
	JNE	pending
	RET

// pvhtrampoline is copied to trampoline, where a started CPU begins in
// real mode with CS = trampoline>>4 and IP = 0. The 16-bit part is bytes;
// the 32-bit part, from offset 0x20, is written with instructions whose
// machine code is the same in 32-bit mode (see rt0_pvh_amd64.s).
TEXT runtime·pvhtrampoline(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xfa	// CLI
	BYTE	$0x8c; BYTE $0xc8	// MOVW CS, AX
	BYTE	$0x8e; BYTE $0xd8	// MOVW AX, DS
	BYTE	$0x66; BYTE $0x0f; BYTE $0x01; BYTE $0x16; WORD $tr_gdtr	// LGDTL tr_gdtr
	BYTE	$0x0f; BYTE $0x20; BYTE $0xc0	// MOVL CR0, AX
	BYTE	$0x66; BYTE $0x83; BYTE $0xc8; BYTE $0x01	// ORL $1, AX: protection
	BYTE	$0x0f; BYTE $0x22; BYTE $0xc0	// MOVL AX, CR0
	BYTE	$0x66; BYTE $0xea; LONG $(trampoline+0x20); WORD $code32Sel	// LJMPL to 32-bit code
	BYTE	$0xcc; BYTE $0xcc; BYTE $0xcc	// up to offset 0x20
	// 32-bit protected mode, flat segments.
	MOVL	$dataSel, AX
	MOVW	AX, DS
	MOVW	AX, ES
	MOVW	AX, SS
	MOVQ	CR4, AX
	ORL	$0x20, AX	// PAE
	MOVQ	AX, CR4
	BYTE	$0xa1; LONG $(trampoline+tr_cr3)	// MOVL tr_cr3, AX
	MOVQ	AX, CR3	// 32-bit: MOVL AX, CR3
	MOVL	$0xc0000080, CX	// EFER
	RDMSR
	ORL	$0x100, AX	// long mode enable
	BYTE	$0x0b; BYTE $0x05; LONG $(trampoline+tr_efer)	// ORL tr_efer, AX: NXE where the tables use NX
	WRMSR
	MOVQ	CR0, AX
	ORL	$0x80000000, AX	// paging
	MOVQ	AX, CR0
	BYTE	$0xff; BYTE $0x2d; LONG $(trampoline+tr_entry)	// LJMPL *tr_entry: pvhapstart64

// pvhapstart64 is a started CPU's first 64-bit code: it takes the M clone
// left in pvhap*, as Linux's clone does in the new thread.
TEXT runtime·pvhapstart64(SB), NOSPLIT|NOFRAME, $0
	MOVL	$dataSel, AX
	MOVW	AX, DS
	MOVW	AX, ES
	MOVW	AX, SS
	MOVQ	CR0, AX
	ANDQ	$~4, AX
	ORQ	$0x10002, AX	// MP, WP: read-only pages are read-only here too
	MOVQ	AX, CR0
	MOVQ	CR4, AX
	ORQ	$0x600, AX
	MOVQ	AX, CR4
	MOVQ	runtime·pvhapstk(SB), SP
	CALL	runtime·pvhcpuinit(SB)
	MOVQ	runtime·pvhapmp(SB), R13
	MOVQ	runtime·pvhapgp(SB), R9
	MOVQ	runtime·pvhapfn(SB), R12
	MOVQ	runtime·pvhapthread(SB), AX
	MOVQ	AX, m_procid(R13)
	SUBQ	$16, SP
	MOVQ	AX, 0(SP)
	CALL	runtime·pvhsetcur(SB)
	// Counted before anything can wait (futex).
	LOCK
	INCQ	runtime·pvhrunning(SB)
	MOVL	$1, runtime·pvhapack(SB)
	LEAQ	m_tls(R13), DI
	CALL	runtime·settls(SB)
	get_tls(CX)
	MOVQ	R9, g(CX)
	MOVQ	R13, g_m(R9)
	// Interrupts from here on: the handler finds this thread's g.
	STI
	CALL	R12
	JMP	runtime·pvhhalt(SB)

GLOBL runtime·pvhncpu(SB), NOPTR, $8
GLOBL runtime·pvhnextcpu(SB), NOPTR, $8
GLOBL runtime·pvhrunning(SB), NOPTR, $8
GLOBL runtime·pvhclonelock(SB), NOPTR, $8
GLOBL runtime·pvhapstk(SB), NOPTR, $8
GLOBL runtime·pvhapmp(SB), NOPTR, $8
GLOBL runtime·pvhapgp(SB), NOPTR, $8
GLOBL runtime·pvhapfn(SB), NOPTR, $8
GLOBL runtime·pvhapack(SB), NOPTR, $8
GLOBL runtime·pvhapthread(SB), NOPTR, $8
// Whether the local APIC is mapped.
GLOBL runtime·pvhapic(SB), NOPTR, $8

TEXT_MARK(runtime·pvhsmpEtext)
