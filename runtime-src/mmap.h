// Memory from the system (sys_linux_amd64.s's mmap and mprotect; on bare
// metal the page tables' versions). The calls write their arguments from
// 0(SP) and read the result at 24(SP).

#define PROT_NONE	0
#define PROT_RW	3
#define MAP_PRIVATE_ANON	0x22
#define MAP_PRIVATE_ANON_NORESERVE	0x4022

// MMAP_RW(size, flags, r): r = mmap(hint, size, PROT_RW, flags), the
// hint already at 0(SP); r is 0 when there is no memory.
#define MMAP_RW(size, flags, r) \
	MOVQ	size, 8(SP); \
	MOVL	$PROT_RW, 16(SP); \
	MOVL	flags, 20(SP); \
	CALL	runtime·mmap(SB); \
	MOVQ	24(SP), r

// MPROTECT(addr, n, prot): AX = mprotect(addr, n, prot), sign-extended
// (0, or a negative errno).
#define MPROTECT(addr, n, prot) \
	MOVQ	addr, 0(SP); \
	MOVQ	n, 8(SP); \
	MOVL	prot, 16(SP); \
	CALL	runtime·mprotect(SB); \
	MOVLQSX	24(SP), AX
