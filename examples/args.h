// A program's command-line arguments and its thread count, read without
// the runtime's help (its ABI has no call for them): the examples that
// take a size from the command line include this file.

// main·argint(def int64) int64 returns the first command-line argument as
// a decimal number, or def when there is none or it is not one.
TEXT main·argint(SB), NOSPLIT, $24-16
	MOVQ	$1, 0(SP)
	MOVQ	def+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	main·argn(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, ret+8(FP)
	RET

// main·readfile reads the file named by the NUL-terminated string at AX
// into the DX bytes at SI with system calls of its own (open, one read,
// close) and returns in AX how many bytes it read, or 0 or less when it
// could not. Registers in, registers out: it uses no stack.
TEXT main·readfile(SB), NOSPLIT|NOFRAME, $0
	MOVQ	SI, R9		// the buffer
	MOVQ	DX, R10		// its size
	MOVQ	AX, DI
	MOVQ	$0, SI		// O_RDONLY
	MOVQ	$0, DX
	MOVQ	$2, AX		// open
	SYSCALL
	CMPQ	AX, $0
	JLT	failed
	MOVQ	AX, R8		// the descriptor (SYSCALL keeps R8, not R11)
	MOVQ	R8, DI
	MOVQ	R9, SI
	MOVQ	R10, DX
	MOVQ	$0, AX		// read
	SYSCALL
	MOVQ	AX, R9		// bytes read, or -errno
	MOVQ	R8, DI
	MOVQ	$3, AX		// close
	SYSCALL
	MOVQ	R9, AX
	RET
failed:
	MOVQ	$-1, AX
	RET

// main·argn(i, def int64) int64 returns the i-th command-line argument (1
// for the first) as a decimal number, or def when there is none or it is
// not one. It reads /proc/self/cmdline (the arguments, each ending in a
// NUL byte) with system calls of its own: open, one read of up to 4 KiB,
// close.
TEXT main·argn(SB), NOSPLIT, $0-24
	MOVQ	def+8(FP), AX
	MOVQ	AX, ret+16(FP)
	LEAQ	cmdline<>(SB), AX
	LEAQ	argbuf<>(SB), SI
	MOVQ	$4096, DX
	CALL	main·readfile(SB)
	MOVQ	AX, R13		// bytes read
	CMPQ	R13, $0
	JLE	done
	LEAQ	argbuf<>(SB), SI
	LEAQ	0(SI)(R13*1), R8	// the end of what was read
	MOVQ	i+0(FP), R10	// arguments to skip, argv[0] first
skip:
	CMPQ	R10, $0
	JLE	parse
skip1:	// past one argument and its NUL
	CMPQ	SI, R8
	JGE	done
	MOVBQZX	0(SI), CX
	INCQ	SI
	CMPQ	CX, $0
	JNE	skip1
	DECQ	R10
	JMP	skip
parse:
	MOVQ	$0, AX		// the value
	MOVQ	$0, R9		// its digits
digit:
	CMPQ	SI, R8
	JGE	end
	MOVBQZX	0(SI), CX
	CMPQ	CX, $0
	JEQ	end
	SUBQ	$48, CX		// '0'
	CMPQ	CX, $9
	JHI	done		// not a digit: the default
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	INCQ	R9
	JMP	digit
end:
	CMPQ	R9, $0
	JEQ	done
	MOVQ	AX, ret+16(FP)
done:
	RET

DATA cmdline<>+0(SB)/8, $"/proc/se"
DATA cmdline<>+8(SB)/8, $"lf/cmdli"
DATA cmdline<>+16(SB)/2, $"ne"
GLOBL cmdline<>(SB), RODATA|NOPTR, $24	// NUL-terminated by the zeros after it

GLOBL argbuf<>(SB), NOPTR, $4096

// main·threads() int64 returns the process's OS thread count, the number
// after "Threads:" in /proc/self/status, or -1 if it cannot be read.
TEXT main·threads(SB), NOSPLIT, $0-8
	MOVQ	$-1, ret+0(FP)
	LEAQ	status<>(SB), AX
	LEAQ	argbuf<>(SB), SI
	MOVQ	$4096, DX
	CALL	main·readfile(SB)
	CMPQ	AX, $0
	JLE	done
	LEAQ	argbuf<>(SB), SI
	LEAQ	-8(SI)(AX*1), R8	// the last place "Threads:" can start
	MOVQ	$0x3a73646165726854, R9	// "Threads:", little-endian
find:
	CMPQ	SI, R8
	JGT	done
	CMPQ	0(SI), R9
	JEQ	found
	INCQ	SI
	JMP	find
found:
	ADDQ	$8, SI
	ADDQ	$8, R8
blank:
	CMPQ	SI, R8
	JGE	done
	MOVBQZX	0(SI), CX
	CMPQ	CX, $9		// tab
	JEQ	next
	CMPQ	CX, $32		// space
	JNE	number
next:
	INCQ	SI
	JMP	blank
number:
	MOVQ	$0, AX
digit:
	CMPQ	SI, R8
	JGE	got
	MOVBQZX	0(SI), CX
	SUBQ	$48, CX		// '0'
	CMPQ	CX, $9
	JHI	got
	IMULQ	$10, AX
	ADDQ	CX, AX
	INCQ	SI
	JMP	digit
got:
	MOVQ	AX, ret+0(FP)
done:
	RET

DATA status<>+0(SB)/8, $"/proc/se"
DATA status<>+8(SB)/8, $"lf/statu"
DATA status<>+16(SB)/1, $"s"
GLOBL status<>(SB), RODATA|NOPTR, $24	// NUL-terminated by the zeros after it
