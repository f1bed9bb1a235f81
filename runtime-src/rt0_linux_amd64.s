// Process entry on linux/amd64. The kernel starts the process with SP
// pointing at argc, then argv[0..argc-1], NULL, envp..., NULL, auxv.

#include "textflag.h"

TEXT _rt0_amd64_linux(SB), NOSPLIT|NOFRAME, $0
	JMP	_rt0_amd64(SB)

// _rt0_amd64 hands argc and argv to rt0_go in DI and SI.
TEXT _rt0_amd64(SB), NOSPLIT|NOFRAME, $0
	MOVQ	0(SP), DI	// argc
	LEAQ	8(SP), SI	// argv
	JMP	runtime·rt0_go(SB)
