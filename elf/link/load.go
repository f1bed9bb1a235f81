package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"

	p9elf "github.com/p9tools/p9/elf"
)

// object is one loaded input.
type object struct {
	name string
	secs []*inSection // by ELF section index; nil when not loaded
	syms []*symbol    // by symbol table index; globals point to the shared symbol
	// locals lists the object's own named symbols, for the output symbol table.
	locals []*symbol
	// defs lists the object's own definitions in its sections, globals
	// included as the object defined them.
	defs []*symbol
	// funcs holds the .p9.funcinfo record of each function the object
	// defines, keyed by its symbol as obj.syms holds it.
	funcs map[*symbol]funcInfo
}

// funcInfo is what .p9.funcinfo says about a function.
type funcInfo struct {
	flags uint32
	frame int64
}

// inSection is an allocated input section.
type inSection struct {
	obj    *object
	name   string
	typ    elf.SectionType
	flags  elf.SectionFlag
	data   []byte // nil for NOBITS
	size   uint64
	align  uint64
	relocs []reloc

	out   *outSection
	off   uint64 // offset in out
	start uint64 // for a piece of a split section, its offset in the section
	live  bool   // reached by dead-code elimination (or kept without it)
}

func (s *inSection) addr() uint64 { return s.out.addr + s.off }

// alloc reports whether the section is part of the program image rather
// than debug information.
func (s *inSection) alloc() bool { return s.flags&elf.SHF_ALLOC != 0 }

// reloc is one RELA entry, with the decisions the scan pass made for it.
type reloc struct {
	off    uint64
	typ    elf.R_X86_64
	sym    *symbol
	addend int64
	action relocAction
}

// symbol is a local symbol of one object or a global shared by all.
type symbol struct {
	name string
	bind elf.SymBind
	typ  elf.SymType
	kind symKind
	sec  *inSection // for symDefined
	val  uint64     // offset in sec, absolute value, or common alignment
	size uint64
	obj  *object // defining object; for undefined globals, the first referrer

	weakRef bool        // every reference so far is weak (for undefined globals)
	special int         // linker-defined symbol: index into specials, plus one
	osec    *outSection // for linker-defined symbols, the section they mark
	outIdx  uint32
}

type symKind uint8

const (
	symUndef   symKind = iota
	symDefined         // in sec
	symAbs             // absolute value
	symCommon          // SHN_COMMON: val is the alignment
	symDropped         // defined in a section the link discards
)

func (s *symbol) defined() bool {
	return s.kind == symDefined || s.kind == symAbs || s.kind == symCommon
}

// addr is the symbol's address once layout has run; undefined weak
// symbols are 0.
func (s *symbol) addr() uint64 {
	switch s.kind {
	case symDefined:
		return s.sec.addr() + s.val
	case symAbs:
		return s.val
	}
	return 0
}

// load parses one input and adds its sections and symbols to the link.
// debug/elf can panic on some malformed files, so its use is guarded.
func (l *linker) load(in Input) {
	f, err := parseELF(in.Data)
	if err != nil {
		l.errorf(in.Name, "%v", err)
		return
	}
	switch {
	case f.Class != elf.ELFCLASS64:
		l.errorf(in.Name, "not a 64-bit ELF file (%v)", f.Class)
		return
	case f.Data != elf.ELFDATA2LSB:
		l.errorf(in.Name, "not a little-endian ELF file")
		return
	case f.Machine != elf.EM_X86_64:
		l.errorf(in.Name, "wrong machine %v, want EM_X86_64", f.Machine)
		return
	case f.Type != elf.ET_REL:
		l.errorf(in.Name, "not a relocatable object (%v)", f.Type)
		return
	}
	obj := &object{name: in.Name, secs: make([]*inSection, len(f.Sections))}
	for i, s := range f.Sections {
		if !loadable(s) && (l.opts.StripSymbols || !isDebug(s)) {
			continue
		}
		align := max(s.Addralign, 1)
		if align&(align-1) != 0 || align > maxAlign {
			l.errorf(in.Name, "section %s: bad alignment %d", s.Name, align)
			return
		}
		if s.Size > maxSize {
			l.errorf(in.Name, "section %s: size %#x is too large", s.Name, s.Size)
			return
		}
		is := &inSection{obj: obj, name: s.Name, typ: s.Type, flags: s.Flags, size: s.Size, align: align}
		if s.Type != elf.SHT_NOBITS {
			is.data, err = sectionData(s)
			if err != nil {
				l.errorf(in.Name, "section %s: %v", s.Name, err)
				return
			}
			is.size = uint64(len(is.data))
		}
		obj.secs[i] = is
	}
	if !l.loadSymbols(f, obj) {
		return
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_RELA && s.Type != elf.SHT_REL {
			continue
		}
		if int(s.Info) >= len(obj.secs) || s.Info == 0 {
			l.errorf(in.Name, "relocation section %s applies to section %d, which does not exist", s.Name, s.Info)
			return
		}
		target := obj.secs[s.Info]
		if target == nil {
			continue // relocations of debug info or other discarded sections
		}
		if s.Type == elf.SHT_REL {
			l.errorf(in.Name, "relocation section %s: SHT_REL is not supported on x86-64", s.Name)
			return
		}
		if !l.loadRelocs(obj, s, target) {
			return
		}
	}
	if fi := f.Section(p9elf.FuncInfoSection); fi != nil {
		if !l.loadFuncInfo(obj, fi) {
			return
		}
		splitSections(obj)
	} else {
		obj.secs = compact(obj.secs)
	}
	l.objs = append(l.objs, obj)
}

