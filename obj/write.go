package obj

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// sectionFlags gives each section kind its ELF type and flags.
var sectionFlags = [numSectionKinds]struct {
	typ   elf.SectionType
	flags elf.SectionFlag
}{
	Text:      {elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR},
	Rodata:    {elf.SHT_PROGBITS, elf.SHF_ALLOC},
	Data:      {elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	Bss:       {elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	NoptrData: {elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	NoptrBss:  {elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	TLSBss:    {elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE | elf.SHF_TLS},
}

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
}

// Write encodes obj as an ELF64 little-endian relocatable file for x86-64.
func Write(obj *Object) ([]byte, error) {
	syms, aliases, err := collectSymbols(obj)
	if err != nil {
		return nil, err
	}

	// Section header indices: null, the contents, their .rela sections,
	// the debug sections with theirs, then .p9.funcinfo, .note.GNU-stack,
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
	var relaSecs []*outSection
	var relaKinds []SectionKind
	for k, s := range obj.Sections {
		if s == nil || len(s.Relocs) == 0 {
			continue
		}
		r := &outSection{
			name:    ".rela" + SectionName[k],
			typ:     elf.SHT_RELA,
			flags:   elf.SHF_INFO_LINK,
			align:   8,
			info:    kindIndex[k],
			entsize: 24,
		}
		relaSecs = append(relaSecs, r)
		relaKinds = append(relaKinds, SectionKind(k))
		secs = append(secs, r)
	}
	hasFuncs := false
	for _, s := range syms {
		if s.Defined && s.Type == SymFunc {
			hasFuncs = true
		}
	}
	var debugSecs []*debugSection
	var debugRela []*outSection
	var debugIndex []uint32
	debugByName := map[string]uint32{}
	if fns := debugFuncs(syms); len(fns) > 0 {
		debugSecs = buildDebug(obj, fns)
		for _, d := range debugSecs {
			debugByName[d.name] = uint32(len(secs))
			debugIndex = append(debugIndex, uint32(len(secs)))
			secs = append(secs, &outSection{name: d.name, typ: elf.SHT_PROGBITS, align: 1, data: d.data})
			var r *outSection
			if len(d.relocs) > 0 {
				r = &outSection{name: ".rela" + d.name, typ: elf.SHT_RELA, flags: elf.SHF_INFO_LINK,
					align: 8, info: uint32(len(secs) - 1), entsize: 24}
				secs = append(secs, r)
			}
			debugRela = append(debugRela, r)
		}
	}
	var funcInfo *outSection
	if hasFuncs {
		funcInfo = &outSection{name: FuncInfoSection, typ: elf.SHT_PROGBITS, align: 8, entsize: FuncInfoSize}
		secs = append(secs, funcInfo)
	}
	secs = append(secs, &outSection{name: ".note.GNU-stack", typ: elf.SHT_PROGBITS, align: 1})
	symtabIndex := uint32(len(secs))
	symtab := &outSection{name: ".symtab", typ: elf.SHT_SYMTAB, align: 8, entsize: 24}
	strtabSec := &outSection{name: ".strtab", typ: elf.SHT_STRTAB, align: 1}
	secs = append(secs, symtab, strtabSec)
	symtab.link = symtabIndex + 1

	st, symIndex, secSym := buildSymtab(obj, syms, &kindIndex, debugIndex)
	for a, g := range aliases {
		symIndex[a] = symIndex[g]
	}
	symtab.data = st.data
	symtab.info = st.firstGlobal
	strtabSec.data = st.names.Data

	for i, r := range relaSecs {
		r.link = symtabIndex
		r.data = encodeRelocs(obj.Sections[relaKinds[i]].Relocs, symIndex)
	}
	for i, d := range debugSecs {
		if r := debugRela[i]; r != nil {
			r.link = symtabIndex
			r.data = encodeDebugRelocs(d.relocs, symIndex, secSym, debugByName)
		}
	}
	if funcInfo != nil {
		funcInfo.link = symtabIndex
		for _, s := range syms {
			if s.Defined && s.Type == SymFunc {
				funcInfo.data = appendFuncInfo(funcInfo.data, FuncInfo{
					SymIndex: symIndex[s],
					Flags:    uint32(s.TextFlags),
					Frame:    s.Frame,
					Args:     s.Args,
				})
			}
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
		name:  SectionName[k],
		typ:   sectionFlags[k].typ,
		flags: sectionFlags[k].flags,
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
	o.size = uint64(len(o.data))
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
	name := SectionName[k]
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

func encodeRelocs(rs []Reloc, symIndex map[*Symbol]uint32) []byte {
	b := make([]byte, 0, 24*len(rs))
	for _, r := range rs {
		b = binary.LittleEndian.AppendUint64(b, r.Offset)
		b = binary.LittleEndian.AppendUint64(b, uint64(symIndex[r.Sym])<<32|uint64(r.Type))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.Addend))
	}
	return b
}

func encodeDebugRelocs(rs []debugReloc, symIndex map[*Symbol]uint32, secSym map[uint32]uint32, secIndex map[string]uint32) []byte {
	b := make([]byte, 0, 24*len(rs))
	for _, r := range rs {
		idx := symIndex[r.Sym]
		if r.Sym == nil {
			idx = secSym[secIndex[r.Sec]]
		}
		b = binary.LittleEndian.AppendUint64(b, r.Offset)
		b = binary.LittleEndian.AppendUint64(b, uint64(idx)<<32|uint64(r.Type))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.Addend))
	}
	return b
}

// encodeFile lays the sections out after the ELF header, in order, and puts
// the section header table at the end.
func encodeFile(secs []*outSection, shstrtab *outSection) []byte {
	names := NewStringTable()
	nameOff := make([]uint32, len(secs))
	for i, s := range secs {
		if i > 0 {
			nameOff[i] = names.Add(s.name)
		}
	}
	shstrtab.data = names.Data

	const ehsize, shentsize = 64, 64
	off := uint64(ehsize)
	offsets := make([]uint64, len(secs))
	for i, s := range secs {
		if i == 0 {
			continue
		}
		if s.typ != elf.SHT_NOBITS {
			s.size = uint64(len(s.data))
		}
		off = alignUp(off, max(s.align, 1))
		offsets[i] = off
		if s.typ != elf.SHT_NOBITS {
			off += s.size
		}
	}
	shoff := alignUp(off, 8)
	out := make([]byte, shoff, shoff+uint64(shentsize*len(secs)))
	writeHeader(out, shoff, len(secs), len(secs)-1)
	for i, s := range secs {
		if s.typ != elf.SHT_NOBITS {
			copy(out[offsets[i]:], s.data)
		}
	}
	le := binary.LittleEndian
	for i, s := range secs {
		if i == 0 {
			out = append(out, make([]byte, shentsize)...)
			continue
		}
		out = le.AppendUint32(out, nameOff[i])
		out = le.AppendUint32(out, uint32(s.typ))
		out = le.AppendUint64(out, uint64(s.flags))
		out = le.AppendUint64(out, 0) // sh_addr
		out = le.AppendUint64(out, offsets[i])
		out = le.AppendUint64(out, s.size)
		out = le.AppendUint32(out, s.link)
		out = le.AppendUint32(out, s.info)
		out = le.AppendUint64(out, max(s.align, 1))
		out = le.AppendUint64(out, s.entsize)
	}
	return out
}

func writeHeader(b []byte, shoff uint64, shnum, shstrndx int) {
	le := binary.LittleEndian
	copy(b, elf.ELFMAG)
	b[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	b[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	b[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	b[elf.EI_OSABI] = byte(elf.ELFOSABI_NONE)
	le.PutUint16(b[16:], uint16(elf.ET_REL))
	le.PutUint16(b[18:], uint16(elf.EM_X86_64))
	le.PutUint32(b[20:], uint32(elf.EV_CURRENT))
	// e_entry, e_phoff stay 0.
	le.PutUint64(b[40:], shoff)
	le.PutUint32(b[48:], 0)  // e_flags
	le.PutUint16(b[52:], 64) // e_ehsize
	le.PutUint16(b[54:], 0)  // e_phentsize
	le.PutUint16(b[56:], 0)  // e_phnum
	le.PutUint16(b[58:], 64) // e_shentsize
	le.PutUint16(b[60:], uint16(shnum))
	le.PutUint16(b[62:], uint16(shstrndx))
}

func alignUp(v, a uint64) uint64 {
	if a <= 1 {
		return v
	}
	return (v + a - 1) &^ (a - 1)
}
