// Interrupts on a bare machine, in place of Linux's signals: an IDT whose
// exception handlers print "fatal error: unexpected exception N ...
// pc=0x..." on the serial port and exit with status 2, and the LAPIC
// timer and IPI handler (pvhirq), which does what SIGURG does on Linux
// (asynchronous preemption) and takes the CPU from a thread when another
// thread is ready (thread_pvh_amd64.s).

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "regsave.h"
#include "print.h"

#define codeSel	0x08
#define vectors	32
#define idtEntries	256
#define vecNMI	2
#define vecDouble	8
#define vecMachineCheck	18
#define maxCPUs	64
#define vecTimer	0x20
#define vecIPI	0x21
#define vecShootdown	0x22
#define vecSpurious	0xff

// The local APIC's registers.
#define lapic	0xfee00000
#define lapicEOI	0xb0
#define lapicICRLow	0x300
#define lapicICRHigh	0x310
#define icrAssert	0x4000
#define icrPending	0x1000
#define lapicSVR	0xf0
#define lapicLVTTimer	0x320
#define lapicTimerCount	0x380
#define lapicTimerCurrent	0x390
#define lapicTimerDiv	0x3e0
#define lvtMasked	0x10000
#define timerDiv16	0x3

// Each CPU's TSS (64-bit: the IST pointers at 36, the I/O map base at
// 102) and its GDT selector, after pvhgdt's four descriptors.
#define tssSize	104
#define tssIST	36
#define tssIOMap	102
#define tssSel	0x20

// The interrupt stacks (IST numbers) and their sizes.
#define istIntr	1
#define istFault	2
#define istDouble	3
#define istNMI	4
#define istMC	5
#define istIntrSize	(16*1024)
#define istFaultSize	(32*1024)
#define istDoubleSize	(16*1024)
#define istNMISize	(8*1024)
#define istMCSize	(8*1024)
// The time slice: a thread another one waits for keeps its CPU this long.
#define sliceNS	2000000
#define istBytes	(istIntrSize+istFaultSize+istDoubleSize+istNMISize+istMCSize)
// The exceptions for which the CPU pushes an error code: 8, 10-14, 17,
// 21, 29 and 30.
#define errorCodeMask	0x60227d00
#define pageFault	14

// signalText and signalEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·signalText)

// func initsig(): the IDT, and this (the boot) CPU's TSS (pvhcpuinit).
// Every vector the CPU takes runs on an interrupt stack (IST) of its
// CPU, never on the interrupted code's stack: a goroutine's 2 KiB
// segment has no room for an interrupt frame and the handler's calls, and
// gcc's leaf functions keep data in the 128 bytes below their stack
// pointer. Exceptions use istFault, a double fault istDouble (so even a
// fault on a bad stack is reported), NMI and machine check their own.
// The LAPIC timer and IPIs use istIntr; then interrupts are on.
TEXT runtime·initsig(SB), NOSPLIT, $0-0
	LEAQ	runtime·pvhidt(SB), DI
	LEAQ	runtime·pvhvectors(SB), AX
	MOVQ	$0, CX
gate:
	MOVQ	$istFault, BX
	CMPQ	CX, $vecDouble
	JNE	nmi
	MOVQ	$istDouble, BX
nmi:
	CMPQ	CX, $vecNMI
	JNE	mc
	MOVQ	$istNMI, BX
mc:
	CMPQ	CX, $vecMachineCheck
	JNE	set
	MOVQ	$istMC, BX
