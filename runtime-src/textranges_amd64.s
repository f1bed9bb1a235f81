// The runtime's code, as the address ranges of its files, for the signal
// handler: a goroutine interrupted inside the runtime may be halfway
// through updating a run queue or a channel, so it is not preempted there.
// Each file's code lies between its xText and xEtext markers, whatever
// order a linker lays the files out in.

#include "textflag.h"

DATA runtime·textranges+0(SB)/8, $runtime·asmText(SB)
DATA runtime·textranges+8(SB)/8, $runtime·asmEtext(SB)
DATA runtime·textranges+16(SB)/8, $runtime·chanText(SB)
DATA runtime·textranges+24(SB)/8, $runtime·chanEtext(SB)
DATA runtime·textranges+32(SB)/8, $runtime·goroutineText(SB)
DATA runtime·textranges+40(SB)/8, $runtime·goroutineEtext(SB)
DATA runtime·textranges+48(SB)/8, $runtime·lockText(SB)
DATA runtime·textranges+56(SB)/8, $runtime·lockEtext(SB)
DATA runtime·textranges+64(SB)/8, $runtime·mallocText(SB)
DATA runtime·textranges+72(SB)/8, $runtime·mallocEtext(SB)
DATA runtime·textranges+80(SB)/8, $runtime·osText(SB)
DATA runtime·textranges+88(SB)/8, $runtime·osEtext(SB)
DATA runtime·textranges+96(SB)/8, $runtime·printText(SB)
DATA runtime·textranges+104(SB)/8, $runtime·printEtext(SB)
DATA runtime·textranges+112(SB)/8, $runtime·procText(SB)
DATA runtime·textranges+120(SB)/8, $runtime·procEtext(SB)
DATA runtime·textranges+128(SB)/8, $runtime·runqText(SB)
DATA runtime·textranges+136(SB)/8, $runtime·runqEtext(SB)
DATA runtime·textranges+144(SB)/8, $runtime·sysText(SB)
DATA runtime·textranges+152(SB)/8, $runtime·sysEtext(SB)
DATA runtime·textranges+160(SB)/8, $runtime·signalText(SB)
DATA runtime·textranges+168(SB)/8, $runtime·signalEtext(SB)
DATA runtime·textranges+176(SB)/8, $runtime·sysmonText(SB)
DATA runtime·textranges+184(SB)/8, $runtime·sysmonEtext(SB)
DATA runtime·textranges+192(SB)/8, $runtime·preemptText(SB)
DATA runtime·textranges+200(SB)/8, $runtime·preemptEtext(SB)
DATA runtime·textranges+208(SB)/8, $runtime·functabText(SB)
DATA runtime·textranges+216(SB)/8, $runtime·functabEtext(SB)
DATA runtime·textranges+224(SB)/8, $runtime·stackText(SB)
DATA runtime·textranges+232(SB)/8, $runtime·stackEtext(SB)
DATA runtime·textranges+240(SB)/8, $runtime·cgocallText(SB)
DATA runtime·textranges+248(SB)/8, $runtime·cgocallEtext(SB)
DATA runtime·textranges+256(SB)/8, $runtime·heapText(SB)
DATA runtime·textranges+264(SB)/8, $runtime·heapEtext(SB)
DATA runtime·textranges+272(SB)/8, $runtime·centralText(SB)
DATA runtime·textranges+280(SB)/8, $runtime·centralEtext(SB)
DATA runtime·textranges+288(SB)/8, $runtime·semaText(SB)
DATA runtime·textranges+296(SB)/8, $runtime·semaEtext(SB)
DATA runtime·textranges+304(SB)/8, $runtime·timeText(SB)
DATA runtime·textranges+312(SB)/8, $runtime·timeEtext(SB)
DATA runtime·textranges+320(SB)/8, $runtime·selectText(SB)
DATA runtime·textranges+328(SB)/8, $runtime·selectEtext(SB)
DATA runtime·textranges+336(SB)/8, $runtime·pollText(SB)
DATA runtime·textranges+344(SB)/8, $runtime·pollEtext(SB)
DATA runtime·textranges+352(SB)/8, $runtime·gcText(SB)
DATA runtime·textranges+360(SB)/8, $runtime·gcEtext(SB)
GLOBL runtime·textranges(SB), RODATA, $384	// ends with a zero pair

// func inruntime(pc uintptr) bool: whether pc is in the runtime's code.
TEXT runtime·inruntime(SB), NOSPLIT, $0-9
	MOVQ	pc+0(FP), AX
	LEAQ	runtime·textranges(SB), SI
next:
	MOVQ	0(SI), CX
	TESTQ	CX, CX
	JEQ	no
	CMPQ	AX, CX
	JCS	skip
	CMPQ	AX, 8(SI)
	JCS	yes
skip:
	ADDQ	$16, SI
	JMP	next
yes:
	MOVB	$1, ret+8(FP)
	RET
no:
	MOVB	$0, ret+8(FP)
	RET
