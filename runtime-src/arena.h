// The heap's arenas: the address space is cut into arenas of
// 1<<arenaShift bytes, found through a first-level table of
// 1<<arenaL1Bits entries, each pointing at the arena's page table
// (pagesPerArena spans). mheap_amd64.s builds them; malloc (free's span
// lookup) and the collector (mark and sweep) read them.

#ifdef GOOS_pvh
// A bare machine: 4 MiB arenas over the first 64 GiB of physical memory
// (a 128 KiB index). RAM above that is not used.
#define arenaShift	22
#define arenaL1Bits	14
#else
// Linux: 64 MiB arenas over the user half of the address space (2^47).
#define arenaShift	26
#define arenaL1Bits	21
#endif
#define arenaSize	(1<<arenaShift)
// arenaEnd is the first address past what the index reaches.
#define arenaEnd	(1<<(arenaShift+arenaL1Bits))
#define pagesPerArena	(1<<(arenaShift-const_pageShift))

// Looking an address in AX up, through CX. ARENA_PAGES(none): DX = the
// page table of the arena holding AX, or a jump to none if no arena
// does. PAGE_SPAN(r, none), DX an arena's page table: r = the span of
// AX's page, or a jump to none if the page has none.
#define ARENA_PAGES(none) \
	MOVQ	AX, CX; \
	SHRQ	$arenaShift, CX; \
	CMPQ	CX, $(1<<arenaL1Bits); \
	JCC	none; \
	MOVQ	runtime·arenaL1(SB), DX; \
	MOVQ	(DX)(CX*8), DX; \
	TESTQ	DX, DX; \
	JEQ	none

#define PAGE_SPAN(r, none) \
	MOVQ	AX, CX; \
	SHRQ	$const_pageShift, CX; \
	ANDQ	$(pagesPerArena-1), CX; \
	MOVQ	(DX)(CX*8), r; \
	TESTQ	r, r; \
	JEQ	none
