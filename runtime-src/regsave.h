// The general registers and flags an interrupted context needs back,
// pushed and popped in one order: asynchronous preemption on Linux
// (asyncPreempt, preempt_amd64.s) and the bare-metal timer's thread
// switch (pvhpreempt, pvh/thread_pvh_amd64.s) save the same state. SP is
// not among them: the code that injected the call chose it.

// PUSH_GPRS and POP_GPRS: the fifteen general registers but SP (the
// bare-metal interrupt entry, pvhirq, saves these and not the flags).
#define PUSH_GPRS \
	PUSHQ	AX; PUSHQ	BX; PUSHQ	CX; PUSHQ	DX; \
	PUSHQ	SI; PUSHQ	DI; PUSHQ	BP; \
	PUSHQ	R8; PUSHQ	R9; PUSHQ	R10; PUSHQ	R11; \
	PUSHQ	R12; PUSHQ	R13; PUSHQ	R14; PUSHQ	R15

#define POP_GPRS \
	POPQ	R15; POPQ	R14; POPQ	R13; POPQ	R12; \
	POPQ	R11; POPQ	R10; POPQ	R9; POPQ	R8; \
	POPQ	BP; POPQ	DI; POPQ	SI; \
	POPQ	DX; POPQ	CX; POPQ	BX; POPQ	AX

// PUSH_REGS and POP_REGS: the flags and the general registers.
#define PUSH_REGS	PUSHFQ; PUSH_GPRS
#define POP_REGS	POP_GPRS; POPFQ

// SAVE_EXTENDED and RESTORE_EXTENDED: the extended (x87, SSE, AVX) state
// to and from the area at DI, with XSAVE64/XRSTOR64 of the components in
// runtime·xsaveMask, or FXSAVE64/FXRSTOR64 where the mask is 0. They use
// AX and DX and define the labels fxsave and saved, fxrstor and restored.
#define SAVE_EXTENDED \
	CMPQ	runtime·xsaveMask(SB), $0; \
	JEQ	fxsave; \
	MOVL	runtime·xsaveMask(SB), AX; \
	MOVL	runtime·xsaveMask+4(SB), DX; \
	XSAVE64	(DI); \
	JMP	saved; \
fxsave: \
	FXSAVE64	(DI); \
saved:

#define RESTORE_EXTENDED \
	CMPQ	runtime·xsaveMask(SB), $0; \
	JEQ	fxrstor; \
	MOVL	runtime·xsaveMask(SB), AX; \
	MOVL	runtime·xsaveMask+4(SB), DX; \
	XRSTOR64	(DI); \
	JMP	restored; \
fxrstor: \
	FXRSTOR64	(DI); \
restored:
