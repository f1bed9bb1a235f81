package encoder

import (
	"debug/elf"
	"encoding/binary"
	"sort"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// Limits that keep a hostile file from exhausting memory: a symbol may be
// as large as Go's linker allows (just under 2 GiB), but bytes the
// assembler must hold (DATA, and RODATA or DATA-bearing symbols it writes
// out) stay under maxStored.
const (
	maxGlobl  = 1<<31 - 1
	maxStored = 1 << 26
)

// dataSym accumulates GLOBL and DATA for one symbol.
type dataSym struct {
	ref     x86.Sym
	pos     parser.Pos // GLOBL line, or first DATA line
	globl   bool
	flags   int64
	size    int64
	bytes   []byte
	end     int64 // where the last DATA ended: Go requires increasing offsets
	relocs  []dataReloc
	hasData bool
	broken  bool // declared by a GLOBL with a syntax error: not emitted
}

// dataReloc is an address DATA writes, 8 bytes at off.
type dataReloc struct {
	off    int64
	sym    *x86.Sym
	addend int64
}

func (a *assembler) dataSym(o *parser.Operand, pos parser.Pos) *dataSym {
	ref := a.conv.sym(o)
	key := symKey(ref)
	d := a.datas[key]
	if d == nil {
		d = &dataSym{ref: *ref, pos: pos}
		a.datas[key] = d
		a.dataOrd = append(a.dataOrd, key)
	}
	return d
}

func isSymOperand(o *parser.Operand) bool {
	return o.Kind == parser.KindMem && (o.Name == parser.NameExtern || o.Name == parser.NameStatic) && o.Sym != ""
}

func (a *assembler) globl(st *parser.Stmt) {
	if st.Bad {
		// Its syntax error is reported; the symbol it names is taken as
		// declared, so its DATA does not add "without a GLOBL".
		if len(st.Args) > 0 && isSymOperand(&st.Args[0]) {
			d := a.dataSym(&st.Args[0], st.Pos)
			d.globl, d.broken = true, true
		}
		return
	}
	n := len(st.Args)
	if n < 2 || n > 3 || !isSymOperand(&st.Args[0]) || st.Args[n-1].Kind != parser.KindImm {
		a.errorf(st.Pos, "GLOBL needs sym(SB), [flags,] $size")
		return
	}
	d := a.dataSym(&st.Args[0], st.Pos)
	if d.globl {
		a.errorf(st.Pos, "symbol %s redeclared", d.ref.Name)
		return
	}
	d.globl, d.pos, d.size = true, st.Pos, st.Args[n-1].Offset
	if n == 3 {
		d.flags = st.Args[1].Offset
	}
	if d.size < 0 {
		a.errorf(st.Pos, "negative size for GLOBL %s", d.ref.Name)
		d.size = 0
	} else if d.size > maxGlobl {
		a.errorf(st.Pos, "GLOBL %s: size %d is too large: expected at most %d", d.ref.Name, d.size, int64(maxGlobl))
		d.size = 0
	}
}

func (a *assembler) data(st *parser.Stmt) {
	if len(st.Args) != 2 || !isSymOperand(&st.Args[0]) {
		a.errorf(st.Pos, "DATA needs sym+off(SB)/width, $value")
		return
	}
	dst, v := &st.Args[0], &st.Args[1]
	off, w := dst.Offset, dst.Width
	if w < 0 {
		a.errorf(st.Pos, "expect /size for DATA argument")
		return
	}
	if w > maxStored {
		// Go's assembler tries to allocate the width and runs out of
		// memory; a width no DATA can store is an error here.
		a.errorf(st.Pos, "DATA width %d out of range: expected at most %d", w, maxStored)
		return
	}
	d := a.dataSym(dst, st.Pos)
	// Like Go, DATA for a symbol must come in increasing offsets.
	if d.hasData && off < d.end {
		a.errorf(st.Pos, "overlapping DATA entry for %s", d.ref.Name)
		return
	}
	d.end, d.hasData = off+w, true
	var val []byte
	var rel *dataReloc
	switch v.Kind {
	case parser.KindImm:
		if w != 1 && w != 2 && w != 4 && w != 8 {
			a.errorf(st.Pos, "bad int size for DATA argument: %d", w)
			return
		}
		val = binary.LittleEndian.AppendUint64(nil, uint64(v.Offset))[:w]
	case parser.KindFloat:
		if w != 4 && w != 8 {
			a.errorf(st.Pos, "bad float size for DATA argument: %d", w)
			return
		}
		val = binary.LittleEndian.AppendUint64(nil, floatBits(v.Float, int(w)))[:w]
	case parser.KindString:
		if int64(len(v.Sym)) > w {
			a.errorf(st.Pos, "WriteString: bad string size: %d < %d", w, len(v.Sym))
			return
		}
		val = make([]byte, w)
		copy(val, v.Sym)
	case parser.KindAddr:
		if v.Name != parser.NameExtern && v.Name != parser.NameStatic || v.Reg != "SB" && v.Reg != "" {
			a.errorf(st.Pos, "DATA address must be $sym(SB) or $sym+off(SB)")
			return
		}
		if w != 8 {
			a.errorf(st.Pos, "bad addr size for DATA argument: %d", w)
			return
		}
		val = make([]byte, w)
		rel = &dataReloc{off: off, sym: a.conv.sym(v), addend: v.Offset}
	default:
		a.errorf(st.Pos, "bad DATA value")
		return
	}
	if off < 0 || off+w > maxStored {
		a.errorf(st.Pos, "DATA offset %d out of range: expected 0 to %d", off, maxStored-w)
		return
	}
	if grow := off + w - int64(len(d.bytes)); grow > 0 {
		if a.stored+grow > maxStored {
			a.errorf(st.Pos, "too much DATA: more than %d bytes in one file", maxStored)
			d.broken = true // reported: its GLOBL adds nothing more
			return
		}
		a.stored += grow
		d.bytes = append(d.bytes, make([]byte, grow)...)
	}
	copy(d.bytes[off:], val)
	if rel != nil {
		d.relocs = append(d.relocs, *rel)
	}
	if d.globl && off+w > d.size {
		// Go lets DATA after GLOBL grow the symbol.
		d.size = off + w
	}
}

// finishData places data symbols in their sections.
func (a *assembler) finishData() {
	for _, key := range a.dataOrd {
		d := a.datas[key]
		if d.broken || !d.globl {
			// A broken symbol's error is reported. go tool asm writes only
			// symbols a GLOBL declares: the DATA is dropped, and a
			// reference to the symbol stays undefined.
			continue
		}
		kind := obj.Data
		// Go's precedence: RODATA, then NOPTR, then TLSBSS.
		switch {
		case d.flags&abi.RoData != 0:
			kind = obj.Rodata
		case d.flags&abi.NoPtr != 0 && d.hasData:
			kind = obj.NoptrData
		case d.flags&abi.NoPtr != 0:
			kind = obj.NoptrBss
		case d.flags&abi.TLSBSS != 0:
			kind = obj.TLSBss
		case !d.hasData:
			kind = obj.Bss
		}
		if kind == obj.TLSBss && d.hasData {
			a.errorf(d.pos, "cannot supply data for STLSBSS var %s", d.ref.Name)
			continue
		}
		sym := a.symbol(&d.ref)
		if sym.Defined {
			a.errorf(d.pos, "symbol %s redeclared", d.ref.Name)
			continue
		}
		sec := a.obj.Section(kind)
		align := dataAlign(d.size)
		sec.Align = max(sec.Align, align)
		sec.Size = (sec.Size + align - 1) &^ (align - 1)
		sym.Defined, sym.Section, sym.Value, sym.Size = true, kind, sec.Size, uint64(d.size)
		sym.Type = obj.SymObject
		if kind == obj.TLSBss {
			sym.Type = obj.SymTLS
		}
		sym.DupOK = d.flags&abi.DupOK != 0
		// DATA before the GLOBL may go past the size the GLOBL then
		// sets (DATA after it grows the size instead). Go keeps both the
		// size and every byte written; so does the object: the symbol
		// has the GLOBL's size, and the section holds all the bytes.
		room := max(d.size, int64(len(d.bytes)))
		if !kind.IsNoBits() {
			if int64(sec.Size)+room > maxStored {
				a.errorf(d.pos, "GLOBL %s: too much initialized data: more than %d bytes in one section", d.ref.Name, maxStored)
				continue
			}
			// Zeros up to the symbol (its alignment) and past its bytes.
			sec.Data = append(sec.Data, make([]byte, sec.Size+uint64(room)-uint64(len(sec.Data)))...)
			copy(sec.Data[sec.Size:], d.bytes)
			sort.Slice(d.relocs, func(i, j int) bool { return d.relocs[i].off < d.relocs[j].off })
			for _, r := range d.relocs {
				sec.Relocs = append(sec.Relocs, obj.Reloc{Offset: sym.Value + uint64(r.off), Type: uint32(elf.R_X86_64_64), Sym: a.symbol(r.sym), Addend: r.addend})
			}
		}
		sec.Size += uint64(room)
	}
}

// dataAlign is the alignment of a data symbol of the given size: the
// largest power of two up to 8 that divides into its size class.
func dataAlign(size int64) uint64 {
	switch {
	case size >= 8:
		return 8
	case size >= 4:
		return 4
	case size >= 2:
		return 2
	}
	return 1
}
