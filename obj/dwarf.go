package obj

import (
	"cmp"
	"debug/dwarf"
	"debug/elf"
	"encoding/binary"
	"slices"

	"github.com/p9tools/p9/abi"
)

// The debug sections an object carries: DWARF 4 line table, a compile
// unit with one subprogram per TEXT symbol, and call frame information.
// Addresses are relocated against the functions' own symbols, so any
// linker places them; offsets between debug sections are relocated
// against the sections' STT_SECTION symbols, as GNU as does.
const (
	debugAbbrev = ".debug_abbrev"
	debugInfo   = ".debug_info"
	debugLine   = ".debug_line"
	debugFrame  = ".debug_frame"
)

// debugReloc is a relocation in a debug section: against Sym, or, when
// Sym is nil, against the STT_SECTION symbol of the section named Sec (a
// debug section, the function table's data, or a content section).
type debugReloc struct {
	Offset uint64
	Type   elf.R_X86_64
	Sym    *Symbol
	Sec    string
	Addend int64
}

// debugSection is one section the writer adds beside the contents: the
// DWARF sections and the function table. Its relocations may refer to
// another such section by name.
type debugSection struct {
	name   string
	flags  elf.SectionFlag // 0 for the debug sections
	align  uint64          // 1 when 0
	data   []byte
	relocs []debugReloc
}

// DWARF constants used here (DWARF 4, section 7) that debug/dwarf does
// not export.
const (
	dwFormAddr        = 0x01
	dwFormData2       = 0x05
	dwFormData8       = 0x07
	dwFormString      = 0x08
	dwFormSecOffset   = 0x17
	dwFormFlagPresent = 0x19

	dwLangMipsAssembler = 0x8001

	dwLnsCopy           = 1
	dwLnsAdvancePC      = 2
	dwLnsAdvanceLine    = 3
	dwLnsSetFile        = 4
	dwLnsSetPrologueEnd = 10
	dwLneEndSequence    = 1
	dwLneSetAddress     = 2

	dwCfaAdvanceLoc    = 0x40
	dwCfaOffset        = 0x80
	dwCfaAdvanceLoc1   = 0x02
	dwCfaAdvanceLoc2   = 0x03
	dwCfaAdvanceLoc4   = 0x04
	dwCfaUndefined     = 0x07
	dwCfaDefCfa        = 0x0c
	dwCfaDefCfaOffset  = 0x0e
	dwarfRegSP         = 7
	dwarfRegRA         = 16
	abbrevCU           = 1
	abbrevFunc         = 2
	abbrevLocalFunc    = 3
	lineBase           = -5
	lineRange          = 14
	lineOpcodeBase     = 13
	debugInfoProducer  = "p9as"
	debugInfoVersion   = 4
	debugFrameVersion  = 1
	debugFrameAlign    = 8
	debugFrameCIEIDAll = 0xffffffff
)

// debugFuncs lists the functions debug info describes: defined TEXT
// symbols with code, in symbol order.
func debugFuncs(syms []*Symbol) []*Symbol {
	var fns []*Symbol
	for _, s := range syms {
		if s.Defined && s.Type == SymFunc && s.Section == Text && s.Size > 0 {
			fns = append(fns, s)
		}
	}
	return fns
}

// buildDebug makes the debug sections for obj's functions.
func buildDebug(obj *Object, fns []*Symbol) []*debugSection {
	code := obj.Sections[Text].Data
	sps := make([][]SPDepth, len(fns))
	for i, f := range fns {
		sps[i] = f.SP
		if sps[i] == nil {
			end := min(f.Value+f.Size, uint64(len(code)))
			sps[i] = spDepths(code[min(f.Value, end):end])
		}
	}
	tab, data := funcTabSections(fns, sps)
	return []*debugSection{
		{name: debugAbbrev, data: abbrevTable()},
		debugInfoSection(obj, fns),
		lineSection(fns, sps),
		frameSection(fns, sps),
		tab, data,
	}
}

