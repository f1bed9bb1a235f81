package abi

import "encoding/binary"

// The function table: what p9as knows about each function, in a form the
// linker and the runtime both read. p9as writes, per object, a section
// FuncTabSection of FuncRecSize-byte records, one per TEXT symbol, whose
// pointer fields are relocations into the object's FuncDataSection (names,
// file names, PC tables). Any ELF linker concatenates the sections and,
// because the name is a C identifier, defines __start_p9_functab and
// __stop_p9_functab around them; p9ld instead writes one table of the
// functions it keeps, sorted by address. runtime-src/layout.txt lays out
// the same record (struct funcrec); a test ties the two.
const (
	FuncTabSection  = "p9_functab"
	FuncDataSection = "p9_funcdata"
	FuncTabStart    = "__start_" + FuncTabSection
	FuncTabStop     = "__stop_" + FuncTabSection

	FuncRecSize = 64
	// Field offsets in a record.
	FuncRecEntry  = 0  // u64: the function's address
	FuncRecName   = 8  // u64: its name, NUL-terminated ("main.main")
	FuncRecFile   = 16 // u64: its source file's name, NUL-terminated
	FuncRecPCSP   = 24 // u64: PC table of the SP depth below the entry SP
	FuncRecPCLine = 32 // u64: PC table of source lines
	FuncRecLen    = 40 // u32: the function's size in bytes
	FuncRecArgs   = 44 // i32: argument size, or ArgsUnknown
	FuncRecFrame  = 48 // i32: frame size as the TEXT line gives it
	FuncRecFlags  = 52 // u32: textflag bits, and FuncPlan9
	FuncRecCalls  = 56 // u64: the function's indirect call sites, or 0 for none

	// FuncPlan9 marks a record p9as wrote: Plan 9 code, whose frames the
	// record describes. Code without a record (gcc, GNU as) is foreign.
	FuncPlan9 = 1 << 31

	// ArgsUnknown is the argument size of a function whose TEXT line gives
	// none ($16 rather than $16-8), as Go's ArgsSizeUnknown.
	ArgsUnknown = -0x80000000
)

// A PC table maps a function's code, from its start, to values: a run of
// entries, each a uvarint length (bytes of code) then a zigzag varint
// delta (the value over those bytes minus the value before them, which
// starts at 0), ended by a zero length.

// AppendPCEntry appends the entry "the next n bytes have value prev+delta".
func AppendPCEntry(b []byte, n uint32, delta int64) []byte {
	return binary.AppendVarint(binary.AppendUvarint(b, uint64(n)), delta)
}

// EndPCTable appends the end of a PC table.
func EndPCTable(b []byte) []byte { return append(b, 0) }

// PCTableLen returns the length of the PC table at the start of t, its end
// marker included, or -1 when t holds no complete table.
func PCTableLen(t []byte) int {
	i := 0
	for {
		n, k := binary.Uvarint(t[i:])
		if k <= 0 {
			return -1
		}
		i += k
		if n == 0 {
			return i
		}
		if _, k = binary.Varint(t[i:]); k <= 0 {
			return -1
		}
		i += k
	}
}

// A call-site list is a uvarint count, then each site's offset in the
// function as a uvarint delta from the one before (from 0).

// AppendCallSites appends the list of call sites offs (in increasing order).
func AppendCallSites(b []byte, offs []uint32) []byte {
	b = binary.AppendUvarint(b, uint64(len(offs)))
	prev := uint32(0)
	for _, o := range offs {
		b = binary.AppendUvarint(b, uint64(o-prev))
		prev = o
	}
	return b
}

// CallSites decodes a call-site list at the start of b, or returns false.
func CallSites(b []byte) ([]uint32, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, false
	}
	b = b[k:]
	out := make([]uint32, 0, n)
	var at uint64
	for range n {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, false
		}
		b = b[k:]
		at += d
		if at > 1<<32-1 {
			return nil, false
		}
		out = append(out, uint32(at))
	}
	return out, true
}
