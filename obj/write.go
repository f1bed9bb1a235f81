package obj

import (
	"debug/elf"
	"fmt"
)

// outSection is one section header and its contents as they will be written.
type outSection struct {
	name    string
	typ     elf.SectionType
	flags   elf.SectionFlag
	data    []byte // nil for NOBITS
	size    uint64
	align   uint64
	link    uint32
	info    uint32
	entsize uint64
	// For a .rela section, the section whose relocations it encodes
	// once the symbol table is known.
	relocsOf      *Section
	debugRelocsOf *debugSection
}

// Write encodes obj as an ELF64 little-endian relocatable file for x86-64.
func Write(obj *Object) ([]byte, error) {
	syms, aliases, err := collectSymbols(obj)
	if err != nil {
		return nil, err
	}

	// Section header indices: null, the contents, their .rela sections,
	// the debug sections and the function table with theirs, then .note.GNU-stack,
	// .symtab, .strtab, .shstrtab.
	secs := []*outSection{{}}
	var kindIndex [numSectionKinds]uint32
	for k, s := range obj.Sections {
		if s == nil {
			continue
		}
		if err := checkSection(SectionKind(k), s); err != nil {
			return nil, err
		}
		kindIndex[k] = uint32(len(secs))
		secs = append(secs, contentSection(SectionKind(k), s))
	}
	for k, s := range obj.Sections {
		if s != nil && len(s.Relocs) > 0 {
			secs = append(secs, &outSection{name: ".rela" + SectionKind(k).Name(), info: kindIndex[k], relocsOf: s})
		}
	}
	// The section a relocation of the debug sections or the function
	// table names (debugReloc.Sec), by name: those sections and the
	// contents.
	var debugIndex []uint32
	secByName := map[string]uint32{}
	for k, s := range obj.Sections {
		if s != nil {
			secByName[SectionKind(k).Name()] = kindIndex[k]
		}
	}
	if fns := debugFuncs(syms); len(fns) > 0 {
		for _, d := range buildDebug(obj, fns) {
			secByName[d.name] = uint32(len(secs))
			debugIndex = append(debugIndex, uint32(len(secs)))
			secs = append(secs, &outSection{name: d.name, typ: elf.SHT_PROGBITS, flags: d.flags, align: max(d.align, 1), data: d.data})
			if len(d.relocs) > 0 {
				secs = append(secs, &outSection{name: ".rela" + d.name, info: uint32(len(secs) - 1), debugRelocsOf: d})
			}
		}
	}
	secs = append(secs, &outSection{name: ".note.GNU-stack", typ: elf.SHT_PROGBITS, align: 1})
	symtabIndex := uint32(len(secs))
	st, symIndex, secSym := buildSymtab(obj, syms, &kindIndex, debugIndex)
	for a, g := range aliases {
		symIndex[a] = symIndex[g]
	}
	secs = append(secs,
		&outSection{name: ".symtab", typ: elf.SHT_SYMTAB, align: 8, entsize: SymSize, link: symtabIndex + 1,
			info: st.firstGlobal, data: st.data},
		&outSection{name: ".strtab", typ: elf.SHT_STRTAB, align: 1, data: st.names.Data})
	// The .rela sections, now that the symbol indices are known.
	for _, r := range secs {
		if r.relocsOf == nil && r.debugRelocsOf == nil {
			continue
		}
		r.typ, r.flags, r.align, r.link, r.entsize = elf.SHT_RELA, elf.SHF_INFO_LINK, 8, symtabIndex, RelaSize
		if c := r.relocsOf; c != nil {
			r.data = make([]byte, 0, RelaSize*len(c.Relocs))
			for _, rel := range c.Relocs {
				r.data = AppendRela(r.data, rel.Offset, symIndex[rel.Sym], rel.Type, rel.Addend)
			}
			continue
		}
		d := r.debugRelocsOf
		r.data = make([]byte, 0, RelaSize*len(d.relocs))
		for _, rel := range d.relocs {
			idx := symIndex[rel.Sym]
			if rel.Sym == nil {
				idx = secSym[secByName[rel.Sec]]
			}
			r.data = AppendRela(r.data, rel.Offset, idx, uint32(rel.Type), rel.Addend)
		}
	}
	shstrtab := &outSection{name: ".shstrtab", typ: elf.SHT_STRTAB, align: 1}
	secs = append(secs, shstrtab)
	return encodeFile(secs, shstrtab), nil
}

