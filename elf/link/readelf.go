package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"
)

// objFile is what the linker reads of an ELF64 little-endian relocatable
// object, straight from its bytes: section contents are slices of the
// input, not copies, and names are substrings of one string per table.
// Reading this way costs a fraction of what debug/elf's general reader
// does, which matters in a link of many small objects. Sections whose
// contents are compressed (SHF_COMPRESSED) are read through debug/elf.
type objFile struct {
	data     []byte
	class    elf.Class
	order    elf.Data
	machine  elf.Machine
	typ      elf.Type
	sections []objSection
	dec      *elf.File // debug/elf's view, made when a compressed section is read
}

// objSection is one section header, with its name resolved.
type objSection struct {
	name      string
	typ       elf.SectionType
	flags     elf.SectionFlag
	off, size uint64
	link      uint32
	info      uint32
	addralign uint64
	entsize   uint64
}

const (
	ehdrSize = 64
	shdrSize = 64
	symSize  = 24
	// maxSections bounds the section count of an input, against headers
	// that claim millions.
	maxSections = 1 << 20
)

func malformed(format string, args ...any) error {
	return fmt.Errorf("malformed ELF file: "+format, args...)
}

// readObject reads the ELF header and section headers of data. A file of
// another class, byte order, machine or type is returned with those
// fields set and no sections, for the caller to report.
func readObject(data []byte) (*objFile, error) {
	if len(data) < elf.EI_NIDENT || !bytes.HasPrefix(data, []byte(elf.ELFMAG)) {
		return nil, malformed("bad magic number")
	}
	f := &objFile{data: data, class: elf.Class(data[elf.EI_CLASS]), order: elf.Data(data[elf.EI_DATA])}
	if f.class != elf.ELFCLASS64 || f.order != elf.ELFDATA2LSB {
		return f, nil
	}
	if len(data) < ehdrSize {
		return nil, malformed("%d bytes, shorter than an ELF header", len(data))
	}
	le := binary.LittleEndian
	f.typ = elf.Type(le.Uint16(data[16:]))
	f.machine = elf.Machine(le.Uint16(data[18:]))
	if f.machine != elf.EM_X86_64 || f.typ != elf.ET_REL {
		return f, nil
	}
	shoff := le.Uint64(data[40:])
	shentsize := uint64(le.Uint16(data[58:]))
	shnum := uint64(le.Uint16(data[60:]))
	shstrndx := uint32(le.Uint16(data[62:]))
	if shoff == 0 {
		if shnum != 0 {
			return nil, malformed("%d section headers at offset 0", shnum)
		}
		return f, nil
	}
	if shentsize < shdrSize || shoff > uint64(len(data)) || uint64(len(data))-shoff < shentsize {
		return nil, malformed("section headers at %#x (%d bytes each) lie outside the file", shoff, shentsize)
	}
	if shnum == 0 || shstrndx == uint32(elf.SHN_XINDEX) {
		// Extended numbering: section 0 holds the real values.
		s0 := data[shoff:]
		if shnum == 0 {
			shnum = le.Uint64(s0[32:])
		}
		if shstrndx == uint32(elf.SHN_XINDEX) {
			shstrndx = le.Uint32(s0[40:])
		}
	}
	if shnum > maxSections || shnum > (uint64(len(data))-shoff)/shentsize {
		return nil, malformed("%d section headers do not fit in the file", shnum)
	}
	f.sections = make([]objSection, shnum)
	for i := range f.sections {
		h := data[shoff+uint64(i)*shentsize:]
		s := &f.sections[i]
		s.typ = elf.SectionType(le.Uint32(h[4:]))
		s.flags = elf.SectionFlag(le.Uint64(h[8:]))
		s.off = le.Uint64(h[24:])
		s.size = le.Uint64(h[32:])
		s.link = le.Uint32(h[40:])
		s.info = le.Uint32(h[44:])
		s.addralign = le.Uint64(h[48:])
		s.entsize = le.Uint64(h[56:])
		if s.typ != elf.SHT_NOBITS && (s.off > uint64(len(data)) || s.size > uint64(len(data))-s.off) {
			return nil, malformed("section %d: %#x bytes at %#x lie outside the file", i, s.size, s.off)
		}
	}
	if shnum == 0 {
		return f, nil
	}
	if uint64(shstrndx) >= shnum {
		return nil, malformed("section name table index %d out of range", shstrndx)
	}
	names := f.sections[shstrndx]
	if names.typ == elf.SHT_NOBITS {
		return nil, malformed("the section name table has no contents")
	}
	strs := string(data[names.off : names.off+names.size])
	for i := range f.sections {
		n := le.Uint32(data[shoff+uint64(i)*shentsize:])
		name, ok := cString(strs, n)
		if !ok {
			return nil, malformed("section %d: name offset %d out of range", i, n)
		}
		f.sections[i].name = name
	}
	return f, nil
}

// cString returns the NUL-terminated string at off in a string table.
func cString(tab string, off uint32) (string, bool) {
	if uint64(off) >= uint64(len(tab)) {
		return "", false
	}
	s := tab[off:]
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i], true
	}
	return s, true
}

// sectionData returns the contents of section i: a slice of the input,
// or for a compressed section its decompressed bytes.
func (f *objFile) sectionData(i int) (data []byte, err error) {
	s := &f.sections[i]
	if s.typ == elf.SHT_NOBITS {
		return nil, nil
	}
	if s.flags&elf.SHF_COMPRESSED == 0 {
		return f.data[s.off : s.off+s.size : s.off+s.size], nil
	}
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("malformed section: %v", r)
		}
	}()
	if f.dec == nil {
		if f.dec, err = elf.NewFile(bytes.NewReader(f.data)); err != nil {
			return nil, malformed("%v", err)
		}
	}
	if i >= len(f.dec.Sections) {
		return nil, malformed("section %d out of range", i)
	}
	return f.dec.Sections[i].Data()
}

// section returns the index of the first section named name, or -1.
func (f *objFile) section(name string) int {
	for i := range f.sections {
		if f.sections[i].name == name {
			return i
		}
	}
	return -1
}

// symtab returns the symbol table's entries (without the null symbol 0)
// and its string table, or nil when the object has no symbol table.
func (f *objFile) symtab() (syms []byte, strs string, err error) {
	for i := range f.sections {
		s := &f.sections[i]
		if s.typ != elf.SHT_SYMTAB {
			continue
		}
		data, err := f.sectionData(i)
		if err != nil {
			return nil, "", fmt.Errorf("malformed symbol table: %v", err)
		}
		if len(data)%symSize != 0 {
			return nil, "", fmt.Errorf("malformed symbol table: size %d is not a multiple of %d", len(data), symSize)
		}
		if int(s.link) >= len(f.sections) || s.link == 0 {
			return nil, "", fmt.Errorf("malformed symbol table: string table index %d out of range", s.link)
		}
		str, err := f.sectionData(int(s.link))
		if err != nil {
			return nil, "", fmt.Errorf("malformed symbol table: %v", err)
		}
		if len(data) == 0 {
			return nil, "", nil
		}
		return data[symSize:], string(str), nil
	}
	return nil, "", nil
}
