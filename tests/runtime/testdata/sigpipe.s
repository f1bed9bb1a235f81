// sigpipe: writes a byte to descriptor 3 and prints the result on standard
// error, then writes a line to standard output and says it survived. With
// both descriptors pipes whose readers have gone, Go's rule applies: the
// write to 3 returns -32 (EPIPE), and the write to 1 kills the program
// with SIGPIPE.

#include "textflag.h"

DATA msg<>+0(SB)/8, $"hello\nsu"
DATA msg<>+8(SB)/8, $"rvived\n\x00"
GLOBL msg<>(SB), RODATA|NOPTR, $16

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$3, 0(SP)
	LEAQ	msg<>(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$1, 16(SP)
	CALL	runtime·write(SB)
	MOVLQSX	24(SP), AX
	MOVQ	$2, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	MOVQ	$2, 0(SP)
	LEAQ	msg<>+5(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$1, 16(SP)
	CALL	runtime·write(SB)	// the newline after the number
	MOVQ	$1, 0(SP)
	LEAQ	msg<>(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$6, 16(SP)
	CALL	runtime·write(SB)
	MOVQ	$2, 0(SP)
	LEAQ	msg<>+6(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$9, 16(SP)
	CALL	runtime·write(SB)
	RET
