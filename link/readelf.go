package link

import (
	"bytes"
	"debug/elf"
	"fmt"
	"strings"
)

// objFile is what the linker reads of an ELF64 little-endian relocatable
// object. debug/elf reads the file's structure (header, section table,
// names, compressed sections); the contents of ordinary sections are then
// slices of the input, not copies, which in a link of many small objects
// saves most of what reading costs.
type objFile struct {
	data     []byte
	class    elf.Class
	order    elf.Data
	machine  elf.Machine
	typ      elf.Type
	sections []objSection
	dec      *elf.File
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

// symSize is the size of an ELF64 symbol table entry.
const symSize = 24

func malformed(format string, args ...any) error {
	return fmt.Errorf("malformed ELF file: "+format, args...)
}

// readObject reads the ELF header and section headers of data with
// debug/elf, which can panic on some malformed files, so its use is
// guarded. A file of another class, byte order, machine or type is
// returned with those fields set and no sections, for the caller to
// report.
func readObject(data []byte) (f *objFile, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, malformed("%v", r)
		}
	}()
	dec, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, malformed("%v", err)
	}
	f = &objFile{data: data, class: dec.Class, order: dec.Data, machine: dec.Machine, typ: dec.Type, dec: dec}
	if f.class != elf.ELFCLASS64 || f.order != elf.ELFDATA2LSB || f.machine != elf.EM_X86_64 || f.typ != elf.ET_REL {
		return f, nil
	}
	f.sections = make([]objSection, len(dec.Sections))
	for i, ds := range dec.Sections {
		s := &f.sections[i]
		*s = objSection{name: ds.Name, typ: ds.Type, flags: ds.Flags, off: ds.Offset, size: ds.FileSize,
			link: ds.Link, info: ds.Info, addralign: ds.Addralign, entsize: ds.Entsize}
		if s.typ != elf.SHT_NOBITS && (s.off > uint64(len(data)) || s.size > uint64(len(data))-s.off) {
			return nil, malformed("section %d: %#x bytes at %#x lie outside the file", i, s.size, s.off)
		}
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
