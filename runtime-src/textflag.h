// Flags for TEXT and GLOBL directives. The values are the ones Go's
// assembler and linker use, so source written for Go assembles unchanged.

// Don't profile the marked routine (obsolete).
#define NOPROF	1
// Several objects may define this symbol; the linker keeps one.
#define DUPOK	2
// No stack-split check in the prologue.
#define NOSPLIT	4
// Data in read-only memory.
#define RODATA	8
// Data contains no pointers.
#define NOPTR	16
// A wrapper function that should not count as disabling recover.
#define WRAPPER 32
// The function uses its incoming context register.
#define NEEDCTXT 64
// Allocate a word of thread-local storage.
#define TLSBSS	256
// No frame is allocated, not even for the saved frame pointer.
#define NOFRAME 512
// The function may be called by reflection.
#define REFLECTMETHOD 1024
// The outermost frame of a call stack (the top of a traceback).
#define TOPFRAME 2048
// An ABI wrapper.
#define ABIWRAPPER 4096
