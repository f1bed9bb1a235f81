package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/p9tools/p9/obj"
)

// objFile is what the linker reads of an ELF64 little-endian relocatable
// object. The contents of ordinary sections are slices of the input, not
// copies, which in a link of many small objects saves most of what reading
// costs. The ELF and section headers of such an object are read here
// directly (readHeaders); any other file, and one with compressed
// sections, goes through debug/elf, which dec then holds.
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

// symSize and relaSize are the sizes of an ELF64 symbol table entry and
// of a RELA entry.
const (
	symSize  = 24
	relaSize = 24
)

func malformed(format string, args ...any) error {
	return fmt.Errorf("malformed ELF file: "+format, args...)
}

// readObject reads the ELF header and section headers of data. A file of
// another class, byte order, machine or type is returned with those
// fields set and no sections, for the caller to report.
func readObject(data []byte) (*objFile, error) {
	f, ok := readHeaders(data)
	if !ok {
		var err error
		if f, err = readObjectELF(data); err != nil || f.sections == nil {
			return f, err
		}
	}
	for i := range f.sections {
		s := &f.sections[i]
		if s.typ != elf.SHT_NOBITS && (s.off > uint64(len(data)) || s.size > uint64(len(data))-s.off) {
			return nil, malformed("section %d: %#x bytes at %#x lie outside the file", i, s.size, s.off)
		}
	}
	return f, nil
}

// readObjectELF reads the headers with debug/elf, which can panic on some
// malformed files, so its use is guarded.
func readObjectELF(data []byte) (f *objFile, err error) {
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
		f.sections[i] = objSection{name: ds.Name, typ: ds.Type, flags: ds.Flags, off: ds.Offset, size: ds.FileSize,
			link: ds.Link, info: ds.Info, addralign: ds.Addralign, entsize: ds.Entsize}
	}
	return f, nil
}

// readHeaders reads the headers of an x86-64 relocatable object of the
// plain kind every assembler writes: ELF64, little-endian, no program
// headers, fewer than 0xff00 sections, none compressed. It reports false
// for anything else, valid or not, which readObjectELF then reads; what it
// accepts, debug/elf reads alike. debug/elf allocates a reader and a name
// per section, which for the dozens of objects of a link is most of what
// reading their headers costs.
func readHeaders(data []byte) (*objFile, bool) {
	if len(data) < obj.FileHeaderSize || string(data[:4]) != elf.ELFMAG ||
		elf.Class(data[elf.EI_CLASS]) != elf.ELFCLASS64 || elf.Data(data[elf.EI_DATA]) != elf.ELFDATA2LSB ||
		elf.Version(data[elf.EI_VERSION]) != elf.EV_CURRENT {
		return nil, false
	}
	le := binary.LittleEndian
	typ, machine := elf.Type(le.Uint16(data[16:])), elf.Machine(le.Uint16(data[18:]))
	version := le.Uint32(data[20:])
	shoff := le.Uint64(data[40:])
	phnum := le.Uint16(data[56:])
	shentsize, shnum, shstrndx := uint64(le.Uint16(data[58:])), uint64(le.Uint16(data[60:])), uint64(le.Uint16(data[62:]))
	if typ != elf.ET_REL || machine != elf.EM_X86_64 || version != uint32(elf.EV_CURRENT) || phnum != 0 ||
		shnum == 0 || shentsize < obj.SectionHeaderSize || shstrndx == 0 || shstrndx >= shnum ||
		shoff > uint64(len(data)) || (uint64(len(data))-shoff)/shentsize < shnum {
		return nil, false
	}
	f := &objFile{data: data, class: elf.ELFCLASS64, order: elf.ELFDATA2LSB, machine: machine, typ: typ,
		sections: make([]objSection, shnum)}
	names := make([]uint32, shnum)
	for i := range f.sections {
		h := data[shoff+uint64(i)*shentsize:]
		s := &f.sections[i]
		names[i] = le.Uint32(h)
		*s = objSection{typ: elf.SectionType(le.Uint32(h[4:])), flags: elf.SectionFlag(le.Uint64(h[8:])),
			off: le.Uint64(h[24:]), size: le.Uint64(h[32:]), link: le.Uint32(h[40:]), info: le.Uint32(h[44:]),
			addralign: le.Uint64(h[48:]), entsize: le.Uint64(h[56:])}
		if s.flags&elf.SHF_COMPRESSED != 0 || int64(s.off) < 0 || int64(s.size) < 0 {
			return nil, false
		}
	}
	str := &f.sections[shstrndx]
	if str.typ != elf.SHT_STRTAB || str.off > uint64(len(data)) || str.size > uint64(len(data))-str.off {
		return nil, false
	}
	// One string holds every name.
	tab := string(data[str.off : str.off+str.size])
	for i, n := range names {
		name, ok := cString(tab, n)
		if !ok || len(name) == len(tab)-int(n) { // out of range, or no NUL ends it
			return nil, false
		}
		f.sections[i].name = name
	}
	return f, true
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
