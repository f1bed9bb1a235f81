// A walk over the Ps: with a counter i (a frame slot, first set to 0),
// NEXTP(i, r, done) leaves the next P of runtime·allp in r and counts it,
// or jumps to done after the last of the gomaxprocs Ps. It uses AX and CX
// (CX is the P's index). Include after go_asm.h.

#define NEXTP(i, r, done) \
	MOVQ	i, CX; \
	CMPQ	CX, runtime·sched+schedt_gomaxprocs(SB); \
	JCC	done; \
	INCQ	i; \
	MOVQ	runtime·allp(SB), AX; \
	MOVQ	0(AX)(CX*8), r
