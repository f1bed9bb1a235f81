// Package obj holds p9's object model and writes it as an ELF64 relocatable
// file (ET_REL) that p9ld, GNU ld and lld all link. Reading ELF is done with
// the standard library's debug/elf.
package obj

import "debug/elf"

// SectionKind names the sections p9as puts symbols in. Each kind is one
// ELF section.
type SectionKind uint8

const (
	Text      SectionKind = iota // .text: TEXT symbols
	Rodata                       // .rodata: GLOBL ... RODATA
	Data                         // .data: GLOBL with DATA, pointers allowed
	Bss                          // .bss: GLOBL without DATA
	NoptrData                    // .noptrdata: GLOBL NOPTR with DATA
	NoptrBss                     // .noptrbss: GLOBL NOPTR without DATA
	TLSBss                       // .tbss: GLOBL TLSBSS
	numSectionKinds
)

// sectionKinds gives each section kind its ELF name, type and flags.
var sectionKinds = [numSectionKinds]struct {
	name  string
	typ   elf.SectionType
	flags elf.SectionFlag
}{
	Text:      {".text", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR},
	Rodata:    {".rodata", elf.SHT_PROGBITS, elf.SHF_ALLOC},
	Data:      {".data", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	Bss:       {".bss", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	NoptrData: {".noptrdata", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	NoptrBss:  {".noptrbss", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE},
	TLSBss:    {".tbss", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE | elf.SHF_TLS},
}

// Name is the section kind's ELF name.
func (k SectionKind) Name() string { return sectionKinds[k].name }

// SymType is the ELF type a symbol gets.
type SymType uint8

const (
	SymNone   SymType = iota // undefined references
	SymFunc                  // TEXT
	SymObject                // GLOBL
	SymTLS                   // GLOBL ... TLSBSS
)

// Symbol is a definition or, with Defined false, a reference to a symbol
// defined elsewhere. Names are final ELF names ("main.main", "runtime.rt0_go").
type Symbol struct {
	Name    string
	Local   bool // file-local (name<> in the source): STB_LOCAL
	DupOK   bool // DUPOK: several objects may define it (written STB_WEAK)
	Defined bool
	Type    SymType
	Section SectionKind // where a defined symbol lives
	Value   uint64      // offset in its section
	Size    uint64

	// For TEXT symbols: the textflag bits (textflag.h values), the frame size
	// and argument size as written in the TEXT line, and the line table.
	TextFlags   int64
	Frame       int64
	Args        int64
	ArgsUnknown bool // the TEXT line gave no argument size ($16, not $16-8)
	Lines       []Line
	// IndirectCalls are the offsets of the function's calls through a
	// register or memory, for the linker's NOSPLIT check.
	IndirectCalls []uint32

	// SP, for TEXT symbols, says how far the stack pointer is below its
	// value at entry through the function, for the call frame information
	// in .debug_frame. An assembler that tracks SP adjustments fills it;
	// when it is nil the writer derives it from the machine code.
	SP []SPDepth
}

// SPDepth says that from Offset on (relative to the symbol's start) the
// stack pointer is Depth bytes below its value at entry.
type SPDepth struct {
	Offset uint32
	Depth  int64
}

// Line maps code to source: from Offset (relative to the symbol's start)
// up to the next entry, the bytes come from File:Line. The two 32-bit
// fields sit together, after the string, so that an entry takes 24 bytes
// rather than 32: a symbol has one an instruction.
type Line struct {
	File   string
	Offset uint32
	Line   int32
}

// Reloc is a relocation in a section: at Offset, Type (an R_X86_64_* value
// from debug/elf) against Sym with the ELF addend (relative to the start of
// the field, so a PC-relative 4-byte reference to sym is addend -4).
type Reloc struct {
	Offset uint64
	Type   uint32
	Sym    *Symbol
	Addend int64
}

// Section is the contents of one section kind. NOBITS sections (.bss,
// .noptrbss, .tbss) have Size and no Data.
type Section struct {
	Kind   SectionKind
	Data   []byte
	Size   uint64 // len(Data) for PROGBITS sections
	Align  uint64
	Relocs []Reloc
}

// Object is one assembled file.
type Object struct {
	Sections [numSectionKinds]*Section // nil when the object has nothing there
	Symbols  []*Symbol                 // definitions and references, in a stable order
	Source   string                    // the source file, for debug info
}

// Section returns the section of kind k, creating it if needed.
func (o *Object) Section(k SectionKind) *Section {
	if o.Sections[k] == nil {
		o.Sections[k] = &Section{Kind: k, Align: 1}
	}
	return o.Sections[k]
}

// IsNoBits reports whether a section kind occupies no file space.
func (k SectionKind) IsNoBits() bool { return sectionKinds[k].typ == elf.SHT_NOBITS }
