// Layout of the runtime's structures, as byte offsets for assembly.
// Every runtime file includes this one header so each layout is stated once.

// stack: the bounds [lo, hi) of a goroutine stack.
#define stack_lo	0
#define stack_hi	8
#define stack__size	16

// gobuf: the saved context of a goroutine that is not running.
#define gobuf_sp	0
#define gobuf_pc	8
#define gobuf_g	16
#define gobuf_ctxt	24
#define gobuf_ret	32
#define gobuf_bp	40
#define gobuf__size	48

// g: a goroutine. stackguard0 is what a stack-split prologue compares SP
// against; stackguard1 is the same for code running on the system stack.
#define g_stack	0
#define g_stackguard0	16
#define g_stackguard1	24
#define g_m	32
#define g_sched	40
#define g_goid	88
#define g__size	96

// m: an OS thread. tls holds the thread's g slot; FS points just past it.
#define m_g0	0
#define m_curg	8
#define m_procid	16
#define m_tls	24
#define m__size	32

// Size of the system stack the process starts on that the runtime uses
// for g0 of m0.
#define g0StackSize	(64*1024)
