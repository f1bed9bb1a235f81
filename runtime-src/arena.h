// The heap's arenas: the address space is cut into arenas of
// 1<<arenaShift bytes, found through a first-level table of
// 1<<arenaL1Bits entries, each pointing at the arena's page table
// (pagesPerArena spans). mheap_amd64.s builds them; malloc (free's span
// lookup) and the collector (mark and sweep) read them.

#ifdef GOOS_pvh
// A bare machine: the identity map covers the first GiB; 4 MiB arenas.
#define arenaShift	22
#define arenaL1Bits	8
#else
// Linux: 64 MiB arenas over the user half of the address space (2^47).
#define arenaShift	26
#define arenaL1Bits	21
#endif
#define arenaSize	(1<<arenaShift)
#define pagesPerArena	(1<<(arenaShift-const_pageShift))