func (l *linker) loadFuncInfo(obj *object, sec *elf.Section) bool {
	data, err := sectionData(sec)
	if err == nil && sec.Type == elf.SHT_NOBITS {
		data = nil
	}
	var infos []p9elf.FuncInfo
	if err == nil {
		infos, err = p9elf.DecodeFuncInfo(data)
	}
	if err != nil {
		l.errorf(obj.name, "%v", err)
		return false
	}
	obj.funcs = make(map[*symbol]funcInfo, len(infos))
	for _, fi := range infos {
		if fi.SymIndex == 0 || int(fi.SymIndex) >= len(obj.syms) {
			l.errorf(obj.name, "%s: symbol index %d out of range", p9elf.FuncInfoSection, fi.SymIndex)
			return false
		}
		obj.funcs[obj.syms[fi.SymIndex]] = funcInfo{flags: fi.Flags, frame: fi.Frame}
	}
	return true
}

// compact drops the nil entries of an object's section list once loading
// no longer needs the ELF section indices.
func compact(secs []*inSection) []*inSection {
	out := secs[:0]
	for _, s := range secs {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Limits that keep damaged inputs from asking for absurd amounts of
// memory or overflowing address arithmetic.
const (
	maxAlign     = 1 << 24
	maxSize      = 1 << 40
	maxImageSize = 1 << 28 // bytes of the loaded image in the output file: it is built in memory
	maxAddr      = 1 << 46 // end of the highest segment
)

// ELF values debug/elf has no names for.
const (
	shtX86_64Unwind elf.SectionType = 0x70000001
	stbGNUUnique    elf.SymBind     = 10
)

// isDebug reports whether a section is DWARF debug information, which the
// linker relocates and concatenates but does not load.
func isDebug(s *elf.Section) bool {
	return s.Flags&elf.SHF_ALLOC == 0 && s.Type == elf.SHT_PROGBITS && strings.HasPrefix(s.Name, ".debug_")
}

// loadable reports whether a section becomes part of the program image.
func loadable(s *elf.Section) bool {
	if s.Flags&elf.SHF_ALLOC == 0 {
		return false
	}
	switch s.Type {
	case elf.SHT_PROGBITS, elf.SHT_NOBITS, elf.SHT_INIT_ARRAY, elf.SHT_FINI_ARRAY, elf.SHT_PREINIT_ARRAY:
		return true
	case shtX86_64Unwind: // .eh_frame as some assemblers type it
		return true
	}
	return false
}

func parseELF(data []byte) (f *elf.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("malformed ELF file: %v", r)
		}
	}()
	f, err = elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("malformed ELF file: %v", err)
	}
	return f, nil
}

func sectionData(s *elf.Section) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("malformed section: %v", r)
		}
	}()
	return s.Data()
}

func readSymbols(f *elf.File) (syms []elf.Symbol, err error) {
	defer func() {
		if r := recover(); r != nil {
			syms, err = nil, fmt.Errorf("malformed symbol table: %v", r)
		}
	}()
	syms, err = f.Symbols()
	if err == elf.ErrNoSymbols {
		return nil, nil
	}
	return syms, err
}

func (l *linker) loadSymbols(f *elf.File, obj *object) bool {
	esyms, err := readSymbols(f)
	if err != nil {
		l.errorf(obj.name, "%v", err)
		return false
	}
	obj.syms = make([]*symbol, len(esyms)+1)
	// A relocation against symbol 0 means the value 0.
	obj.syms[0] = &symbol{kind: symAbs, bind: elf.STB_LOCAL, obj: obj}
	for i, es := range esyms {
		s := &symbol{
			name: es.Name,
			bind: elf.ST_BIND(es.Info),
			typ:  elf.ST_TYPE(es.Info),
			val:  es.Value,
			size: es.Size,
			obj:  obj,
		}
		switch shn := es.Section; {
		case shn == elf.SHN_UNDEF:
			s.kind = symUndef
		case shn == elf.SHN_ABS:
			s.kind = symAbs
		case shn == elf.SHN_COMMON:
			s.kind = symCommon
			if s.val == 0 {
				s.val = 1
			}
			if s.val&(s.val-1) != 0 || s.val > maxAlign || s.size > maxSize {
				l.errorf(obj.name, "common symbol %s: bad alignment %d or size %#x", s.name, s.val, s.size)
				return false
			}
		case int(shn) < len(obj.secs) && shn < elf.SHN_LORESERVE:
			s.sec = obj.secs[shn]
			s.kind = symDefined
			if s.sec == nil {
				s.kind = symDropped
			} else if s.typ != elf.STT_SECTION && (s.val > s.sec.size || s.size > s.sec.size-s.val) {
				l.errorf(obj.name, "symbol %q: %#x bytes at %#x lie outside %s (%#x bytes)", s.name, s.size, s.val, s.sec.name, s.sec.size)
				return false
			}
		default:
			l.errorf(obj.name, "symbol %q: section index %d out of range", s.name, shn)
			return false
		}
		if s.kind == symDefined && s.typ != elf.STT_SECTION && s.typ != elf.STT_FILE {
			obj.defs = append(obj.defs, s)
		}
		if s.bind == elf.STB_LOCAL {
			if s.kind == symUndef && s.name != "" {
				l.errorf(obj.name, "local symbol %s is undefined", s.name)
				return false
			}
			obj.syms[i+1] = s
			if s.name != "" && s.typ != elf.STT_SECTION && s.typ != elf.STT_FILE && (s.kind == symDefined || s.kind == symAbs) {
				obj.locals = append(obj.locals, s)
			}
			continue
		}
		if s.bind != elf.STB_GLOBAL && s.bind != elf.STB_WEAK && s.bind != stbGNUUnique {
			l.errorf(obj.name, "symbol %s: unknown binding %v", s.name, s.bind)
			return false
		}
		obj.syms[i+1] = l.addGlobal(s)
	}
	return true
}

func (l *linker) loadRelocs(obj *object, rs *elf.Section, target *inSection) bool {
	data, err := sectionData(rs)
	if err != nil {
		l.errorf(obj.name, "section %s: %v", rs.Name, err)
		return false
	}
	if len(data)%24 != 0 {
		l.errorf(obj.name, "section %s: size %d is not a multiple of 24", rs.Name, len(data))
		return false
	}
	le := binary.LittleEndian
	target.relocs = make([]reloc, 0, len(data)/24)
	for p := 0; p < len(data); p += 24 {
		off := le.Uint64(data[p:])
		info := le.Uint64(data[p+8:])
		typ := elf.R_X86_64(uint32(info))
		symIdx := info >> 32
		if symIdx >= uint64(len(obj.syms)) {
			l.errorf(obj.name, "section %s: relocation at %#x: symbol index %d out of range", rs.Name, off, symIdx)
			return false
		}
		if typ == elf.R_X86_64_NONE {
			continue
		}
		n := relocSize(typ)
		if n == 0 {
			l.errorf(obj.name, "section %s: relocation at %#x: unsupported type %v", rs.Name, off, typ)
			return false
		}
		if off > target.size || uint64(n) > target.size-off || target.data == nil {
			l.errorf(obj.name, "section %s: relocation at %#x lies outside %s", rs.Name, off, target.name)
			return false
		}
		target.relocs = append(target.relocs, reloc{
			off:    off,
			typ:    typ,
			sym:    obj.syms[symIdx],
			addend: int64(le.Uint64(data[p+16:])),
		})
	}
	return true
}

// relocSize is the number of bytes a supported relocation patches; 0 marks
// a type the linker does not handle.
func relocSize(t elf.R_X86_64) int {
	switch t {
	case elf.R_X86_64_NONE:
		return 0
	case elf.R_X86_64_64, elf.R_X86_64_PC64, elf.R_X86_64_TPOFF64, elf.R_X86_64_DTPOFF64:
		return 8
	case elf.R_X86_64_32, elf.R_X86_64_32S, elf.R_X86_64_PC32, elf.R_X86_64_PLT32,
		elf.R_X86_64_GOTPCREL, elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX,
		elf.R_X86_64_TPOFF32, elf.R_X86_64_GOTTPOFF, elf.R_X86_64_DTPOFF32:
		return 4
	case elf.R_X86_64_16, elf.R_X86_64_PC16:
		return 2
	case elf.R_X86_64_8, elf.R_X86_64_PC8:
		return 1
	}
	return 0
}
