// funcdata.h: the names Go's funcdata.h gives, with the same values, for
// assembly written for the Go toolchain (GO_ARGS, NO_LOCAL_POINTERS, …).
// p9as carries this header and uses it when an #include "funcdata.h" is
// not found on the include path; p9ld has it on its path. The values
// number the PCDATA and FUNCDATA tables Go's runtime reads; p9 records
// the directives as go tool asm does, byte for byte.

// PCDATA table numbers.
#define PCDATA_UnsafePoint 0
#define PCDATA_StackMapIndex 1
#define PCDATA_InlTreeIndex 2
#define PCDATA_ArgLiveIndex 3
#define PCDATA_PanicBounds 4

// FUNCDATA table numbers.
#define FUNCDATA_ArgsPointerMaps 0
#define FUNCDATA_LocalsPointerMaps 1
#define FUNCDATA_StackObjects 2
#define FUNCDATA_InlTree 3
#define FUNCDATA_OpenCodedDeferInfo 4
#define FUNCDATA_ArgInfo 5
#define FUNCDATA_ArgLiveInfo 6
#define FUNCDATA_WrapInfo 7

// The pointer maps of a function's arguments come from its Go
// declaration.
#define GO_ARGS	FUNCDATA $FUNCDATA_ArgsPointerMaps, go_args_stackmap(SB)

// The results are initialized from here on.
#define GO_RESULTS_INITIALIZED	PCDATA $PCDATA_StackMapIndex, $1

// The function's frame holds no pointers.
#define NO_LOCAL_POINTERS	FUNCDATA $FUNCDATA_LocalsPointerMaps, no_pointers_stackmap(SB)

// The argument size of a function whose TEXT line gives none.
#define ArgsSizeUnknown 0x80000000
