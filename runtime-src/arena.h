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
