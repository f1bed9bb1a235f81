package link

import (
	"cmp"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/p9tools/p9/abi"
)

// funcRec is one function's record from an input's function table
// (package abi's format).
type funcRec struct {
	sym          *symbol
	name, file   string
	pcsp, pcline []byte // each a whole PC table, end marker included
	args, frame  int32
	flags        uint32   // textflag bits and abi.FuncPlan9
	calls        []uint32 // offsets of calls through a register or memory
}

// loadFuncTab decodes an object's function table from its table and data
// sections, rel holding the table's relocations (checked by loadRelocs).
// The caller then takes both sections out of the link: p9ld writes one
// table of the functions it keeps.
func loadFuncTab(o *object, tab *inSection, rel relaIndex, data *inSection) *Error {
	fail := func(format string, args ...any) *Error {
		return inputError(o.name, abi.FuncTabSection+": "+format, args...)
	}
	if len(tab.data)%abi.FuncRecSize != 0 {
		return fail("size %d is not a multiple of %d", len(tab.data), abi.FuncRecSize)
	}
	// at returns the symbol and addend of the R_X86_64_PC32 relocation at
	// off in the table.
	at := func(off uint64) (*symbol, int64, bool) {
		sym, addend, ok := rel.at(off)
		return o.syms[sym], addend, ok
	}
	// ptr reads a pointer field: an offset into data (the addend: a
	// field's value is relative to the field).
	ptr := func(base uint64, field int) (uint64, bool) {
		sym, addend, ok := at(base + uint64(field))
		if !ok || data == nil || sym.sec != data || sym.typ != elf.STT_SECTION {
			return 0, false
		}
		off := sym.val + uint64(addend)
		return off, off < uint64(len(data.data))
	}
	// One string of the whole section, made once: the names and files
	// are substrings of it, not a copy of the section each.
	var strs string
	if data != nil {
		strs = string(data.data)
	}
	// str and table read the string or the PC table a pointer field
	// points at.
	str := func(base uint64, field int) (string, bool) {
		off, ok := ptr(base, field)
		if !ok {
			return "", false
		}
		return cString(strs, uint32(off))
	}
	// table reads the PC table at off in data.
	table := func(off uint64) ([]byte, bool) {
		if off >= uint64(len(data.data)) {
			return nil, false
		}
		n := abi.PCTableLen(data.data[off:])
		if n < 0 {
			return nil, false
		}
		return data.data[off : off+uint64(n)], true
	}
	// The entry field refers to a place in a section (see
	// obj/functab.go): the function defined there in this object. None
	// is when another object's definition of the symbol won; the record
	// then describes code the link does not use.
	type place struct {
		sec *inSection
		val uint64
	}
	funcs := map[place]*symbol{}
	for _, sym := range o.syms {
		if sym != nil && sym.kind == symDefined && sym.typ == elf.STT_FUNC && sym.size > 0 {
			funcs[place{sym.sec, sym.val}] = sym
		}
	}
	le := binary.LittleEndian
	// One allocation holds the records.
	recs := make([]funcRec, len(tab.data)/abi.FuncRecSize)
	o.recs = make([]*funcRec, 0, len(recs))
	for i := range recs {
		base := uint64(i) * abi.FuncRecSize
		rec := tab.data[base : base+abi.FuncRecSize]
		sec, addend, found := at(base + abi.FuncRecEntry)
		if !found || sec.typ != elf.STT_SECTION || sec.sec == nil || addend < 0 {
			return fail("record %d names no function", i)
		}
		entry := funcs[place{sec.sec, sec.val + uint64(addend)}]
		if entry == nil {
			continue
		}
		f := &recs[i]
		*f = funcRec{sym: entry, args: int32(le.Uint32(rec[abi.FuncRecArgs:])),
			frame: int32(le.Uint32(rec[abi.FuncRecFrame:])), flags: le.Uint32(rec[abi.FuncRecFlags:])}
		var ok [4]bool
		f.name, ok[0] = str(base, abi.FuncRecName)
		f.file, ok[1] = str(base, abi.FuncRecFile)
		// The tables: the SP depths, the lines right after them, and the
		// call sites after those if the flags say so.
		if off, good := ptr(base, abi.FuncRecTables); good {
			f.pcsp, ok[2] = table(off)
			off += uint64(len(f.pcsp))
			f.pcline, ok[3] = table(off)
			off += uint64(len(f.pcline))
			if ok[3] && f.flags&abi.FuncCallSites != 0 {
				var good bool
				if off < uint64(len(data.data)) {
					f.calls, good = abi.CallSites(data.data[off:])
				}
				if !good {
					return fail("record %d (%s): bad call-site list", i, entry.name)
				}
			}
		}
		if ok != [4]bool{true, true, true, true} {
			return fail("record %d (%s): a name, file or PC table lies outside %s", i, entry.name, abi.FuncDataSection)
		}
		o.recs = append(o.recs, f)
	}
	return nil
}