// contentSection makes the output section for one section kind. PROGBITS
// data shorter than Size is padded with zeros.
func contentSection(k SectionKind, s *Section) *outSection {
	o := &outSection{
		name:  k.Name(),
		typ:   sectionKinds[k].typ,
		flags: sectionKinds[k].flags,
		align: max(s.Align, 1),
	}
	if k.IsNoBits() {
		o.size = s.Size
		return o
	}
	o.data = s.Data
	if s.Size > uint64(len(s.Data)) {
		o.data = make([]byte, s.Size)
		copy(o.data, s.Data)
	}
	return o
}

// sectionSize is the size a section will have in the object.
func sectionSize(k SectionKind, s *Section) uint64 {
	if k.IsNoBits() {
		return s.Size
	}
	return max(s.Size, uint64(len(s.Data)))
}

// maxSectionSize bounds a section's size, as p9ld bounds a symbol's.
const maxSectionSize = 1 << 40

func checkSection(k SectionKind, s *Section) error {
	name := k.Name()
	if s.Align&(s.Align-1) != 0 {
		return fmt.Errorf("%s: alignment %d is not a power of two", name, s.Align)
	}
	if k.IsNoBits() && len(s.Data) != 0 {
		return fmt.Errorf("%s: a NOBITS section cannot hold data", name)
	}
	size := sectionSize(k, s)
	if size > maxSectionSize {
		// ELF readers take sizes as signed; no linker lays out more.
		return fmt.Errorf("%s: size %#x is too large: expected at most %#x", name, size, uint64(maxSectionSize))
	}
	for _, r := range s.Relocs {
		if k.IsNoBits() {
			return fmt.Errorf("%s: a NOBITS section cannot have relocations", name)
		}
		if r.Sym == nil {
			return fmt.Errorf("%s: relocation at %#x has no symbol", name, r.Offset)
		}
		n := RelocSize(elf.R_X86_64(r.Type))
		if r.Offset > size || uint64(n) > size-r.Offset {
			return fmt.Errorf("%s: relocation at %#x against %s runs past the section's end (%#x)", name, r.Offset, r.Sym.Name, size)
		}
	}
	return nil
}

// RelocSize is the number of bytes an x86-64 relocation type patches, or 0
// when the type is not one p9 knows.
func RelocSize(t elf.R_X86_64) int {
	switch t {
	case elf.R_X86_64_64, elf.R_X86_64_PC64, elf.R_X86_64_GOTPCREL64, elf.R_X86_64_DTPOFF64, elf.R_X86_64_TPOFF64:
		return 8
	case elf.R_X86_64_32, elf.R_X86_64_32S, elf.R_X86_64_PC32, elf.R_X86_64_PLT32,
		elf.R_X86_64_GOTPCREL, elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX,
		elf.R_X86_64_TPOFF32, elf.R_X86_64_GOTTPOFF, elf.R_X86_64_DTPOFF32,
		elf.R_X86_64_TLSGD, elf.R_X86_64_TLSLD, elf.R_X86_64_GOT32, elf.R_X86_64_GOTPC32:
		return 4
	case elf.R_X86_64_16, elf.R_X86_64_PC16:
		return 2
	case elf.R_X86_64_8, elf.R_X86_64_PC8:
		return 1
	}
	return 0
}

// encodeFile lays the sections out after the ELF header, in order, and puts
// the section header table at the end.
func encodeFile(secs []*outSection, shstrtab *outSection) []byte {
	names := NewStringTable(0, 0)
	nameOff := make([]uint32, len(secs))
	for i, s := range secs[1:] {
		nameOff[i+1] = names.Add(s.name)
	}
	shstrtab.data = names.Data

	off := uint64(FileHeaderSize)
	offsets := make([]uint64, len(secs))
	for i, s := range secs[1:] {
		off = AlignUp(off, s.align)
		offsets[i+1] = off
		if s.typ != elf.SHT_NOBITS {
			s.size = uint64(len(s.data))
			off += s.size
		}
	}
	shoff := AlignUp(off, 8)
	out := make([]byte, shoff, shoff+uint64(SectionHeaderSize*len(secs)))
	PutFileHeader(out, FileHeader{Type: elf.ET_REL, ShOff: shoff, ShNum: len(secs), ShStrNdx: len(secs) - 1})
	out = AppendSectionHeader(out, SectionHeader{})
	for i, s := range secs[1:] {
		copy(out[offsets[i+1]:shoff], s.data) // NOBITS sections have no data
		out = AppendSectionHeader(out, SectionHeader{Name: nameOff[i+1], Type: s.typ, Flags: s.flags, Off: offsets[i+1],
			Size: s.size, Link: s.link, Info: s.info, Align: max(s.align, 1), EntSize: s.entsize})
	}
	return out
}
