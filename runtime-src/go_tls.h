// Access to the current goroutine (g) through thread-local storage.
//
//	get_tls(CX)
//	MOVQ g(CX), AX	// AX = current g
//
// The assembler turns g(r) into an FS-relative load of runtime·tlsg, whose
// offset the linker resolves; get_tls itself assembles to nothing.

#define get_tls(r)	MOVQ TLS, r
#define g(r)	0(r)(TLS*1)