// relaIndex finds a RELA section's R_X86_64_PC32 entries by offset, as
// loadFuncTab reads the function table's pointers, without making a
// reloc or a map entry of each: in the runtime's objects the table holds
// over a third of all relocations. The entries are read where they lie
// when their offsets never decrease, as assemblers write them;
// otherwise order lists them by offset.
type relaIndex struct {
	data  []byte
	order []int32 // entry numbers by offset, stably; nil when data is in order
}

func newRelaIndex(data []byte) relaIndex {
	x := relaIndex{data: data}
	n := len(data) / relaSize
	for i := 1; i < n; i++ {
		if x.off(i) < x.off(i-1) {
			x.order = make([]int32, n)
			for k := range x.order {
				x.order[k] = int32(k)
			}
			slices.SortStableFunc(x.order, func(a, b int32) int { return cmp.Compare(x.off(int(a)), x.off(int(b))) })
			break
		}
	}
	return x
}

// off is the offset entry i applies to.
func (x relaIndex) off(i int) uint64 { return binary.LittleEndian.Uint64(x.data[i*relaSize:]) }

// entry returns the number of the k-th entry in order of offset.
func (x relaIndex) entry(k int) int {
	if x.order != nil {
		return int(x.order[k])
	}
	return k
}

// at returns the symbol index and addend of the last R_X86_64_PC32 entry
// at off (the last, as a later entry for the same place would win), or
// false if there is none. loadRelocs has checked every symbol index.
func (x relaIndex) at(off uint64) (sym uint32, addend int64, ok bool) {
	n := len(x.data) / relaSize
	le := binary.LittleEndian
	// The first entry in order at or after off, then the run of those at off.
	first := sort.Search(n, func(k int) bool { return x.off(x.entry(k)) >= off })
	for k := first; k < n && x.off(x.entry(k)) == off; k++ {
		e := x.data[x.entry(k)*relaSize:]
		info := le.Uint64(e[8:])
		if elf.R_X86_64(uint32(info)) == elf.R_X86_64_PC32 {
			sym, addend, ok = uint32(info>>32), int64(le.Uint64(e[16:])), true
		}
	}
	return sym, addend, ok
}

// funcTab is the function table p9ld writes: its two sections and the
// records in address order, filled in once the layout is known.
type funcTab struct {
	tab, data *inSection
	recs      []*funcRec
	dataOff   [][3]uint64 // per record: name, file and tables offsets in data
}

// buildFuncTab makes the output function table from the records of the
// functions the link keeps, when code the link keeps refers to the
// table's bounds (a program that never looks a function up carries no
// table). It runs after dead-code elimination and before layout, which
// sizes the sections.
func (l *linker) buildFuncTab() {
	if !l.referencedLive(abi.FuncTabStart, abi.FuncTabStop) {
		return
	}
	var recs []*funcRec
	for _, o := range l.objs {
		for _, r := range o.recs {
			if r.sym.kind == symDefined && r.sym.sec.live {
				recs = append(recs, r)
			}
		}
	}
	if len(recs) == 0 {
		return
	}
	o := &object{name: linkerObject}
	ft := &funcTab{recs: recs, dataOff: make([][3]uint64, 0, len(recs))}
	// The data section is sized for no shared strings: growing it would
	// copy it.
	size := 0
	for _, r := range recs {
		size += len(r.name) + 1 + len(r.file) + 1 + len(r.pcsp) + len(r.pcline)
	}
	// Read-only, unlike the inputs' writable tables: this one is sorted,
	// so the runtime never has to sort it in place.
	ft.tab = &inSection{obj: o, name: abi.FuncTabSection, typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC,
		data: make([]byte, len(recs)*abi.FuncRecSize), align: 8, live: true}
	ft.data = &inSection{obj: o, name: abi.FuncDataSection, typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC, align: 1, live: true,
		data: make([]byte, 0, size)}
	strs := make(map[string]uint64, len(recs)+len(l.objs)) // the names, and a file or so per object
	str := func(s string) uint64 {
		off, ok := strs[s]
		if !ok {
			off = uint64(len(ft.data.data))
			ft.data.data = append(append(ft.data.data, s...), 0)
			strs[s] = off
		}
		return off
	}
	// The runtime reads no call sites: the tables are the two PC tables.
	tables := func(r *funcRec) uint64 {
		off := uint64(len(ft.data.data))
		ft.data.data = append(append(ft.data.data, r.pcsp...), r.pcline...)
		return off
	}
	for _, r := range recs {
		ft.dataOff = append(ft.dataOff, [3]uint64{str(r.name), str(r.file), tables(r)})
	}
	ft.tab.size, ft.data.size = uint64(len(ft.tab.data)), uint64(len(ft.data.data))
	o.secs = []*inSection{ft.tab, ft.data}
	l.objs = append(l.objs, o)
	l.funcTab = ft
}