set:
	CALL	runtime·pvhsetgate(SB)
	ADDQ	$8, AX	// each entry of pvhvectors is 8 bytes long
	ADDQ	$16, DI
	INCQ	CX
	CMPQ	CX, $vectors
	JCS	gate
	MOVQ	$istIntr, BX
	LEAQ	runtime·pvhidt+(vecTimer*16)(SB), DI
	LEAQ	runtime·pvhtimerintr(SB), AX
	CALL	runtime·pvhsetgate(SB)
	LEAQ	runtime·pvhidt+(vecIPI*16)(SB), DI
	LEAQ	runtime·pvhipiintr(SB), AX
	CALL	runtime·pvhsetgate(SB)
	LEAQ	runtime·pvhidt+(vecShootdown*16)(SB), DI
	LEAQ	runtime·pvhshootintr(SB), AX
	CALL	runtime·pvhsetgate(SB)
	LEAQ	runtime·pvhidt+(vecSpurious*16)(SB), DI
	LEAQ	runtime·pvhspurious(SB), AX
	CALL	runtime·pvhsetgate(SB)
	MOVW	$(idtEntries*16-1), runtime·pvhidtr(SB)
	LEAQ	runtime·pvhidt(SB), AX
	MOVQ	AX, runtime·pvhidtr+2(SB)
	// The GDT every CPU loads once started: pvhgdt's four descriptors,
	// then a TSS descriptor for each CPU.
	LEAQ	runtime·pvhgdt(SB), SI
	LEAQ	runtime·pvhgdt2(SB), DI
	MOVQ	0(SI), AX
	MOVQ	AX, 0(DI)
	MOVQ	8(SI), AX
	MOVQ	AX, 8(DI)
	MOVQ	16(SI), AX
	MOVQ	AX, 16(DI)
	MOVQ	24(SI), AX
	MOVQ	AX, 24(DI)
	MOVW	$(tssSel+maxCPUs*16-1), runtime·pvhgdt2r(SB)
	MOVQ	DI, runtime·pvhgdt2r+2(SB)
	CALL	runtime·pvhcpuinit(SB)
	STI
	RET

// pvhsetgate writes at DI a 64-bit interrupt gate to AX with IST BX:
// offset 15:0, selector, IST and type (present, DPL 0, interrupt gate),
// offset 31:16, offset 63:32. Changes DX.
TEXT runtime·pvhsetgate(SB), NOSPLIT|NOFRAME, $0
	MOVW	AX, 0(DI)
	MOVW	$codeSel, 2(DI)
	MOVQ	BX, DX
	ORQ	$0x8e00, DX
	MOVW	DX, 4(DI)
	MOVQ	AX, DX
	SHRQ	$16, DX
	MOVW	DX, 6(DI)
	SHRQ	$16, DX
	MOVL	DX, 8(DI)
	MOVL	$0, 12(DI)
	RET

