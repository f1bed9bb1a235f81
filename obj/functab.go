package obj

import (
	"debug/elf"
	"encoding/binary"

	"github.com/p9tools/p9/abi"
)

// funcTabSections builds the object's part of the function table (package
// abi's format): a record per function in abi.FuncTabSection, its names
// and PC tables in abi.FuncDataSection, tied together by relocations any
// ELF linker resolves.
func funcTabSections(fns []*Symbol, sps [][]SPDepth) (tab, data *debugSection) {
	tab = &debugSection{name: abi.FuncTabSection, flags: elf.SHF_ALLOC | elf.SHF_WRITE, align: 8}
	data = &debugSection{name: abi.FuncDataSection, flags: elf.SHF_ALLOC, align: 1}
	strs := map[string]uint32{}
	str := func(s string) uint32 {
		off, ok := strs[s]
		if !ok {
			off = uint32(len(data.data))
			data.data = append(append(data.data, s...), 0)
			strs[s] = off
		}
		return off
	}
	le := binary.LittleEndian
	for i, f := range fns {
		base := uint64(len(tab.data))
		rec := make([]byte, abi.FuncRecSize)
		// ptr points a field at off in the data section, relative to the
		// field, as every pointer field is.
		ptr := func(field int, off uint32) {
			tab.relocs = append(tab.relocs, debugReloc{Offset: base + uint64(field), Type: elf.R_X86_64_PC32,
				Sec: abi.FuncDataSection, Addend: int64(off)})
		}
		// The entry by its place in .text, not by its symbol: a linker
		// making a shared object refuses a PC-relative reference to a
		// global symbol, which another module could preempt.
		tab.relocs = append(tab.relocs, debugReloc{Offset: base + abi.FuncRecEntry, Type: elf.R_X86_64_PC32,
			Sec: Text.Name(), Addend: int64(f.Value)})
		ptr(abi.FuncRecName, str(f.Name))
		file := ""
		if len(f.Lines) > 0 {
			file = f.Lines[0].File
		}
		ptr(abi.FuncRecFile, str(file))
		ptr(abi.FuncRecTables, uint32(len(data.data)))
		data.data = pcspTable(data.data, sps[i], uint32(f.Size))
		data.data = pclineTable(data.data, f.Lines, file, uint32(f.Size))
		flags := uint32(f.TextFlags) | abi.FuncPlan9
		if len(f.IndirectCalls) > 0 {
			flags |= abi.FuncCallSites
			data.data = abi.AppendCallSites(data.data, f.IndirectCalls)
		}
		le.PutUint32(rec[abi.FuncRecLen:], uint32(f.Size))
		args := int32(f.Args)
		if f.ArgsUnknown {
			args = abi.ArgsUnknown
		}
		le.PutUint32(rec[abi.FuncRecArgs:], uint32(args))
		le.PutUint32(rec[abi.FuncRecFrame:], uint32(int32(f.Frame)))
		le.PutUint32(rec[abi.FuncRecFlags:], flags)
		tab.data = append(tab.data, rec...)
	}
	return tab, data
}

// pcspTable encodes SP depths (from each Offset on) over size bytes.
func pcspTable(b []byte, sp []SPDepth, size uint32) []byte {
	return pcTable(b, len(sp), size, func(i int) (uint32, int64, bool) { return sp[i].Offset, sp[i].Depth, true })
}

// pclineTable encodes the lines of file over size bytes; code from another
// file keeps the line before it.
func pclineTable(b []byte, lines []Line, file string, size uint32) []byte {
	return pcTable(b, len(lines), size, func(i int) (uint32, int64, bool) {
		return lines[i].Offset, int64(lines[i].Line), lines[i].File == file
	})
}

// pcTable encodes n changes over size bytes: change i says that from its
// offset on the value is v (unless !ok, when it stays as it was).
func pcTable(b []byte, n int, size uint32, change func(i int) (off uint32, v int64, ok bool)) []byte {
	var at uint32
	var cur, prev int64
	for i := range n {
		off, v, ok := change(i)
		if off > at && off <= size {
			b = abi.AppendPCEntry(b, off-at, cur-prev)
			prev, at = cur, off
		}
		if ok {
			cur = v
		}
	}
	if size > at {
		b = abi.AppendPCEntry(b, size-at, cur-prev)
	}
	return abi.EndPCTable(b)
}