// fillFuncTab writes the table's records, sorted by address, once the
// layout has given every function and the data section an address.
func (l *linker) fillFuncTab() {
	ft := l.funcTab
	if ft == nil {
		return
	}
	order := make([]int, len(ft.recs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ft.recs[a].sym.addr(), ft.recs[b].sym.addr()) })
	le := binary.LittleEndian
	data := ft.data.addr()
	for k, i := range order {
		r, offs := ft.recs[i], ft.dataOff[i]
		rec := ft.tab.data[k*abi.FuncRecSize : (k+1)*abi.FuncRecSize]
		at := ft.tab.addr() + uint64(k*abi.FuncRecSize)
		// rel is a pointer field's value: target from the field's address,
		// which must fit 32 signed bits.
		rel := func(field int, target uint64) {
			d := int64(target - (at + uint64(field)))
			if d != int64(int32(d)) {
				l.errorf("", "%s: %s's record is %d bytes from what it describes, more than 32 signed bits hold",
					abi.FuncTabSection, r.name, d)
			}
			le.PutUint32(rec[field:], uint32(d))
		}
		rel(abi.FuncRecEntry, r.sym.addr())
		rel(abi.FuncRecName, data+offs[0])
		rel(abi.FuncRecFile, data+offs[1])
		rel(abi.FuncRecTables, data+offs[2])
		le.PutUint32(rec[abi.FuncRecLen:], uint32(r.sym.size))
		le.PutUint32(rec[abi.FuncRecArgs:], uint32(r.args))
		le.PutUint32(rec[abi.FuncRecFrame:], uint32(r.frame))
		le.PutUint32(rec[abi.FuncRecFlags:], r.flags&^abi.FuncCallSites)
	}
}

// referencedLive reports whether a section the link keeps refers to any
// of the named globals.
func (l *linker) referencedLive(names ...string) bool {
	want := map[*symbol]bool{}
	for _, n := range names {
		if g := l.globals[n]; g != nil {
			want[g] = true
		}
	}
	if len(want) == 0 {
		return false
	}
	for _, o := range l.objs {
		for _, sec := range o.secs {
			if !sec.live {
				continue
			}
			for _, r := range sec.relocs {
				if want[r.sym] {
					return true
				}
			}
		}
	}
	return false
}

// unsizedSplits lists the kept functions that have a stack-split prologue
// (not NOSPLIT) but no argument size (TEXT f(SB), $16): the runtime cannot
// copy their arguments to a new stack segment, so a call of one that finds
// too little stack stops the program.
func (l *linker) unsizedSplits() []string {
	var out []string
	for _, o := range l.objs {
		for _, r := range o.recs {
			if r.args != abi.ArgsUnknown || r.flags&abi.NoSplit != 0 ||
				r.sym.kind != symDefined || r.sym.sec == nil || !r.sym.sec.live {
				continue
			}
			out = append(out, fmt.Sprintf("%s has a stack-split prologue but no argument size: "+
				"if its stack must grow, the program stops (declare it: TEXT %s(SB), $%d-argsize, or make it NOSPLIT)",
				r.name, strings.ReplaceAll(r.name, ".", "·"), r.frame))
		}
	}
	return out
}