// func pvhcpuinit(): on each CPU as it starts, interrupts still off: the
// IDT, a TSS whose interrupt stacks are this CPU's own (istBytes, from
// the heap), and the LAPIC timer, one-shot, armed for a time slice.
TEXT runtime·pvhcpuinit(SB), NOSPLIT, $32-0
	LEAQ	runtime·pvhidtr(SB), AX
	LIDT	0(AX)
	MOVQ	$0, 0(SP)
	MOVQ	$istBytes, 8(SP)
	MOVL	$0, 16(SP)
	MOVL	$0, 20(SP)
	CALL	runtime·mmap(SB)
	MOVQ	24(SP), BX
	TESTQ	BX, BX
	JEQ	nomem
	CALL	runtime·pvhcpu(SB)
	MOVQ	AX, R8
	SHLQ	$7, AX	// tssStride
	LEAQ	runtime·pvhtss(SB), DI
	ADDQ	AX, DI
	// The stacks' tops, each 16-byte aligned.
	ADDQ	$istIntrSize, BX
	MOVQ	BX, (tssIST+(istIntr-1)*8)(DI)
	ADDQ	$istFaultSize, BX
	MOVQ	BX, (tssIST+(istFault-1)*8)(DI)
	ADDQ	$istDoubleSize, BX
	MOVQ	BX, (tssIST+(istDouble-1)*8)(DI)
	ADDQ	$istNMISize, BX
	MOVQ	BX, (tssIST+(istNMI-1)*8)(DI)
	ADDQ	$istMCSize, BX
	MOVQ	BX, (tssIST+(istMC-1)*8)(DI)
	MOVW	$tssSize, tssIOMap(DI)
	// The TSS descriptor: limit 15:0, base 23:0, type (present, 64-bit
	// TSS, available), base 31:24; then base 63:32.
	MOVQ	R8, CX
	SHLQ	$4, CX
	LEAQ	runtime·pvhgdt2+tssSel(SB), SI
	ADDQ	CX, SI
	MOVQ	DI, AX
	ANDQ	$0xffffff, AX
	SHLQ	$16, AX
	ORQ	$(tssSize-1), AX
	MOVQ	$0x89, DX
	SHLQ	$40, DX
	ORQ	DX, AX
	MOVQ	DI, DX
	SHRQ	$24, DX
	ANDQ	$0xff, DX
	SHLQ	$56, DX
	ORQ	DX, AX
	MOVQ	AX, 0(SI)
	MOVQ	DI, AX
	SHRQ	$32, AX
	MOVQ	AX, 8(SI)
	LEAQ	runtime·pvhgdt2r(SB), AX
	LGDT	0(AX)
	MOVQ	R8, AX
	SHLQ	$4, AX
	ADDQ	$tssSel, AX
	BYTE	$0x0f; BYTE $0x00; BYTE $0xd8	// LTR AX
	CALL	runtime·pvhtimerinit(SB)
nomem:
	RET

// pvhtimerinit sets up this CPU's LAPIC timer: divided by 16, one-shot,
// vecTimer, armed for a time slice. The first CPU times it against the
// TSC for pvhtscper TSC ticks (about 10 ms).
TEXT runtime·pvhtimerinit(SB), NOSPLIT|NOFRAME, $0
	CMPQ	runtime·pvhapic(SB), $0
	JEQ	done
	MOVQ	$lapic, BX
	MOVL	$0x1ff, lapicSVR(BX)	// enabled (an AP's is not); spurious vector 0xff
	MOVL	$timerDiv16, lapicTimerDiv(BX)
	CMPQ	runtime·pvhlapicmul(SB), $0
	JNE	arm
	MOVL	$(lvtMasked|vecTimer), lapicLVTTimer(BX)
	MOVL	$0xffffffff, lapicTimerCount(BX)
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8
wait:
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	SUBQ	R8, AX
	CMPQ	AX, runtime·pvhtscper(SB)
	JCS	wait
	MOVQ	AX, R9
	MOVL	lapicTimerCurrent(BX), CX
	MOVL	$0, lapicTimerCount(BX)
	MOVL	$0xffffffff, AX
	SUBQ	CX, AX
	SHLQ	$32, AX
	MOVQ	$0, DX
	DIVQ	R9
	TESTQ	AX, AX
	JNE	rate
	INCQ	AX
rate:
	MOVQ	AX, runtime·pvhlapicmul(SB)
	MOVQ	runtime·pvhtscper(SB), AX
	MOVQ	$0, DX
	MOVQ	$(10000000/sliceNS), CX
	DIVQ	CX
	MOVQ	AX, runtime·pvhslice(SB)
arm:
	MOVL	$vecTimer, lapicLVTTimer(BX)
	MOVQ	runtime·pvhslice(SB), AX
	CALL	runtime·pvharm(SB)
done:
	RET

// The IDT, its descriptor for LIDT; the GDT with the CPUs' TSS
// descriptors, its descriptor; the TSSs, 128 bytes apart.
GLOBL runtime·pvhidt(SB), NOPTR, $(idtEntries*16)
GLOBL runtime·pvhidtr(SB), NOPTR, $16
GLOBL runtime·pvhgdt2(SB), NOPTR, $(tssSel+maxCPUs*16)
GLOBL runtime·pvhgdt2r(SB), NOPTR, $16
GLOBL runtime·pvhtss(SB), NOPTR, $(maxCPUs*128)

