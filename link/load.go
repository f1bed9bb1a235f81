package link

import (
	"debug/elf"
	"encoding/binary"
	"github.com/p9tools/p9/abi"
	"slices"
	"strings"

	"github.com/p9tools/p9/obj"
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
	// funcs holds what the function table says of each function the
	// object defines, keyed by its symbol as obj.syms holds it; nil for
	// an object without one (not p9as's).
	funcs map[*symbol]funcInfo
	// recs are the object's function table records, which bind points at
	// the shared symbols and turns into funcs.
	recs []*funcRec
	// nglobal counts the object's global and weak symbols.
	nglobal int
}

// funcInfo is what .p9.funcinfo says about a function.
type funcInfo struct {
	flags    uint32
	frame    int64
	indirect bool // it calls through a register or memory
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
	index uint32 // the section's index in its object, while it loads
}

func (s *inSection) addr() uint64 { return s.out.addr + s.off }

// alloc reports whether the section is part of the program image rather
// than debug information.
func (s *inSection) alloc() bool { return s.flags&elf.SHF_ALLOC != 0 }

// reloc is one RELA entry, with the decisions the scan pass made for it.
type reloc struct {
	off    uint64
	sym    *symbol
	addend int64
	typ    elf.R_X86_64
	action relocAction
}

