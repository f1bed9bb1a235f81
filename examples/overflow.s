// overflow: unbounded recursion. Each call's stack-split prologue checks
// the stack; when it runs out the runtime stops the program with
// "fatal error: stack overflow" and exit status 2 (goroutine stacks have a
// fixed size here, and never grow).
//
//	p9ld -o overflow examples/overflow.s && ./overflow

#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $0-0
	CALL	main·recurse(SB)
	RET

TEXT main·recurse(SB), $64-0
	CALL	main·recurse(SB)
	RET