// func minit(): nothing per M on a bare machine.
TEXT runtime·minit(SB), NOSPLIT, $0-0
	RET

// func signalNotify(sig int64, c *hchan): no signal ever arrives on a bare
// machine, so there is nothing to deliver.
TEXT runtime·signalNotify(SB), NOSPLIT, $0-16
	RET

// func tgkill(tid, sig int64): sysmon's request that thread tid's
// goroutine stop (preemptone): an IPI to the CPU running it, whose handler
// (pvhirq) preempts the goroutine as SIGURG's does on Linux. A thread
// switched out meets its CPU's next timer interrupt instead.
TEXT runtime·tgkill(SB), NOSPLIT, $0-16
	CMPQ	runtime·pvhapic(SB), $0
	JEQ	done
	CALL	runtime·pvhlockthreads(SB)
	CALL	runtime·pvhcpu(SB)
	MOVQ	AX, R9
	MOVQ	tid+0(FP), BX
	LEAQ	runtime·pvhcur(SB), SI
	MOVQ	$0, R12
each:
	CMPQ	R12, runtime·pvhnextcpu(SB)
	JCC	unlock
	CMPQ	R12, R9
	JEQ	next
	CMPQ	0(SI)(R12*8), BX
	JNE	next
	CALL	runtime·pvhsendipi(SB)
next:
	INCQ	R12
	JMP	each
unlock:
	CALL	runtime·pvhunlockthreads(SB)
done:
	RET

// The LAPIC's timer and IPI vectors, on istIntr with interrupts off.
TEXT runtime·pvhtimerintr(SB), NOSPLIT|NOFRAME, $0
	PUSHQ	$vecTimer
	JMP	runtime·pvhirq(SB)

TEXT runtime·pvhipiintr(SB), NOSPLIT|NOFRAME, $0
	PUSHQ	$vecIPI
	JMP	runtime·pvhirq(SB)

// A spurious interrupt needs no EOI.
TEXT runtime·pvhspurious(SB), NOSPLIT|NOFRAME, $0
	IRETQ

// pvhirq: 0(SP) is the vector, then the interrupt frame (RIP, CS,
// RFLAGS, RSP, SS). It saves the general registers, acknowledges the
// interrupt and lets pvhirqwork change the frame.
TEXT runtime·pvhirq(SB), NOSPLIT|NOFRAME, $0
	PUSH_GPRS
	MOVQ	$lapic, AX
	MOVL	$0, lapicEOI(AX)
	LEAQ	120(SP), AX
	PUSHQ	AX
	CALL	runtime·pvhirqwork(SB)
	POPQ	AX
	POP_GPRS
	ADDQ	$8, SP
	IRETQ

// func pvhirqwork(f *intrframe): what the timer or an IPI does to the
// code it interrupted (f: the vector, then RIP, CS, RFLAGS, RSP, SS). It
// takes no lock and allocates nothing (the interrupted code may hold
// either), and touches no thread's code (thread_pvh, smp_pvh, this file).
//   - A goroutine sysmon asked to stop is made to call asyncPreempt, under
//     sigpreempt's rules (signal_linux_amd64.s): with an area for its
//     extended state, running, not on g0, with a P, in its own code, on
//     its own stack with asyncPreemptStack bytes of room.
//   - Else, when another thread is ready or done waiting, the thread is
//     made to call pvhpreempt, which gives up the CPU: on its g's (or
//     g0's) stack, with the same room.
// The frame's return address goes below the red zone, as sigpreempt puts
// it.
TEXT runtime·pvhirqwork(SB), NOSPLIT, $24-8
	MOVQ	f+0(FP), BX
	CMPQ	0(BX), $vecTimer
	JNE	work
	// The next slice, unless the CPU halts (pvhblock arms its timer).
	CALL	runtime·pvhcpu(SB)
	BTQ	AX, runtime·pvhhaltmask(SB)
	JCS	work
	MOVQ	runtime·pvhslice(SB), AX
	CALL	runtime·pvharm(SB)
