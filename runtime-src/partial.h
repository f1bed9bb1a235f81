// A central list's partial list (mcentral_partial): the spans of its
// class with free blocks, linked through mspan_next and mspan_prev.
// mcentral_amd64.s and the sweeper (mgc_amd64.s) put spans on and take
// them off. Include after go_asm.h.

// PARTIAL_PUSH(s, c, t): span s onto the front of central list c's
// partial list, t a scratch register; defines the label head.
#define PARTIAL_PUSH(s, c, t) \
	MOVQ	mcentral_partial(c), t; \
	MOVQ	t, mspan_next(s); \
	MOVQ	$0, mspan_prev(s); \
	TESTQ	t, t; \
	JEQ	head; \
	MOVQ	s, mspan_prev(t); \
head: \
	MOVQ	s, mcentral_partial(c)

// PARTIAL_REMOVE(s, c): span s off central list c's partial list, through
// DX and SI; defines the labels nonext, first and unlinked (its end).
#define PARTIAL_REMOVE(s, c) \
	MOVQ	mspan_next(s), DX; \
	MOVQ	mspan_prev(s), SI; \
	TESTQ	DX, DX; \
	JEQ	nonext; \
	MOVQ	SI, mspan_prev(DX); \
nonext: \
	TESTQ	SI, SI; \
	JEQ	first; \
	MOVQ	DX, mspan_next(SI); \
	JMP	unlinked; \
first: \
	MOVQ	DX, mcentral_partial(c); \
unlinked:
