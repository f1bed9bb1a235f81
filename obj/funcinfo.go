package obj

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// FuncInfoSection is the non-allocated section that carries what ELF has
// no field for: each TEXT symbol's flags, frame size and argument size.
// Other linkers copy or ignore it.
//
// The section is an array of 24-byte little-endian records, one per TEXT
// symbol, in symbol table order:
//
//	offset 0   u32  index of the symbol in .symtab
//	offset 4   u32  textflag bits (textflag.h values)
//	offset 8   i64  frame size as written in the TEXT line ($frame-args)
//	offset 16  i64  argument size
//
// sh_link names .symtab and sh_entsize is 24.
const FuncInfoSection = ".p9.funcinfo"

// FuncInfoSize is the size of one .p9.funcinfo record.
const FuncInfoSize = 24

// FuncInfo is one decoded .p9.funcinfo record.
type FuncInfo struct {
	SymIndex uint32 // index in .symtab (0 is the null symbol)
	Name     string // the symbol's name, filled by ReadFuncInfo
	Flags    uint32
	Frame    int64
	Args     int64
}

func appendFuncInfo(b []byte, fi FuncInfo) []byte {
	b = binary.LittleEndian.AppendUint32(b, fi.SymIndex)
	b = binary.LittleEndian.AppendUint32(b, fi.Flags)
	b = binary.LittleEndian.AppendUint64(b, uint64(fi.Frame))
	b = binary.LittleEndian.AppendUint64(b, uint64(fi.Args))
	return b
}

// DecodeFuncInfo decodes the contents of a .p9.funcinfo section. Names are
// left empty.
func DecodeFuncInfo(data []byte) ([]FuncInfo, error) {
	if len(data)%FuncInfoSize != 0 {
		return nil, fmt.Errorf("%s: size %d is not a multiple of %d", FuncInfoSection, len(data), FuncInfoSize)
	}
	out := make([]FuncInfo, 0, len(data)/FuncInfoSize)
	for p := 0; p < len(data); p += FuncInfoSize {
		r := data[p : p+FuncInfoSize]
		out = append(out, FuncInfo{
			SymIndex: binary.LittleEndian.Uint32(r),
			Flags:    binary.LittleEndian.Uint32(r[4:]),
			Frame:    int64(binary.LittleEndian.Uint64(r[8:])),
			Args:     int64(binary.LittleEndian.Uint64(r[16:])),
		})
	}
	return out, nil
}

// ReadFuncInfo returns the .p9.funcinfo records of f with symbol names
// filled in, or nil if f has no such section.
func ReadFuncInfo(f *elf.File) ([]FuncInfo, error) {
	sec := f.Section(FuncInfoSection)
	if sec == nil {
		return nil, nil
	}
	data, err := sec.Data()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", FuncInfoSection, err)
	}
	infos, err := DecodeFuncInfo(data)
	if err != nil {
		return nil, err
	}
	syms, err := f.Symbols()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", FuncInfoSection, err)
	}
	for i := range infos {
		// debug/elf drops the null symbol, so symtab index n is syms[n-1].
		n := int(infos[i].SymIndex)
		if n < 1 || n > len(syms) {
			return nil, fmt.Errorf("%s: symbol index %d out of range", FuncInfoSection, n)
		}
		infos[i].Name = syms[n-1].Name
	}
	return infos, nil
}
