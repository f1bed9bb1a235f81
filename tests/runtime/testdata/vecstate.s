// vecstate: goroutines that keep all-ones in every vector register through
// call-free loops (Y0-Y15; with -D AVX512, Z0-Z31 and the opmasks K0-K7),
// and goroutines that zero the same registers in theirs. There are more of them
// than Ps up to GOMAXPROCS 5, and every one waits in its loop until all
// have started, so they can only all start if asynchronous preemption
// stops some of them: the holders are preempted while the clobbers run on
// the same threads. Each holder then ANDs together every bit of its
// registers; the program prints the AND over all holders: -1 when no bit
// was lost, and hangs with P9DEBUG=asyncpreemptoff=1 at GOMAXPROCS=1.

#include "textflag.h"
#include "test.h"

#define HOLDERS	3
#define CLOBBERS	3
#define TOTAL	(HOLDERS+CLOBBERS)
// Rounds of zeroing the clobbers do, together, after all have started.
#define ROUNDS	200

GLOBL main·started(SB), NOPTR, $8
GLOBL main·rounds(SB), NOPTR, $8
GLOBL main·result(SB), NOPTR, $8
GLOBL main·done(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$-1, main·result(SB)
	MAKECHAN($TOTAL)
	MOVQ	AX, main·done(SB)
	MOVQ	$HOLDERS, n-8(SP)
holders:
	GO(main·holderfn(SB))
	DECQ	n-8(SP)
	JNE	holders
	MOVQ	$CLOBBERS, n-8(SP)
clobbers:
	GO(main·clobberfn(SB))
	DECQ	n-8(SP)
	JNE	clobbers
	MOVQ	$TOTAL, n-8(SP)
wait:
	MOVQ	main·done(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	DECQ	n-8(SP)
	JNE	wait
	PRINT_INT(main·result(SB))
	CALL	runtime·printnl(SB)
	RET

DATA main·holderfn+0(SB)/8, $main·holder(SB)
GLOBL main·holderfn(SB), RODATA, $8
DATA main·clobberfn+0(SB)/8, $main·clobber(SB)
GLOBL main·clobberfn(SB), RODATA, $8

#ifdef AVX512
#define ALLV(op)	op(Z0); op(Z1); op(Z2); op(Z3); op(Z4); op(Z5); op(Z6); op(Z7); op(Z8); op(Z9); op(Z10); op(Z11); op(Z12); op(Z13); op(Z14); op(Z15); op(Z16); op(Z17); op(Z18); op(Z19); op(Z20); op(Z21); op(Z22); op(Z23); op(Z24); op(Z25); op(Z26); op(Z27); op(Z28); op(Z29); op(Z30); op(Z31)
#define ALLK(op)	op(K0); op(K1); op(K2); op(K3); op(K4); op(K5); op(K6); op(K7)
#define ONES(r)	VPTERNLOGD $0xff, r, r, r
#define ZERO(r)	VPXORD r, r, r
#define ANDV0(r)	VPANDQ r, Z0, Z0
#define KONES(k)	KXNORQ k, k, k
#define KZERO(k)	KXORQ k, k, k
#define ANDK(k)	KMOVQ k, BX; ANDQ BX, AX
// Fold Z0's upper half into Y0.
#define FOLD512	VEXTRACTI64X4 $1, Z0, Y1; VPAND Y1, Y0, Y0
#else
#define ALLV(op)	op(Y0); op(Y1); op(Y2); op(Y3); op(Y4); op(Y5); op(Y6); op(Y7); op(Y8); op(Y9); op(Y10); op(Y11); op(Y12); op(Y13); op(Y14); op(Y15)
#define ALLK(op)
#define ONES(r)	VPCMPEQD r, r, r
#define ZERO(r)	VPXOR r, r, r
#define ANDV0(r)	VPAND r, Y0, Y0
#define FOLD512
#endif

TEXT main·holder(SB), NOSPLIT, $24-0
	ALLV(ONES)
	ALLK(KONES)
	LOCK
	INCQ	main·started(SB)
spin:
	CMPQ	main·started(SB), $TOTAL
	JNE	spin
	CMPQ	main·rounds(SB), $ROUNDS
	JLT	spin
	// AND every bit of the vector and opmask registers into AX.
	ALLV(ANDV0)
	FOLD512
	VEXTRACTI128	$1, Y0, X1
	VPAND	X1, X0, X0
	MOVQ	X0, AX
	VPEXTRQ	$1, X0, BX
	ANDQ	BX, AX
	ALLK(ANDK)
	LOCK
	ANDQ	AX, main·result(SB)
	VZEROUPPER
	CALL	main·finish(SB)
	RET

TEXT main·clobber(SB), NOSPLIT, $24-0
	LOCK
	INCQ	main·started(SB)
start:
	CMPQ	main·started(SB), $TOTAL
	JNE	start
round:
	ALLV(ZERO)
	ALLK(KZERO)
	MOVQ	$20000, CX
busy:
	DECQ	CX
	JNE	busy
	LOCK
	INCQ	main·rounds(SB)
	CMPQ	main·rounds(SB), $ROUNDS
	JLT	round
	CALL	main·finish(SB)
	RET

// finish reports to main that one goroutine is done.
TEXT main·finish(SB), NOSPLIT, $24-0
	CHANSEND(main·done(SB), v-8(SP))
	RET
