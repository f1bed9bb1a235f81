// The runtime calls the test programs make again and again. Each writes
// its call's arguments from 0(SP), so the caller's frame must hold them
// (up to 24 bytes), and goes through AX. Include after textflag.h.

// PRINT_STRING(s, n): print the n bytes at address s (a symbol(SB)).
#define PRINT_STRING(s, n)	LEAQ s, AX; MOVQ AX, 0(SP); MOVQ $n, 8(SP); CALL runtime·printstring(SB)

// PRINT_INT(v): print the 8-byte value v in decimal.
#define PRINT_INT(v)	MOVQ v, AX; MOVQ AX, 0(SP); CALL runtime·printint(SB)

// MAKECHAN(n): AX = make(chan [8]byte, n).
#define MAKECHAN(n)	MOVQ $8, 0(SP); MOVQ n, 8(SP); CALL runtime·makechan(SB); MOVQ 16(SP), AX

// CHANSEND(c, v): send the 8 bytes at v (a frame slot) on the channel c.
#define CHANSEND(c, v)	MOVQ c, AX; MOVQ AX, 0(SP); LEAQ v, AX; MOVQ AX, 8(SP); CALL runtime·chansend1(SB)

// CHANRECV(c, v): receive from the channel c into v (a frame slot).
#define CHANRECV(c, v)	MOVQ c, AX; MOVQ AX, 0(SP); LEAQ v, AX; MOVQ AX, 8(SP); CALL runtime·chanrecv1(SB)

// GO(fv): start a goroutine running the funcval at address fv (a DATA
// word holding the function's address).
#define GO(fv)	LEAQ fv, AX; MOVQ AX, 0(SP); CALL runtime·newproc(SB)
