// gcchanleak: 4,000,000 channels with a buffer of 8 words (160 bytes
// each, 640 MB in all), made and forgotten. Only the runtime calls malloc
// here (from makechan): the collector must start from there too.

#include "textflag.h"

TEXT main·main(SB), $32-0
	MOVQ	$4000000, n-8(SP)
loop:
	MOVQ	$8, 0(SP)
	MOVQ	$8, 8(SP)
	CALL	runtime·makechan(SB)
	DECQ	n-8(SP)
	JNE	loop
	RET
