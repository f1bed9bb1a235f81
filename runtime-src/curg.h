// The running goroutine, its M and its P, through thread-local storage
// (go_tls.h): getg(r) leaves the g in r, getm(r) its M, getp(r) the M's P
// (0 on an M without one). Include after go_asm.h and go_tls.h.

#define getg(r)	get_tls(r); MOVQ g(r), r
#define getm(r)	get_tls(r); MOVQ g(r), r; MOVQ g_m(r), r
#define getp(r)	get_tls(r); MOVQ g(r), r; MOVQ g_m(r), r; MOVQ m_p(r), r
