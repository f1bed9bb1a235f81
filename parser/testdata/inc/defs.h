// Definitions shared by syntax.s.
#define NOSPLIT 4
#define NOFRAME 512
#define get_tls(r) MOVQ TLS, r
#define g(r) 0(r)(TLS*1)
#define SAVE(a, b) \
	MOVQ a, 0(SP); \
	MOVQ b, 8(SP)
