// Messages on standard error and fatal errors: each writes its call's
// arguments at 0(SP) (and 8(SP)) and goes through AX.
// PRINTERR(s) writes the NUL-terminated string at address s (a str_
// message or a symbol(SB)); PRINTERR_INT, PRINTERR_HEX and PRINTERR_MS
// write the value v in decimal, in hex and as milliseconds (fprintint,
// fprinthex, fprintms to fd 2); THROW(s) calls throw with the message s.

#define PRINTERR(s)	LEAQ s, AX; MOVQ AX, 0(SP); CALL runtime·printerr(SB)
#define PRINTERR_INT(v)	MOVQ $2, 0(SP); MOVQ v, AX; MOVQ AX, 8(SP); CALL runtime·fprintint(SB)
#define PRINTERR_HEX(v)	MOVQ $2, 0(SP); MOVQ v, AX; MOVQ AX, 8(SP); CALL runtime·fprinthex(SB)
#define PRINTERR_MS(v)	MOVQ $2, 0(SP); MOVQ v, AX; MOVQ AX, 8(SP); CALL runtime·fprintms(SB)
#define THROW(s)	LEAQ s, AX; MOVQ AX, 0(SP); CALL runtime·throw(SB)
