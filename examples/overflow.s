// overflow: unbounded recursion. Each call's stack-split prologue checks
// the stack, which grows by new segments until the goroutine's stack would
// pass 1 GB (Go's limit); then the runtime stops the program as Go does:
// "runtime: goroutine stack exceeds 1000000000-byte limit", "fatal error:
// stack overflow", a traceback with the middle frames left out, and exit
// status 2.
//
//	p9ld -o overflow examples/overflow.s && ./overflow

#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $0-0
	CALL	main·recurse(SB)
	RET

TEXT main·recurse(SB), $64-0
	CALL	main·recurse(SB)
	RET