// symbol is a local symbol of one object or a global shared by all. The
// small fields come last, packed together: a link makes thousands.
type symbol struct {
	name    string
	sec     *inSection // for symDefined
	val     uint64     // offset in sec, absolute value, or common alignment
	size    uint64
	obj     *object     // defining object; for undefined globals, the first referrer
	special *special    // linker-defined symbol, or nil
	osec    *outSection // for linker-defined symbols, the section they mark
	// global is, for a global or weak symbol as its object defined or
	// referred to it, the symbol shared by all objects.
	global  *symbol
	bind    elf.SymBind
	typ     elf.SymType
	fn      uint32 // the NOSPLIT check's number for the symbol, plus one
	kind    symKind
	weakRef bool // every reference so far is weak (for undefined globals)
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

// loadAll loads the inputs: each is parsed on its own (concurrently, as
// parse touches nothing shared), then bound to the global symbols in
// input order, so the link does not depend on the order parsing ends.
func (l *linker) loadAll(inputs []Input) {
	objs := make([]*object, len(inputs))
	errs := make([]*Error, len(inputs))
	first := 0 // inputs before it were preloaded
	if po, pe, ok := l.opts.Preload.take(inputs, l.opts); ok {
		first = copy(objs, po)
		copy(errs, pe)
	}
	forEach(len(inputs)-first, func(i int) {
		in := inputs[first+i]
		if in.Data == nil && in.Wait != nil {
			in.Data = in.Wait()
		}
		objs[first+i], errs[first+i] = l.parse(in)
	})
	// The global table is made at its size: a link of p9as objects
	// names most globals in several objects, so their count is at most
	// half of the objects' global symbols, and growing the table would
	// copy it at each step.
	n := 0
	for _, o := range objs {
		if o != nil {
			n += o.nglobal
		}
	}
	l.globals = make(map[string]*symbol, n/2)
	l.gorder = make([]*symbol, 0, n/2)
	for i, o := range objs {
		if o != nil {
			l.bind(o, errs[i] == nil)
		}
		if errs[i] != nil {
			l.errs = append(l.errs, errs[i])
		}
	}
}

// parse reads one input: its sections, symbols, relocations and function
// records, and splits p9as sections into pieces. Its symbols are its own;
// bind merges the global ones. On error the object returned, if any,
// holds the symbols read before the error, which bind still merges.
func (l *linker) parse(in Input) (*object, *Error) {
	f, err := readObject(in.Data)
	if err != nil {
		return nil, inputError(in.Name, "%v", err)
	}
	switch {
	case f.class != elf.ELFCLASS64:
		return nil, inputError(in.Name, "not a 64-bit ELF file (%v)", f.class)
	case f.order != elf.ELFDATA2LSB:
		return nil, inputError(in.Name, "not a little-endian ELF file")
	case f.machine != elf.EM_X86_64:
		return nil, inputError(in.Name, "wrong machine %v, want EM_X86_64", f.machine)
	case f.typ != elf.ET_REL:
		return nil, inputError(in.Name, "not a relocatable object (%v)", f.typ)
	}
	o := &object{name: in.Name, secs: make([]*inSection, len(f.sections))}
	for i := range f.sections {
		s := &f.sections[i]
		if !loadable(s) && (l.opts.StripSymbols || !isDebug(s)) {
			continue
		}
		align := max(s.addralign, 1)
		if align&(align-1) != 0 || align > maxAlign {
			return nil, inputError(in.Name, "section %s: bad alignment %d", s.name, align)
		}
		if s.size > maxSize {
			return nil, inputError(in.Name, "section %s: size %#x is too large", s.name, s.size)
		}
		is := &inSection{obj: o, name: s.name, typ: s.typ, flags: s.flags, size: s.size, align: align, index: uint32(i)}
		if s.typ != elf.SHT_NOBITS {
			is.data, err = f.sectionData(i)
			if err != nil {
				return nil, inputError(in.Name, "section %s: %v", s.name, err)
			}
			is.size = uint64(len(is.data))
		}
		o.secs[i] = is
	}
	if e := loadSymbols(f, o); e != nil {
		return o, e
	}
	ti := f.section(abi.FuncTabSection)
	var tabRelocs []byte // the function table's RELA entries
	for i := range f.sections {
		s := &f.sections[i]
		if s.typ != elf.SHT_RELA && s.typ != elf.SHT_REL {
			continue
		}
		if int(s.info) >= len(o.secs) || s.info == 0 {
			return o, inputError(in.Name, "relocation section %s applies to section %d, which does not exist", s.name, s.info)
		}
		target := o.secs[s.info]
		if target == nil {
			continue // relocations of debug info or other discarded sections
		}
		if s.typ == elf.SHT_REL {
			return o, inputError(in.Name, "relocation section %s: SHT_REL is not supported on x86-64", s.name)
		}
		// The function table's relocations are only read, by
		// loadFuncTab, never applied: they are checked here and
		// not kept.
		keep := int(s.info) != ti
		data, e := loadRelocs(o, f, i, target, keep)
		if e != nil {
			return o, e
		}
		if !keep {
			tabRelocs = data
		}
	}
	if ti >= 0 && o.secs[ti] != nil {
		// A p9as object: its function table goes into p9ld's own, and its
		// sections split into one piece per symbol.
		var data *inSection
		if di := f.section(abi.FuncDataSection); di >= 0 {
			data = o.secs[di]
			o.secs[di] = nil
		}
		if e := loadFuncTab(o, o.secs[ti], newRelaIndex(tabRelocs), data); e != nil {
			return o, e
		}
		if o.recs == nil {
			o.recs = []*funcRec{}
		}
		// Nothing else may refer into the two sections the link drops.
		for _, sym := range o.syms {
			if sym != nil && sym.kind == symDefined && (sym.sec == o.secs[ti] || sym.sec == data) {
				sym.kind = symDropped
			}
		}
		o.secs[ti] = nil
		splitSections(o)
	} else {
		// Loading no longer needs the ELF section indices.
		o.secs = slices.DeleteFunc(o.secs, func(s *inSection) bool { return s == nil })
	}
	return o, nil
}

// bind merges an object's global symbols into the global table, points
// its relocations and function records at the shared symbols and, when
// the object loaded whole, adds it to the link.
func (l *linker) bind(o *object, whole bool) {
	for i, s := range o.syms {
		if s != nil && s.bind != elf.STB_LOCAL {
			s.global = l.addGlobal(s)
			o.syms[i] = s.global
		}
	}
	if !whole {
		return
	}
	for _, sec := range o.secs {
		for i := range sec.relocs {
			if r := &sec.relocs[i]; r.sym.global != nil {
				r.sym = r.sym.global
			}
		}
	}
	if o.recs != nil {
		o.funcs = make(map[*symbol]funcInfo, len(o.recs))
		for _, r := range o.recs {
			if r.sym.global != nil {
				r.sym = r.sym.global
			}
			o.funcs[r.sym] = funcInfo{flags: r.flags &^ (abi.FuncPlan9 | abi.FuncCallSites), frame: int64(r.frame), indirect: len(r.calls) > 0}
		}
	}
	l.objs = append(l.objs, o)
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
func isDebug(s *objSection) bool {
	return s.flags&elf.SHF_ALLOC == 0 && s.typ == elf.SHT_PROGBITS && strings.HasPrefix(s.name, ".debug_")
}

// loadable reports whether a section becomes part of the program image.
func loadable(s *objSection) bool {
	if s.flags&elf.SHF_ALLOC == 0 {
		return false
	}
	switch s.typ {
	case elf.SHT_PROGBITS, elf.SHT_NOBITS, elf.SHT_INIT_ARRAY, elf.SHT_FINI_ARRAY, elf.SHT_PREINIT_ARRAY:
		return true
	case shtX86_64Unwind: // .eh_frame as some assemblers type it
		return true
	}
	return false
}

// loadSymbols reads an object's symbol table into o.syms, every symbol
// the object's own: bind merges the global ones.
func loadSymbols(f *objFile, o *object) *Error {
	esyms, strs, err := f.symtab()
	if err != nil {
		return inputError(o.name, "%v", err)
	}
	n := len(esyms) / symSize
	// One allocation holds the object's own symbols.
	all := make([]symbol, n+1)
	o.syms = make([]*symbol, n+1)
	// A relocation against symbol 0 means the value 0.
	all[0] = symbol{kind: symAbs, bind: elf.STB_LOCAL, obj: o}
	o.syms[0] = &all[0]
	le := binary.LittleEndian
	for i := 0; i < n; i++ {
		es := esyms[i*symSize : (i+1)*symSize]
		name, _ := cString(strs, le.Uint32(es))
		s := &all[i+1]
		*s = symbol{
			name: name,
			bind: elf.ST_BIND(es[4]),
			typ:  elf.ST_TYPE(es[4]),
			val:  le.Uint64(es[8:]),
			size: le.Uint64(es[16:]),
			obj:  o,
		}
		switch shn := elf.SectionIndex(le.Uint16(es[6:])); {
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
				return inputError(o.name, "common symbol %s: bad alignment %d or size %#x", s.name, s.val, s.size)
			}
		case int(shn) < len(o.secs) && shn < elf.SHN_LORESERVE:
			s.sec = o.secs[shn]
			s.kind = symDefined
			if s.sec == nil {
				s.kind = symDropped
			} else if s.typ != elf.STT_SECTION && (s.val > s.sec.size || s.size > s.sec.size-s.val) {
				return inputError(o.name, "symbol %q: %#x bytes at %#x lie outside %s (%#x bytes)", s.name, s.size, s.val, s.sec.name, s.sec.size)
			}
		default:
			return inputError(o.name, "symbol %q: section index %d out of range", s.name, shn)
		}
		if s.kind == symDefined && s.typ != elf.STT_SECTION && s.typ != elf.STT_FILE {
			o.defs = append(o.defs, s)
		}
		if s.bind == elf.STB_LOCAL {
			if s.kind == symUndef && s.name != "" {
				return inputError(o.name, "local symbol %s is undefined", s.name)
			}
			o.syms[i+1] = s
			if s.name != "" && s.typ != elf.STT_SECTION && s.typ != elf.STT_FILE && (s.kind == symDefined || s.kind == symAbs) {
				o.locals = append(o.locals, s)
			}
			continue
		}
		if s.bind != elf.STB_GLOBAL && s.bind != elf.STB_WEAK && s.bind != stbGNUUnique {
			return inputError(o.name, "symbol %s: unknown binding %v", s.name, s.bind)
		}
		o.syms[i+1] = s
		o.nglobal++
	}
	return nil
}

// loadRelocs checks the RELA section sec, which applies to target, and
// returns its entries; when keep is set, they become target's relocations.
func loadRelocs(o *object, f *objFile, sec int, target *inSection, keep bool) ([]byte, *Error) {
	name := f.sections[sec].name
	data, err := f.sectionData(sec)
	if err != nil {
		return nil, inputError(o.name, "section %s: %v", name, err)
	}
	if len(data)%relaSize != 0 {
		return nil, inputError(o.name, "section %s: size %d is not a multiple of %d", name, len(data), relaSize)
	}
	le := binary.LittleEndian
	if keep {
		target.relocs = make([]reloc, 0, len(data)/relaSize)
	}
	for p := 0; p < len(data); p += relaSize {
		off := le.Uint64(data[p:])
		info := le.Uint64(data[p+8:])
		typ := elf.R_X86_64(uint32(info))
		symIdx := info >> 32
		if symIdx >= uint64(len(o.syms)) {
			return nil, inputError(o.name, "section %s: relocation at %#x: symbol index %d out of range", name, off, symIdx)
		}
		if typ == elf.R_X86_64_NONE {
			continue
		}
		n := relocSize(typ)
		if n == 0 {
			return nil, inputError(o.name, "section %s: relocation at %#x: unsupported type %v", name, off, typ)
		}
		if off > target.size || uint64(n) > target.size-off || target.data == nil {
			return nil, inputError(o.name, "section %s: relocation at %#x lies outside %s", name, off, target.name)
		}
		if keep {
			target.relocs = append(target.relocs, reloc{
				off:    off,
				typ:    typ,
				sym:    o.syms[symIdx],
				addend: int64(le.Uint64(data[p+16:])),
			})
		}
	}
	return data, nil
}

// relocSize is the number of bytes a relocation the linker applies
// patches; 0 marks a type it does not handle (the GOT and TLS forms of
// dynamic linking and PIC code, which a static link of p9as and gcc -fno-pic
// objects does not meet).
func relocSize(t elf.R_X86_64) int {
	switch t {
	case elf.R_X86_64_GOTPCREL64, elf.R_X86_64_TLSGD, elf.R_X86_64_TLSLD, elf.R_X86_64_GOT32, elf.R_X86_64_GOTPC32:
		return 0
	}
	return obj.RelocSize(t)
}
