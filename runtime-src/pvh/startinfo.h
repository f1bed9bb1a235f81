// What the loader tells a PVH image: the hvm_start_info whose address
// _rt0_amd64_pvh receives in EBX (Xen's public/arch-x86/hvm/start_info.h),
// and the memory map it points at. os_pvh_amd64.s reads the environment
// and the RAM from it; sys_pvh_amd64.s copies it out of page 0 and maps
// the RAM it lists.

#define startMagic	0x336ec578
#define startInfoSize	56
#define si_magic	0
#define si_version	4
#define si_cmdline	24
#define si_memmap	40
#define si_memmapEntries	48
#define si_rsdp	32
#define cmdlineMax	1024

// LOAD_MEMMAP(none): DI = the memory map runtime·pvhstartinfo points at
// and CX its number of entries, through SI; a start info without one
// (a wrong magic number, version 0) jumps to none.
#define LOAD_MEMMAP(none) \
	MOVQ	runtime·pvhstartinfo(SB), SI; \
	CMPL	si_magic(SI), $startMagic; \
	JNE	none; \
	CMPL	si_version(SI), $1; \
	JCS	none; \
	MOVQ	si_memmap(SI), DI; \
	MOVL	si_memmapEntries(SI), CX

// hvm_memmap_table_entry: addr, size, type; 24 bytes. The copy keeps at
// most maxMemmap entries.
#define mm_addr	0
#define mm_size	8
#define mm_type	16
#define mmEntrySize	24
#define maxMemmap	128
#define memRAM	1

// The identity map _rt0_amd64_pvh builds covers the first GiB: the image
// must end below it, and pvhpaging writes its page tables there.
#define bootMappedEnd	(1<<30)

// The heap's RAM: up to maxRAMRegions regions of the memory map, each a
// pair (next free address, end) in pvhram.
#define maxRAMRegions	32
