package link

import "debug/elf"

// addGlobal merges a global or weak symbol of one object into the global
// table and returns the shared symbol. A strong definition beats a common
// one, which beats a weak one; two strong definitions are an error, and
// between two weak ones the first wins.
func (l *linker) addGlobal(s *symbol) *symbol {
	g := l.globals[s.name]
	if g == nil {
		g = &symbol{name: s.name, bind: s.bind, kind: symUndef, obj: s.obj, weakRef: true}
		l.globals[s.name] = g
		l.gorder = append(l.gorder, g)
	}
	switch s.kind {
	case symUndef:
		if s.bind != elf.STB_WEAK {
			g.weakRef = false
		}
		return g
	case symDropped:
		if !g.defined() {
			g.define(s)
		}
		return g
	}
	newRank, oldRank := defRank(s), defRank(g)
	switch {
	case newRank == 3 && oldRank == 3:
		l.errorf(s.obj.name, "duplicate definition of %s (also defined in %s)", s.name, g.obj.name)
	case s.kind == symCommon && g.kind == symCommon:
		g.size = max(g.size, s.size)
		g.val = max(g.val, s.val)
	case newRank > oldRank:
		g.define(s)
	}
	return g
}

// defRank orders definitions: 3 strong, 2 common, 1 weak, 0 none.
func defRank(s *symbol) int {
	switch {
	case s.kind == symCommon:
		return 2
	case !s.defined():
		return 0
	case s.bind == elf.STB_WEAK:
		return 1
	}
	return 3
}

func (g *symbol) define(s *symbol) {
	g.bind, g.typ, g.kind = s.bind, s.typ, s.kind
	g.sec, g.val, g.size, g.obj = s.sec, s.val, s.size, s.obj
}

// resolve finishes symbol binding: it gives common symbols space in .bss
// and binds the undefined symbols the linker itself provides.
func (l *linker) resolve() {
	var commons *object
	for _, g := range l.gorder {
		switch g.kind {
		case symCommon:
			if commons == nil {
				commons = &object{name: "common symbols"}
				l.objs = append(l.objs, commons)
			}
			sec := &inSection{obj: commons, name: ".bss", typ: elf.SHT_NOBITS,
				flags: elf.SHF_ALLOC | elf.SHF_WRITE, size: g.size, align: g.val}
			commons.secs = append(commons.secs, sec)
			g.kind, g.sec, g.val = symDefined, sec, 0
			if g.typ == elf.STT_NOTYPE {
				g.typ = elf.STT_OBJECT
			}
		case symUndef:
			if sp := specialFor(g.name); sp != nil {
				g.kind, g.special, g.bind = symAbs, sp, elf.STB_GLOBAL
			}
		}
	}
}