func abbrevTable() []byte {
	attr := func(b []byte, at dwarf.Attr, form byte) []byte { return append(b, byte(at), form) }
	var b []byte
	b = append(b, abbrevCU, byte(dwarf.TagCompileUnit), 1)
	b = attr(b, dwarf.AttrName, dwFormString)
	b = attr(b, dwarf.AttrProducer, dwFormString)
	b = attr(b, dwarf.AttrLanguage, dwFormData2)
	b = attr(b, dwarf.AttrStmtList, dwFormSecOffset)
	b = append(b, 0, 0)
	for _, code := range []byte{abbrevFunc, abbrevLocalFunc} {
		b = append(b, code, byte(dwarf.TagSubprogram), 0)
		b = attr(b, dwarf.AttrName, dwFormString)
		b = attr(b, dwarf.AttrLowpc, dwFormAddr)
		b = attr(b, dwarf.AttrHighpc, dwFormData8)
		if code == abbrevFunc {
			b = attr(b, dwarf.AttrExternal, dwFormFlagPresent)
		}
		b = append(b, 0, 0)
	}
	return append(b, 0)
}

func debugInfoSection(obj *Object, fns []*Symbol) *debugSection {
	s := &debugSection{name: debugInfo}
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0) // unit_length, filled below
	b = le.AppendUint16(b, debugInfoVersion)
	s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_32, Sec: debugAbbrev})
	b = le.AppendUint32(b, 0)
	b = append(b, 8) // address size
	b = append(b, abbrevCU)
	b = cstring(b, obj.Source)
	b = cstring(b, debugInfoProducer)
	b = le.AppendUint16(b, dwLangMipsAssembler)
	s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_32, Sec: debugLine})
	b = le.AppendUint32(b, 0)
	for _, f := range fns {
		code := byte(abbrevFunc)
		if f.Local {
			code = abbrevLocalFunc
		}
		b = append(b, code)
		b = cstring(b, f.Name)
		s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_64, Sym: f})
		b = le.AppendUint64(b, 0)
		b = le.AppendUint64(b, f.Size)
	}
	b = append(b, 0) // end of the compile unit's children
	le.PutUint32(b, uint32(len(b)-4))
	s.data = b
	return s
}

// lineSection encodes a DWARF 4 line program with one sequence per
// function, so a linker may place or drop each function on its own.
// When a function's first line moves SP (the prologue, which carries the
// TEXT line), its second line is marked as the end of the prologue, where
// debuggers stop for a breakpoint on the function.
func lineSection(fns []*Symbol, sps [][]SPDepth) *debugSection {
	s := &debugSection{name: debugLine}
	fileIndex := map[string]uint64{}
	var files []string
	for _, f := range fns {
		for _, l := range f.Lines {
			if _, ok := fileIndex[l.File]; !ok {
				files = append(files, l.File)
				fileIndex[l.File] = uint64(len(files))
			}
		}
	}
	le := binary.LittleEndian
	var hdr []byte
	hdr = append(hdr, 1, 1, 1, byte(256+lineBase), lineRange, lineOpcodeBase)
	hdr = append(hdr, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1) // standard opcode lengths
	hdr = append(hdr, 0)                                  // no include directories
	for _, name := range files {
		hdr = cstring(hdr, name)
		hdr = append(hdr, 0, 0, 0) // directory, mtime, length
	}
	hdr = append(hdr, 0)

	b := le.AppendUint32(nil, 0) // unit_length
	b = le.AppendUint16(b, debugInfoVersion)
	b = le.AppendUint32(b, uint32(len(hdr)))
	b = append(b, hdr...)
	for i, f := range fns {
		// The assembler writes lines in address order: copy and sort
		// only lines that are not, which a large file's line table
		// would otherwise pay for on every function.
		lines := f.Lines
		byOffset := func(a, b Line) int { return cmp.Compare(a.Offset, b.Offset) }
		if !slices.IsSortedFunc(lines, byOffset) {
			lines = slices.Clone(lines)
			slices.SortStableFunc(lines, byOffset)
		}
		if len(lines) == 0 {
			continue
		}
		b = append(b, 0, 9, dwLneSetAddress)
		s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_64, Sym: f})
		b = le.AppendUint64(b, 0)
		prologueEnd := -1
		if len(lines) > 1 && len(sps[i]) > 0 && sps[i][0].Offset <= lines[1].Offset && lines[0].Offset == 0 {
			prologueEnd = 1
		}
		pc, file, line := uint64(0), uint64(1), int64(1)
		for j, l := range lines {
			if uint64(l.Offset) >= f.Size {
				break
			}
			if idx := fileIndex[l.File]; idx != file {
				b = append(b, dwLnsSetFile)
				b = binary.AppendUvarint(b, idx)
				file = idx
			}
			if j == prologueEnd {
				b = append(b, dwLnsSetPrologueEnd)
			}
			dpc, dline := uint64(l.Offset)-pc, int64(l.Line)-line
			pc, line = uint64(l.Offset), int64(l.Line)
			// A row whose address and line move on a little, as most
			// instructions' do, is one special opcode; others advance
			// each register and copy.
			if dline >= lineBase && dline < lineBase+lineRange {
				if op := uint64(dline-lineBase) + lineRange*dpc + lineOpcodeBase; op <= 255 {
					b = append(b, byte(op))
					continue
				}
			}
			if dpc > 0 {
				b = append(b, dwLnsAdvancePC)
				b = binary.AppendUvarint(b, dpc)
			}
			if dline != 0 {
				b = append(b, dwLnsAdvanceLine)
				b = sleb(b, dline)
			}
			b = append(b, dwLnsCopy)
		}
		if d := f.Size - pc; d > 0 {
			b = append(b, dwLnsAdvancePC)
			b = binary.AppendUvarint(b, d)
		}
		b = append(b, 0, 1, dwLneEndSequence)
	}
	le.PutUint32(b, uint32(len(b)-4))
	s.data = b
	return s
}

