package abi

import "encoding/binary"

// The function table: what p9as knows about each function, in a form the
// linker and the runtime both read. p9as writes, per object, a section
// FuncTabSection of FuncRecSize-byte records, one per TEXT symbol, whose
// first four fields point into the object's FuncDataSection (names, file
// names, PC tables). Any ELF linker concatenates the sections and, because
// the name is a C identifier, defines __start_p9_functab and
// __stop_p9_functab around them; p9ld instead writes one table of the
// functions it keeps, sorted by address. runtime-src/layout.txt lays out
// the same record (struct funcrec); a test ties the two.
//
// The pointer fields are 32-bit and relative to the field's own address
// (R_X86_64_PC32), not absolute addresses: half the size, and the table
// needs no dynamic relocations in a shared object. A runtime that moves a
// record (sorting another linker's table) must adjust them.
const (
	FuncTabSection  = "p9_functab"
	FuncDataSection = "p9_funcdata"
	FuncTabStart    = "__start_" + FuncTabSection
	FuncTabStop     = "__stop_" + FuncTabSection

	FuncRecSize = 32
	// Field offsets in a record.
	FuncRecEntry  = 0  // i32, relative: the function's address
	FuncRecName   = 4  // i32, relative: its name, NUL-terminated ("main.main")
	FuncRecFile   = 8  // i32, relative: its source file's name, NUL-terminated
	FuncRecTables = 12 // i32, relative: its PC table of the SP depth below the entry SP, then its PC table of source lines, then (FuncCallSites) its indirect call sites
	FuncRecLen    = 16 // u32: the function's size in bytes
	FuncRecArgs   = 20 // i32: argument size, or ArgsUnknown
	FuncRecFrame  = 24 // i32: frame size as the TEXT line gives it
	FuncRecFlags  = 28 // u32: textflag bits, FuncPlan9 and FuncCallSites

	// FuncRecPointers is how many leading 4-byte fields are relative
	// pointers.
	FuncRecPointers = 4

	// FuncPlan9 marks a record p9as wrote: Plan 9 code, whose frames the
	// record describes. Code without a record (gcc, GNU as) is foreign.
	FuncPlan9 = 1 << 31
	// FuncCallSites says a call-site list follows the line table: the
	// function calls through a register or memory. Only the linker reads
	// it; p9ld's own table leaves the lists out.
	FuncCallSites = 1 << 30

	// ArgsUnknown is the argument size of a function whose TEXT line gives
	// none ($16 rather than $16-8), as Go's ArgsSizeUnknown.
	ArgsUnknown = -0x80000000
)

// A PC table maps a function's code, from its start, to values: a run of
// entries, each "the next n bytes of code have the value before them
// (which starts at 0) plus delta", ended by a zero byte. Most entries fit
// one byte, as an instruction's length and a line that moves on by one
// do: a byte b in [1, pcShortEnd] is n = 1 + (b-1)%PCShortLens and delta
// = (b-1)/PCShortLens + PCShortMinDelta. Any other entry is the byte
// PCLong, then n as a uvarint and delta as a zigzag varint. (The runtime's
// pcvalue decodes the same; layout.txt repeats the constants, and a test
// ties them.)
const (
	PCShortLens     = 16 // n from 1 to 16
	PCShortMinDelta = -8 // delta from -8 to 6
	pcShortDeltas   = 15
	pcShortEnd      = PCShortLens * pcShortDeltas // 240
	PCLong          = 0xff
)

// AppendPCEntry appends the entry "the next n bytes have value prev+delta"
// (n > 0).
func AppendPCEntry(b []byte, n uint32, delta int64) []byte {
	if n <= PCShortLens && delta >= PCShortMinDelta && delta < PCShortMinDelta+pcShortDeltas {
		return append(b, byte(1+(n-1)+PCShortLens*uint32(delta-PCShortMinDelta)))
	}
	return binary.AppendVarint(binary.AppendUvarint(append(b, PCLong), uint64(n)), delta)
}

// EndPCTable appends the end of a PC table.
func EndPCTable(b []byte) []byte { return append(b, 0) }

// NextPCEntry decodes the entry at the start of t: its length n (0 at the
// table's end), its delta and its size in bytes k, or k <= 0 when t holds
// no valid entry.
func NextPCEntry(t []byte) (n uint64, delta int64, k int) {
	if len(t) == 0 {
		return 0, 0, -1
	}
	switch b := int(t[0]); {
	case b == 0:
		return 0, 0, 1
	case b <= pcShortEnd:
		return uint64(1 + (b-1)%PCShortLens), int64((b-1)/PCShortLens + PCShortMinDelta), 1
	case b != PCLong:
		return 0, 0, -1
	}
	n, k1 := binary.Uvarint(t[1:])
	if k1 <= 0 || n == 0 {
		return 0, 0, -1
	}
	delta, k2 := binary.Varint(t[1+k1:])
	if k2 <= 0 {
		return 0, 0, -1
	}
	return n, delta, 1 + k1 + k2
}

// PCTableLen returns the length of the PC table at the start of t, its end
// marker included, or -1 when t holds no complete table.
func PCTableLen(t []byte) int {
	i := 0
	for {
		if i >= len(t) {
			return -1
		}
		n, _, k := NextPCEntry(t[i:])
		if k <= 0 {
			return -1
		}
		i += k
		if n == 0 {
			return i
		}
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