work:
	MOVQ	f+0(FP), BX
	MOVQ	8(BX), CX	// the interrupted PC
	LEAQ	runtime·pvhthreadText(SB), AX
	CMPQ	CX, AX
	JCS	smp
	LEAQ	runtime·pvhthreadEtext(SB), AX
	CMPQ	CX, AX
	JCS	done
smp:
	LEAQ	runtime·pvhsmpText(SB), AX
	CMPQ	CX, AX
	JCS	trap
	LEAQ	runtime·pvhsmpEtext(SB), AX
	CMPQ	CX, AX
	JCS	done
trap:
	LEAQ	runtime·signalText(SB), AX
	CMPQ	CX, AX
	JCS	goroutine
	LEAQ	runtime·signalEtext(SB), AX
	CMPQ	CX, AX
	JCS	done
goroutine:
	get_tls(DX)
	MOVQ	g(DX), AX
	TESTQ	AX, AX
	JEQ	done
	CMPQ	runtime·asyncpreemptoff(SB), $0
	JNE	thread
	CMPQ	g_preempt(AX), $0
	JEQ	thread
	CMPQ	g_xsave(AX), $0
	JEQ	thread
	CMPQ	g_status(AX), $const_Grunning
	JNE	thread
	MOVQ	g_m(AX), DX
	TESTQ	DX, DX
	JEQ	thread
	CMPQ	AX, m_g0(DX)
	JEQ	thread
	CMPQ	m_p(DX), $0
	JEQ	thread
	MOVQ	32(BX), DX
	CMPQ	DX, (g_stack+stack_hi)(AX)
	JHI	thread
	SUBQ	(g_stack+stack_lo)(AX), DX
	JCS	thread
	CMPQ	DX, $const_asyncPreemptStack
	JCS	thread
	MOVQ	CX, 0(SP)
	CALL	runtime·inruntime(SB)
	CMPB	8(SP), $0
	JNE	thread
	LEAQ	runtime·asyncPreempt(SB), CX
	JMP	inject
thread:
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, R8
	CALL	runtime·pvhwanted(SB)
	TESTQ	AX, AX
	JEQ	done
	get_tls(DX)
	MOVQ	g(DX), AX
	MOVQ	f+0(FP), BX
	MOVQ	32(BX), DX
	CMPQ	DX, (g_stack+stack_hi)(AX)
	JHI	done
	SUBQ	(g_stack+stack_lo)(AX), DX
	JCS	done
	CMPQ	DX, $const_asyncPreemptStack
	JCS	done
	LEAQ	runtime·pvhpreempt(SB), CX
inject:
	MOVQ	f+0(FP), BX
	MOVQ	32(BX), AX
	SUBQ	$(const_redZoneSize+8), AX
	MOVQ	8(BX), DX
	MOVQ	DX, 0(AX)
	MOVQ	AX, 32(BX)
	MOVQ	CX, 8(BX)
done:
	RET

// func pvhshootdown(): after mprotect made pages not present, every
// other started CPU flushes its TLB (a CR3 reload) before this returns, so
// none goes on using a translation of a guard page cached before (a
// TLB shootdown). The flush here and the IPIs are sent with interrupts
// off, so the calling thread is not moved to another CPU in between; the
// acknowledgements are awaited with them on, so two CPUs shooting at
// once (one waits for the lock) each take the other's IPI. Called with
// interrupts on.
TEXT runtime·pvhshootdown(SB), NOSPLIT|NOFRAME, $0
	CMPQ	runtime·pvhnextcpu(SB), $1
	JLS	done
