// The calls the runtime makes to its operating system, on a bare machine:
// output to the COM1 serial port, exit through QEMU's isa-debug-exit
// device, memory from a bump allocator, time from the TSC. Threads and
// futex are in thread_pvh_amd64.s, clone in smp_pvh_amd64.s.

#include "textflag.h"
#include "go_asm.h"
#include "go_tls.h"

#define COM1	0x3f8
#define debugExitPort	0xf4
#define acpiPM1aControl	0x604
#define acpiSleep	0x2000
#define msrFSBase	0xc0000100

// sysText and sysEtext bound this file's code: see textranges_amd64.s.
TEXT runtime·sysText(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc

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
// Zeroed pages from the heap osinit found in the memory map; 0 when it is
// used up. Nothing is ever returned to it.
TEXT runtime·mmap(SB), NOSPLIT, $0-32
	MOVQ	n+8(FP), CX
	ADDQ	$4095, CX
	JCS	none
	ANDQ	$~4095, CX
retry:
	MOVQ	runtime·pvhheap(SB), AX
	MOVQ	AX, DX
	ADDQ	CX, DX
	JCS	none
	CMPQ	DX, runtime·pvhheapend(SB)
	JHI	none
	LOCK
	CMPXCHGQ	DX, runtime·pvhheap(SB)
	JNE	retry
	MOVQ	AX, ret+24(FP)
	MOVQ	AX, DI
	SHRQ	$3, CX
	MOVQ	$0, AX
	CLD
	REP;	STOSQ
	RET
none:
	MOVQ	$0, ret+24(FP)
	RET

// func mprotect(addr unsafe.Pointer, n uintptr, prot int32) int32: all
// memory is mapped read-write, so stacks have no guard pages.
TEXT runtime·mprotect(SB), NOSPLIT, $0-28
	MOVL	$0, ret+24(FP)
	RET

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

GLOBL runtime·pvhheap(SB), NOPTR, $8
GLOBL runtime·pvhheapend(SB), NOPTR, $8
GLOBL runtime·pvhtsc0(SB), NOPTR, $8
GLOBL runtime·pvhtscper(SB), NOPTR, $8
GLOBL runtime·pvhcalibns(SB), NOPTR, $8

TEXT runtime·sysEtext(SB), NOSPLIT|NOFRAME, $0
	BYTE	$0xcc
