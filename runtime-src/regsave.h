// The general registers and flags an interrupted context needs back,
// pushed and popped in one order: asynchronous preemption on Linux
// (asyncPreempt, preempt_amd64.s) and the bare-metal timer's thread
// switch (pvhpreempt, pvh/thread_pvh_amd64.s) save the same state. SP is
// not among them: the code that injected the call chose it.

#define PUSH_REGS \
	PUSHFQ; \
	PUSHQ	AX; PUSHQ	BX; PUSHQ	CX; PUSHQ	DX; \
	PUSHQ	SI; PUSHQ	DI; PUSHQ	BP; \
	PUSHQ	R8; PUSHQ	R9; PUSHQ	R10; PUSHQ	R11; \
	PUSHQ	R12; PUSHQ	R13; PUSHQ	R14; PUSHQ	R15

#define POP_REGS \
	POPQ	R15; POPQ	R14; POPQ	R13; POPQ	R12; \
	POPQ	R11; POPQ	R10; POPQ	R9; POPQ	R8; \
	POPQ	BP; POPQ	DI; POPQ	SI; \
	POPQ	DX; POPQ	CX; POPQ	BX; POPQ	AX; \
	POPFQ