lock:
	MOVL	$1, AX
	XCHGL	AX, runtime·pvhshootlock(SB)
	TESTL	AX, AX
	JEQ	locked
	PAUSE
	JMP	lock
locked:
	CLI
	MOVQ	CR3, AX
	MOVQ	AX, CR3
	CALL	runtime·pvhcpu(SB)
	MOVQ	AX, R10
	MOVQ	$0, R11
	MOVQ	$0, CX
mask:
	CMPQ	CX, runtime·pvhnextcpu(SB)
	JCC	send
	CMPQ	CX, R10
	JEQ	nextmask
	BTSQ	CX, R11
nextmask:
	INCQ	CX
	JMP	mask
send:
	MOVQ	R11, runtime·pvhshootmask(SB)
	MOVQ	$lapic, DX
	MOVQ	$0, CX
each:
	BTQ	CX, R11
	JCC	nextcpu
busy:
	MOVL	lapicICRLow(DX), AX
	TESTL	$icrPending, AX
	JEQ	ready
	PAUSE
	JMP	busy
ready:
	MOVL	CX, AX
	SHLL	$24, AX
	MOVL	AX, lapicICRHigh(DX)
	MOVL	$(icrAssert|vecShootdown), lapicICRLow(DX)
nextcpu:
	INCQ	CX
	CMPQ	CX, $maxCPUs
	JCS	each
	STI
wait:
	CMPQ	runtime·pvhshootmask(SB), $0
	JEQ	unlock
	PAUSE
	JMP	wait
unlock:
	MOVL	$0, runtime·pvhshootlock(SB)
done:
	RET

// pvhshootintr: a shootdown's IPI: flush this CPU's TLB, say so.
TEXT runtime·pvhshootintr(SB), NOSPLIT|NOFRAME, $0
	PUSHQ	AX
	MOVQ	CR3, AX
	MOVQ	AX, CR3
	CALL	runtime·pvhcpu(SB)
	LOCK
	BTRQ	AX, runtime·pvhshootmask(SB)
	MOVQ	$lapic, AX
	MOVL	$0, lapicEOI(AX)
	POPQ	AX
	IRETQ

GLOBL runtime·pvhshootlock(SB), NOPTR, $8
GLOBL runtime·pvhshootmask(SB), NOPTR, $8

// pvhvectors: 32 entries of 8 bytes, one per vector: push the vector's
// number, go to pvhtrap, and a byte of padding.
#define VECTOR(n)	PUSHQ $n; JMP runtime·pvhtrap(SB); BYTE $0xcc
TEXT runtime·pvhvectors(SB), NOSPLIT|NOFRAME, $0
	VECTOR(0)
	VECTOR(1)
	VECTOR(2)
	VECTOR(3)
	VECTOR(4)
	VECTOR(5)
	VECTOR(6)
	VECTOR(7)
	VECTOR(8)
	VECTOR(9)
	VECTOR(10)
	VECTOR(11)
	VECTOR(12)
	VECTOR(13)
	VECTOR(14)
	VECTOR(15)
	VECTOR(16)
	VECTOR(17)
	VECTOR(18)
	VECTOR(19)
	VECTOR(20)
	VECTOR(21)
	VECTOR(22)
	VECTOR(23)
	VECTOR(24)
	VECTOR(25)
	VECTOR(26)
	VECTOR(27)
	VECTOR(28)
	VECTOR(29)
	VECTOR(30)
	VECTOR(31)