// frameSection encodes .debug_frame: one CIE (CFA = SP+8 at entry, the
// return address just below it) and an FDE per function that follows SP.
func frameSection(fns []*Symbol, sps [][]SPDepth) *debugSection {
	s := &debugSection{name: debugFrame}
	le := binary.LittleEndian
	pad := func(b []byte, start int) []byte {
		for (len(b)-start)%debugFrameAlign != 0 {
			b = append(b, 0) // DW_CFA_nop
		}
		le.PutUint32(b[start:], uint32(len(b)-start-4))
		return b
	}
	b := le.AppendUint32(nil, 0)
	b = le.AppendUint32(b, debugFrameCIEIDAll)
	b = append(b, debugFrameVersion, 0) // version, empty augmentation
	b = binary.AppendUvarint(b, 1)      // code alignment
	b = sleb(b, -8)                     // data alignment
	b = append(b, dwarfRegRA)
	b = append(b, dwCfaDefCfa)
	b = binary.AppendUvarint(b, dwarfRegSP)
	b = binary.AppendUvarint(b, 8)
	b = append(b, dwCfaOffset|dwarfRegRA)
	b = binary.AppendUvarint(b, 1)
	b = pad(b, 0)
	for i, f := range fns {
		start := len(b)
		b = le.AppendUint32(b, 0)
		s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_32, Sec: debugFrame})
		b = le.AppendUint32(b, 0) // the CIE's offset
		s.relocs = append(s.relocs, debugReloc{Offset: uint64(len(b)), Type: elf.R_X86_64_64, Sym: f})
		b = le.AppendUint64(b, 0)
		b = le.AppendUint64(b, f.Size)
		if f.TextFlags&abi.TopFrame != 0 {
			// The outermost frame: no caller to unwind to.
			b = append(b, dwCfaUndefined)
			b = binary.AppendUvarint(b, dwarfRegRA)
		}
		pc := uint32(0)
		for _, c := range sps[i] {
			if uint64(c.Offset) >= f.Size || c.Offset < pc {
				continue
			}
			b = advanceLoc(b, c.Offset-pc)
			pc = c.Offset
			b = append(b, dwCfaDefCfaOffset)
			b = binary.AppendUvarint(b, uint64(max(8+c.Depth, 0)))
		}
		b = pad(b, start)
	}
	s.data = b
	return s
}

func advanceLoc(b []byte, d uint32) []byte {
	switch {
	case d == 0:
		return b
	case d < 0x40:
		return append(b, dwCfaAdvanceLoc|byte(d))
	case d <= 0xff:
		return append(b, dwCfaAdvanceLoc1, byte(d))
	case d <= 0xffff:
		return binary.LittleEndian.AppendUint16(append(b, dwCfaAdvanceLoc2), uint16(d))
	}
	return binary.LittleEndian.AppendUint32(append(b, dwCfaAdvanceLoc4), d)
}

func cstring(b []byte, s string) []byte { return append(append(b, s...), 0) }

func sleb(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
