package link

import (
	"debug/elf"
	"strings"
)

// InitTableSymbol is the table of package init functions p9ld builds for
// the runtime: their 8-byte addresses in link order, then a zero word.
// The runtime defines a weak one-word fallback so other linkers, which
// build no table, still link it.
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
	sec := &inSection{obj: obj, name: ".rodata", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC,
		data: make([]byte, 8*(len(inits)+1)), align: 8}
	sec.size = uint64(len(sec.data))
	for i, s := range inits {
		sec.relocs = append(sec.relocs, reloc{off: uint64(8 * i), typ: elf.R_X86_64_64, sym: s})
	}
	obj.secs = []*inSection{sec}
	l.objs = append(l.objs, obj)
	g.bind, g.typ, g.kind = elf.STB_GLOBAL, elf.STT_OBJECT, symDefined
	g.sec, g.val, g.size, g.obj = sec, 0, sec.size, obj
	l.initTable = g
}
