// sieve: the Go tour's concurrent prime sieve. A generator sends 2, 3, 4,
// ... on an unbuffered channel; main takes the first number out of the
// chain as the next prime and puts a filter goroutine on the end of the
// chain, passing on only the numbers that prime does not divide. After N
// primes (5,000, or the first command-line argument) main checks the last
// one against trial division (the 5,000th is 48611; on a wrong answer it
// says so and exits 1) and prints "sieve <N> <ns per prime>".
//
//	p9ld -o sieve examples/sieve.s && GOMAXPROCS=1 ./sieve [N]

#include "textflag.h"
#include "bench.h"
#include "args.h"

TEXT main·main(SB), NOSPLIT, $64-0
	MOVQ	$5000, 0(SP)
	CALL	main·argint(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, n-8(SP)
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	MOVQ	AX, start-16(SP)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ch-24(SP)
	// The generator: {fn, ch}.
	MOVQ	$16, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·generate(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	ch-24(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	$0, prime-32(SP)
	MOVQ	n-8(SP), AX
	MOVQ	AX, i-40(SP)
	CMPQ	AX, $0
	JLE	timed
next:
	MOVQ	ch-24(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	prime-32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	$8, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, out-48(SP)
	// A filter: {fn, in, out, prime}.
	MOVQ	$32, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·filter(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	ch-24(SP), CX
	MOVQ	CX, 8(AX)
	MOVQ	out-48(SP), CX
	MOVQ	CX, 16(AX)
	MOVQ	prime-32(SP), CX
	MOVQ	CX, 24(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	MOVQ	out-48(SP), AX
	MOVQ	AX, ch-24(SP)
	DECQ	i-40(SP)
	JNE	next
timed:
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	SUBQ	start-16(SP), AX
	MOVQ	AX, start-16(SP)	// now the elapsed time
	MOVQ	n-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	main·nthprime(SB)
	MOVQ	8(SP), AX
	CMPQ	AX, prime-32(SP)
	JNE	wrong
	MOVQ	start-16(SP), AX
	MOVQ	AX, 0(SP)
	MOVQ	n-8(SP), AX
	MOVQ	AX, 8(SP)
	LEAQ	name<>(SB), AX
	MOVQ	AX, 16(SP)
	MOVQ	$5, 24(SP)
	CALL	main·report(SB)
	RET
wrong:
	LEAQ	wrong<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$20, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	prime-32(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

DATA name<>+0(SB)/5, $"sieve"
GLOBL name<>(SB), RODATA|NOPTR, $5
DATA wrong<>+0(SB)/8, $"sieve: w"
DATA wrong<>+8(SB)/8, $"rong pri"
DATA wrong<>+16(SB)/4, $"me  "
GLOBL wrong<>(SB), RODATA|NOPTR, $20

// generate sends 2, 3, 4, ... on its channel, for ever.
TEXT main·generate(SB), NOSPLIT, $32-0
	MOVQ	8(DX), AX
	MOVQ	AX, ch-8(SP)
	MOVQ	$2, v-16(SP)
loop:
	MOVQ	ch-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-16(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	INCQ	v-16(SP)
	JMP	loop

// filter passes on from in to out the numbers prime does not divide.
TEXT main·filter(SB), NOSPLIT, $48-0
	MOVQ	8(DX), AX
	MOVQ	AX, in-8(SP)
	MOVQ	16(DX), AX
	MOVQ	AX, out-16(SP)
	MOVQ	24(DX), AX
	MOVQ	AX, prime-24(SP)
loop:
	MOVQ	in-8(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	MOVQ	v-32(SP), AX
	MOVQ	$0, DX
	DIVQ	prime-24(SP)
	CMPQ	DX, $0
	JEQ	loop
	MOVQ	out-16(SP), AX
	MOVQ	AX, 0(SP)
	LEAQ	v-32(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chansend1(SB)
	JMP	loop

// main·nthprime(n int64) int64 is the n-th prime (2 is the first) by trial
// division, or 0 for n < 1: the answer the sieve must agree with.
TEXT main·nthprime(SB), NOSPLIT, $0-16
	MOVQ	$0, ret+8(FP)
	MOVQ	n+0(FP), R8	// primes still to find
	CMPQ	R8, $0
	JLE	done
	MOVQ	$1, R9		// the candidate
candidate:
	INCQ	R9
	MOVQ	$2, CX		// the divisor
divisor:
	MOVQ	CX, AX
	IMULQ	CX, AX
	CMPQ	AX, R9
	JGT	prime		// no divisor up to its square root
	MOVQ	R9, AX
	MOVQ	$0, DX
	DIVQ	CX
	CMPQ	DX, $0
	JEQ	candidate
	INCQ	CX
	JMP	divisor
prime:
	DECQ	R8
	JNE	candidate
	MOVQ	R9, ret+8(FP)
done:
	RET
