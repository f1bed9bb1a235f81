// hello prints a greeting: the smallest complete p9 program.
//
//	p9ld -o hello examples/hello.s && ./hello

#include "textflag.h"

DATA msg<>+0(SB)/8, $"hello, w"
DATA msg<>+8(SB)/5, $"orld\n"
GLOBL msg<>(SB), RODATA|NOPTR, $13

// main·main is called by the runtime once it has booted; returning from it
// exits the program with status 0.
TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$1, 0(SP)	// fd: standard output
	LEAQ	msg<>(SB), AX
	MOVQ	AX, 8(SP)	// p
	MOVL	$13, 16(SP)	// n
	CALL	runtime·write(SB)
	RET
