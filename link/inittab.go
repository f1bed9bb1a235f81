package link

import (
	"debug/elf"
	"strings"
)

// InitTableSymbol is the table of package init functions p9ld builds for
// the runtime, in link order: for each, its 8-byte address and the address
// of its package's NUL-terminated name (for P9DEBUG=inittrace), then a zero
// pair. The names follow the table. The runtime defines a weak zero-pair
// fallback so other linkers, which build no table, still link it.
const InitTableSymbol = "runtime.inittasks"

// linkerObject is the name of the pseudo-input holding what the linker
// synthesizes, as messages and the link map show it.
const linkerObject = "<linker>"

// isInitFunc reports whether s is a package init function: a defined
// global function named <pkg>.init.
func isInitFunc(s *symbol) bool {
	return s.kind == symDefined && s.bind != elf.STB_LOCAL && s.typ == elf.STT_FUNC &&
		strings.HasSuffix(s.name, ".init") && len(s.name) > len(".init")
}

// buildInitTable defines runtime.inittasks when the program mentions it
// and no input defines it strongly. It runs after resolve, so each entry
// is the definition that won.
func (l *linker) buildInitTable() {
	g := l.globals[InitTableSymbol]
	if g == nil || defRank(g) == 3 {
		return
	}
	var inits []*symbol
	seen := map[*symbol]bool{}
	for _, obj := range l.objs {
		for _, s := range obj.syms {
			if s == nil || seen[s] || s.obj != obj || !isInitFunc(s) {
				continue
			}
			seen[s] = true
			inits = append(inits, s)
		}
	}
	obj := &object{name: linkerObject}
	tableSize := 16 * (len(inits) + 1)
	sec := &inSection{obj: obj, name: ".rodata", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC,
		data: make([]byte, tableSize), align: 8}
	for i, s := range inits {
		sec.relocs = append(sec.relocs,
			reloc{off: uint64(16 * i), typ: elf.R_X86_64_64, sym: s},
			reloc{off: uint64(16*i + 8), typ: elf.R_X86_64_64, sym: g, addend: int64(len(sec.data))})
		sec.data = append(append(sec.data, strings.TrimSuffix(s.name, ".init")...), 0)
	}
	sec.size = uint64(len(sec.data))
	obj.secs = []*inSection{sec}
	l.objs = append(l.objs, obj)
	g.define(&symbol{bind: elf.STB_GLOBAL, typ: elf.STT_OBJECT, kind: symDefined, sec: sec, size: uint64(tableSize), obj: obj})
	l.initTable = g
}
