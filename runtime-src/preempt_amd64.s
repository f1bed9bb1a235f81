// Asynchronous preemption: stopping a goroutine at any instruction and
// resuming it later with nothing changed that it could see.
//
// Go never preempts assembly asynchronously; here every function a program
// runs is assembly (or gcc's code), so the state saved is everything: the
// general registers and flags, and the extended state (x87, SSE, AVX, the
// AVX-512 registers and opmasks) with XSAVE, in an area each g owns off its
// stack. The signal handler (signal_linux_amd64.s) starts asyncPreempt
// below the interrupted code's red zone, so not a byte of those 128 bytes
// is written: gcc's leaf functions keep locals there.

#include "textflag.h"
#include "textmark.h"
#include "go_asm.h"
#include "go_tls.h"
#include "regsave.h"

// XCR0 bits of the AMX tile configuration and data.
#define xfeatureAMX	0x60000

// preemptText and preemptEtext bound this file's code: see textranges_amd64.s.
TEXT_MARK(runtime·preemptText)

// func xsaveinit(): learn how to save the extended state. Where the OS has
// enabled XSAVE (CPUID.1:ECX.OSXSAVE), the components are those XCR0
// enables and the size is the end of the highest one (CPUID leaf 0xD, the
// standard format); elsewhere FXSAVE's 512 bytes of x87 and SSE state.
TEXT runtime·xsaveinit(SB), NOSPLIT, $0-0
	MOVQ	$512, runtime·xsaveSize(SB)
	MOVQ	$0, runtime·xsaveMask(SB)
	MOVL	$1, AX
	MOVL	$0, CX
	CPUID
	BTL	$27, CX
	JCC	done
	MOVL	$0, CX
	XGETBV
	SHLQ	$32, DX
	MOVL	AX, AX
	ORQ	DX, AX
	// AMX state is off in a process until it asks the kernel for it
	// (arch_prctl), which this runtime never does, so it is always in its
	// initial state; and XRSTOR of a component the kernel keeps disarmed
	// (XFD) would fault.
	ANDQ	$~xfeatureAMX, AX
	MOVQ	AX, R8
	MOVQ	$576, R9	// the legacy area and the XSAVE header
	MOVL	$2, R10	// components 0 and 1 are inside the legacy area
component:
	CMPL	R10, $63
	JHI	sized
	BTQ	R10, R8
	JCC	next
	MOVL	$0xd, AX
	MOVL	R10, CX
	CPUID	// EAX: the component's size; EBX: its offset
	ADDL	AX, BX
	CMPQ	BX, R9
	JLS	next
	MOVQ	BX, R9
next:
	INCL	R10
	JMP	component
sized:
	MOVQ	R8, runtime·xsaveMask(SB)
	MOVQ	R9, runtime·xsaveSize(SB)
done:
	RET

// The extended state: the XSAVE component mask (0 for FXSAVE) and the
// bytes an area needs.
GLOBL runtime·xsaveMask(SB), NOPTR, $8
GLOBL runtime·xsaveSize(SB), NOPTR, $8

// func xsavealloc(gp *g): give gp an area for its extended state, if it
// has none. sysmon calls it before it asks gp to stop, so the signal
// handler and asyncPreempt never allocate. The allocation and the store
// that makes the area reachable happen in one gcnopenter region: without
// a P (sysmon), a cycle between them would free the area.
TEXT runtime·xsavealloc(SB), NOSPLIT, $16-8
	MOVQ	gp+0(FP), AX
	CMPQ	g_xsave(AX), $0
	JNE	done
	CALL	runtime·gcnopenter(SB)
	MOVQ	runtime·xsaveSize(SB), CX
	ADDQ	$48, CX	// malloc aligns to 16 bytes, XSAVE needs 64
	MOVQ	CX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), CX
	ADDQ	$63, CX
	ANDQ	$~63, CX
	MOVQ	gp+0(FP), AX
	MOVQ	CX, g_xsave(AX)
	CALL	runtime·gcnopexit(SB)
done:
	RET

// asyncPreempt runs in a goroutine the signal handler interrupted, as if
// the goroutine had called it there: the handler moved SP below the
// interrupted code's red zone, stored the interrupted PC as the return
// address, and left every other register as it was. asyncPreempt saves the
// registers and flags on the stack and the extended state in g.xsave,
// yields, and when the goroutine runs again (on any M) restores them and
// returns to the interrupted instruction with SP where it was.
TEXT runtime·asyncPreempt(SB), NOSPLIT|NOFRAME, $0
	PUSH_REGS
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_xsave(BX), DI
	SAVE_EXTENDED
	CALL	runtime·asyncPreempt2(SB)
	get_tls(CX)
	MOVQ	g(CX), BX
	MOVQ	g_xsave(BX), DI
	RESTORE_EXTENDED
	POP_REGS
	// RET $redZoneSize: back to the interrupted instruction, and SP back
	// above the red zone the handler stepped over.
	BYTE	$0xc2
	WORD	$const_redZoneSize

// asyncPreempt2 yields: the goroutine goes to the global run queue.
TEXT runtime·asyncPreempt2(SB), NOSPLIT, $8-0
	LEAQ	runtime·gopreempt_mPC(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·mcall(SB)
	RET

TEXT_MARK(runtime·preemptEtext)