// pvhtrap: 0(SP) is the vector, then the error code if the CPU pushed
// one, then the interrupted RIP. It records them and reports; it never
// returns. A fault while reporting exits at once.
TEXT runtime·pvhtrap(SB), NOSPLIT|NOFRAME|TOPFRAME, $0
	MOVQ	$1, AX
	XCHGQ	AX, runtime·pvhtrapping(SB)
	TESTQ	AX, AX
	JNE	again
	// The fault may have come in the middle of a write.
	MOVL	$0, runtime·pvhwritelock(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, runtime·pvhtrapvec(SB)
	MOVQ	$errorCodeMask, DX
	MOVL	AX, CX
	SHRQ	CX, DX
	ANDQ	$1, DX
	MOVQ	8(SP)(DX*8), AX
	MOVQ	AX, runtime·pvhtrappc(SB)
	// The traceback starts at the faulting instruction and its stack (the
	// interrupt frame: RIP, CS, RFLAGS, RSP, SS).
	MOVQ	AX, runtime·fatalpc(SB)
	MOVQ	32(SP)(DX*8), AX
	MOVQ	AX, runtime·fatalsp(SB)
	MOVQ	$1, runtime·fatalfault(SB)
	MOVQ	CR2, AX
	MOVQ	AX, runtime·pvhtrapaddr(SB)
	ANDQ	$~15, SP
	CALL	runtime·pvhfault(SB)
again:
	MOVL	$2, AX
	JMP	runtime·pvhpoweroff(SB)

// pvhfault reports the exception pvhtrap recorded and exits with status
// 2. A page fault is a stack overflow when the goroutine's SP is below its
// segment (an overrun no prologue saw that ran on into a guard page), or
// when the address is in the guard page just below the stack (a heap
// page below a goroutine stack chunk or big segment; guardSize below a
// g0 stack): "fatal error: stack overflow", as on Linux. Any other
// exception is "fatal error: unexpected exception N [addr=0x…] pc=0x…",
// addr (CR2) for a page fault. Both end with the traceback (fatalexit).
TEXT runtime·pvhfault(SB), NOSPLIT, $16-0
	CMPQ	runtime·pvhtrapvec(SB), $pageFault
	JNE	unexpected
	get_tls(CX)
	MOVQ	g(CX), AX
	TESTQ	AX, AX
	JEQ	unexpected
	MOVQ	(g_stack+stack_lo)(AX), CX
	MOVQ	runtime·pvhtrapaddr(SB), SI
	MOVQ	g_m(AX), BX
	TESTQ	BX, BX
	JEQ	g0
	CMPQ	AX, m_g0(BX)
	JEQ	g0
	CMPQ	runtime·fatalsp(SB), CX
	JCS	overflow
	MOVQ	$const_pageSize, DX
	JMP	guard
g0:
	MOVQ	$const_guardSize, DX
guard:
	CMPQ	SI, CX
	JCC	unexpected
	SUBQ	DX, CX
	CMPQ	SI, CX
	JCS	unexpected
overflow:
	THROW(str_stackOverflow)
unexpected:
	PRINTERR(runtime·pvhstrException(SB))
	PRINTERR_INT(runtime·pvhtrapvec(SB))
	CMPQ	runtime·pvhtrapvec(SB), $pageFault
	JNE	pc
	PRINTERR(str_sigAddr)
	PRINTERR_HEX(runtime·pvhtrapaddr(SB))
pc:
	PRINTERR(str_sigPC)
	PRINTERR_HEX(runtime·pvhtrappc(SB))
	CALL	runtime·fatalexit(SB)
	RET

DATA runtime·pvhstrException+0(SB)/8, $"fatal er"
DATA runtime·pvhstrException+8(SB)/8, $"ror: une"
DATA runtime·pvhstrException+16(SB)/8, $"xpected "
DATA runtime·pvhstrException+24(SB)/8, $"exceptio"
DATA runtime·pvhstrException+32(SB)/3, $"n \000"
GLOBL runtime·pvhstrException(SB), RODATA|NOPTR, $35

GLOBL runtime·pvhtrapping(SB), NOPTR, $8
GLOBL runtime·pvhtrapvec(SB), NOPTR, $8
GLOBL runtime·pvhtrappc(SB), NOPTR, $8
GLOBL runtime·pvhtrapaddr(SB), NOPTR, $8

TEXT_MARK(runtime·signalEtext)
