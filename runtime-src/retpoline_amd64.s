// Retpolines: what code assembled with -spectre=ret (p9as or go tool asm)
// calls in place of an indirect CALL or JMP through a register, CALL AX
// becoming CALL runtime·retpolineAX(SB). Each thunk reaches the address
// in its register by a RET whose return address it has just replaced, so
// the CPU's return-stack prediction points at a spin loop rather than at
// a target an attacker trained the indirect-branch predictor with. The
// thunk leaves every register and the stack as the indirect branch would
// have: a CALL through it pushes one return address, a JMP none.
//
// Only the thunks a program uses are linked.

#include "textflag.h"

// RETPOLINE(r) jumps to the address in r:
//   - a CALL over the trap pushes the trap's address and goes on below it;
//   - the trap, where a speculated RET lands, spins on PAUSE;
//   - the target overwrites the pushed address, and RET goes there.
// The CALL is written as bytes (E8 and a 4-byte displacement over the
// 4-byte trap): it goes to an instruction, not to a function.
#define RETPOLINE(r) \
	BYTE $0xE8; LONG $4; \
	PAUSE; JMP -1(PC); \
	MOVQ r, 0(SP); \
	RET

TEXT runtime·retpolineAX(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(AX)
TEXT runtime·retpolineCX(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(CX)
TEXT runtime·retpolineDX(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(DX)
TEXT runtime·retpolineBX(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(BX)
TEXT runtime·retpolineBP(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(BP)
TEXT runtime·retpolineSI(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(SI)
TEXT runtime·retpolineDI(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(DI)
TEXT runtime·retpolineR8(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R8)
TEXT runtime·retpolineR9(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R9)
TEXT runtime·retpolineR10(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R10)
TEXT runtime·retpolineR11(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R11)
TEXT runtime·retpolineR12(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R12)
TEXT runtime·retpolineR13(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R13)
TEXT runtime·retpolineR14(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R14)
TEXT runtime·retpolineR15(SB), NOSPLIT|NOFRAME, $0-0
	RETPOLINE(R15)
