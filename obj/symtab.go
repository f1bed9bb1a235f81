package obj

import (
	"debug/elf"
	"fmt"
)

// collectSymbols returns obj.Symbols followed by any symbol that only a
// relocation mentions, each once, after checking that they can be written.
// A relocation-only symbol with the name of a listed global stands for
// that global: aliases maps it there.
func collectSymbols(obj *Object) (syms []*Symbol, aliases map[*Symbol]*Symbol, err error) {
	seen := make(map[*Symbol]bool, len(obj.Symbols))
	globals := make(map[string]*Symbol, len(obj.Symbols))
	aliases = map[*Symbol]*Symbol{}
	add := func(s *Symbol) error {
		if s == nil {
			return fmt.Errorf("nil symbol in object")
		}
		if seen[s] {
			return nil
		}
		seen[s] = true
		if err := checkSymbol(obj, s); err != nil {
			return err
		}
		if !s.Local {
			if prev := globals[s.Name]; prev != nil {
				return fmt.Errorf("symbol %s appears twice in the object", s.Name)
			}
			globals[s.Name] = s
		}
		syms = append(syms, s)
		return nil
	}
	for _, s := range obj.Symbols {
		if err := add(s); err != nil {
			return nil, nil, err
		}
	}
	for _, sec := range obj.Sections {
		if sec == nil {
			continue
		}
		for _, r := range sec.Relocs {
			if r.Sym == nil {
				continue // reported by checkSection
			}
			if g := globals[r.Sym.Name]; g != nil && g != r.Sym && !r.Sym.Local && !seen[r.Sym] {
				aliases[r.Sym] = g
				continue
			}
			if err := add(r.Sym); err != nil {
				return nil, nil, err
			}
		}
	}
	return syms, aliases, nil
}

func checkSymbol(obj *Object, s *Symbol) error {
	if s.Name == "" {
		return fmt.Errorf("symbol without a name")
	}
	if !s.Defined {
		if s.Local {
			return fmt.Errorf("file-local symbol %s is not defined", s.Name)
		}
		return nil
	}
	if int(s.Section) >= len(obj.Sections) || obj.Sections[s.Section] == nil {
		return fmt.Errorf("symbol %s is in a section the object does not have", s.Name)
	}
	if (s.Type == SymTLS) != (s.Section == TLSBss) {
		return fmt.Errorf("symbol %s: TLS symbols, and only they, go in .tbss", s.Name)
	}
	size := sectionSize(s.Section, obj.Sections[s.Section])
	if s.Value > size || s.Size > size-s.Value {
		return fmt.Errorf("symbol %s (offset %#x, size %#x) runs past the end of %s (%#x)",
			s.Name, s.Value, s.Size, s.Section.Name(), size)
	}
	return nil
}

// elfSymType is the ELF type of a defined symbol of each type.
var elfSymType = [...]elf.SymType{SymNone: elf.STT_NOTYPE, SymFunc: elf.STT_FUNC, SymObject: elf.STT_OBJECT, SymTLS: elf.STT_TLS}

// symtabData is an encoded .symtab with its string table.
type symtabData struct {
	data        []byte
	names       *StringTable
	firstGlobal uint32
}

// buildSymtab encodes the symbol table: the null symbol, the source file,
// one STT_SECTION symbol per section (the content sections, then the
// sections with header indices extra), the local symbols, then the
// globals. It returns each symbol's index and the index of the section
// symbol of each section, by header index.
func buildSymtab(obj *Object, syms []*Symbol, kindIndex *[numSectionKinds]uint32, extra []uint32) (*symtabData, map[*Symbol]uint32, map[uint32]uint32) {
	st := &symtabData{names: NewStringTable(0, 0)}
	index := make(map[*Symbol]uint32, len(syms))
	// An undefined symbol that a TLS relocation refers to is a TLS
	// symbol: linkers insist that references and definition agree.
	tlsRefs := map[string]bool{}
	for _, sec := range obj.Sections {
		if sec == nil {
			continue
		}
		for _, r := range sec.Relocs {
			if r.Sym != nil && !r.Sym.Defined && elf.R_X86_64(r.Type) == elf.R_X86_64_TPOFF32 {
				tlsRefs[r.Sym.Name] = true
			}
		}
	}
	n := uint32(0)
	put := func(name uint32, info byte, shndx uint16, value, size uint64) {
		st.data = AppendSym(st.data, name, info, shndx, value, size)
		n++
	}
	put(0, 0, 0, 0, 0)
	if obj.Source != "" {
		put(st.names.Add(obj.Source), elf.ST_INFO(elf.STB_LOCAL, elf.STT_FILE), uint16(elf.SHN_ABS), 0, 0)
	}
	secSym := make(map[uint32]uint32, len(obj.Sections)+len(extra))
	for k, s := range obj.Sections {
		if s != nil {
			secSym[kindIndex[k]] = n
			put(0, elf.ST_INFO(elf.STB_LOCAL, elf.STT_SECTION), uint16(kindIndex[k]), 0, 0)
		}
	}
	for _, shndx := range extra {
		secSym[shndx] = n
		put(0, elf.ST_INFO(elf.STB_LOCAL, elf.STT_SECTION), uint16(shndx), 0, 0)
	}
	putSym := func(s *Symbol) {
		index[s] = n
		bind := elf.STB_GLOBAL
		switch {
		case s.Local:
			bind = elf.STB_LOCAL
		case s.DupOK && s.Defined:
			bind = elf.STB_WEAK
		}
		if !s.Defined {
			typ := elf.STT_NOTYPE
			if s.Type == SymTLS || tlsRefs[s.Name] {
				typ = elf.STT_TLS
			}
			put(st.names.Add(s.Name), elf.ST_INFO(bind, typ), uint16(elf.SHN_UNDEF), 0, 0)
			return
		}
		put(st.names.Add(s.Name), elf.ST_INFO(bind, elfSymType[s.Type]), uint16(kindIndex[s.Section]), s.Value, s.Size)
	}
	for _, s := range syms {
		if s.Local {
			putSym(s)
		}
	}
	st.firstGlobal = n
	for _, s := range syms {
		if !s.Local {
			putSym(s)
		}
	}
	return st, index, secSym
}
