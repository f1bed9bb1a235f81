package link

import (
	"debug/elf"
	"slices"
	"strings"
)

// deadcode keeps the allocated sections (or, for split p9as sections,
// symbols) reachable from the roots by relocations and drops the rest.
// The roots are the entry symbol, the init table the linker built, and
// sections a program needs although nothing refers to them (init and
// fini arrays, notes, retained sections, unwind tables). With NoGC every
// section is kept.
func (l *linker) deadcode() {
	var work []*inSection
	mark := func(s *inSection) {
		if s != nil && !s.live {
			s.live = true
			work = append(work, s)
		}
	}
	markSym := func(s *symbol) {
		if s != nil && s.kind == symDefined {
			mark(s.sec)
		}
	}
	for _, obj := range l.objs {
		for _, sec := range obj.secs {
			if l.opts.NoGC || !sec.alloc() || alwaysKept(sec) {
				mark(sec)
			}
		}
	}
	markSym(l.globals[l.opts.Entry])
	if l.initTable != nil {
		markSym(l.initTable)
	}
	for len(work) > 0 {
		sec := work[len(work)-1]
		work = work[:len(work)-1]
		if !sec.alloc() || sec.name == ".eh_frame" {
			continue // references from debug info and unwind tables keep nothing alive
		}
		for _, r := range sec.relocs {
			markSym(r.sym)
		}
	}
	for _, obj := range l.objs {
		obj.secs = slices.DeleteFunc(obj.secs, func(sec *inSection) bool { return !sec.live })
		for _, s := range obj.syms {
			dropIfDead(s)
		}
		for _, s := range obj.defs {
			dropIfDead(s)
		}
		obj.locals = slices.DeleteFunc(obj.locals, func(s *symbol) bool { return s.kind == symDropped })
	}
}

func dropIfDead(s *symbol) {
	if s != nil && s.kind == symDefined && !s.sec.live {
		s.kind = symDropped
		s.sec = nil
	}
}

// alwaysKept reports whether a section is a root of dead-code elimination.
func alwaysKept(s *inSection) bool {
	switch s.typ {
	case elf.SHT_INIT_ARRAY, elf.SHT_FINI_ARRAY, elf.SHT_PREINIT_ARRAY, elf.SHT_NOTE:
		return true
	}
	const shfGNURetain = 0x200000
	if s.flags&shfGNURetain != 0 || s.name == ".eh_frame" {
		return true
	}
	for _, p := range keptPrefixes {
		if rest, ok := strings.CutPrefix(s.name, p); ok && (rest == "" || rest[0] == '.') {
			return true
		}
	}
	return false
}

// keptPrefixes name the sections alwaysKept keeps: each of them, and any
// section whose name adds a dot and a suffix.
var keptPrefixes = [...]string{".init_array", ".fini_array", ".preinit_array", ".ctors", ".dtors", ".init", ".fini"}
