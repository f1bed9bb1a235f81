package obj

import (
	"debug/elf"
	"encoding/binary"
)

// The ELF64 encoding both the object writer and the linker write: the file
// header, section headers, symbols and alignment. Reading ELF is
// debug/elf's.

// Sizes of the ELF64 structures.
const (
	FileHeaderSize    = 64
	SectionHeaderSize = 64
	ProgHeaderSize    = 56
	SymSize           = 24
	RelaSize          = 24
)

// FileHeader is an x86-64 ELF64 file header's variable part.
type FileHeader struct {
	Type     elf.Type // ET_REL or ET_EXEC
	Entry    uint64
	PhOff    uint64 // 0 without program headers
	PhNum    int
	ShOff    uint64
	ShNum    int
	ShStrNdx int
}

// PutFileHeader encodes h into the first FileHeaderSize bytes of b.
func PutFileHeader(b []byte, h FileHeader) {
	le := binary.LittleEndian
	clear(b[:FileHeaderSize])
	copy(b, elf.ELFMAG)
	b[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	b[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	b[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	b[elf.EI_OSABI] = byte(elf.ELFOSABI_NONE)
	le.PutUint16(b[16:], uint16(h.Type))
	le.PutUint16(b[18:], uint16(elf.EM_X86_64))
	le.PutUint32(b[20:], uint32(elf.EV_CURRENT))
	le.PutUint64(b[24:], h.Entry)
	le.PutUint64(b[32:], h.PhOff)
	le.PutUint64(b[40:], h.ShOff)
	le.PutUint32(b[48:], 0) // e_flags
	le.PutUint16(b[52:], FileHeaderSize)
	if h.PhNum > 0 {
		le.PutUint16(b[54:], ProgHeaderSize)
	}
	le.PutUint16(b[56:], uint16(h.PhNum))
	le.PutUint16(b[58:], SectionHeaderSize)
	le.PutUint16(b[60:], uint16(h.ShNum))
	le.PutUint16(b[62:], uint16(h.ShStrNdx))
}

// SectionHeader is an Elf64_Shdr.
type SectionHeader struct {
	Name           uint32 // offset in .shstrtab
	Type           elf.SectionType
	Flags          elf.SectionFlag
	Addr, Off      uint64
	Size           uint64
	Link, Info     uint32
	Align, EntSize uint64
}

// AppendSectionHeader appends h's encoding to b.
func AppendSectionHeader(b []byte, h SectionHeader) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, h.Name)
	b = le.AppendUint32(b, uint32(h.Type))
	b = le.AppendUint64(b, uint64(h.Flags))
	b = le.AppendUint64(b, h.Addr)
	b = le.AppendUint64(b, h.Off)
	b = le.AppendUint64(b, h.Size)
	b = le.AppendUint32(b, h.Link)
	b = le.AppendUint32(b, h.Info)
	b = le.AppendUint64(b, h.Align)
	return le.AppendUint64(b, h.EntSize)
}

// AppendSym appends an Elf64_Sym (default visibility) to b.
func AppendSym(b []byte, name uint32, info byte, shndx uint16, value, size uint64) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, name)
	b = append(b, info, byte(elf.STV_DEFAULT))
	b = le.AppendUint16(b, shndx)
	b = le.AppendUint64(b, value)
	return le.AppendUint64(b, size)
}

// AppendRela appends an Elf64_Rela to b.
func AppendRela(b []byte, off uint64, sym uint32, typ uint32, addend int64) []byte {
	le := binary.LittleEndian
	b = le.AppendUint64(b, off)
	b = le.AppendUint64(b, uint64(sym)<<32|uint64(typ))
	return le.AppendUint64(b, uint64(addend))
}

// AlignUp rounds v up to a multiple of a, a power of two (0 and 1 leave v
// as it is).
func AlignUp(v, a uint64) uint64 {
	if a <= 1 {
		return v
	}
	return (v + a - 1) &^ (a - 1)
}
