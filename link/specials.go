package link

import "strings"

// A special symbol is one the linker defines when a program refers to it
// without defining it: the bounds of output sections, as Go's and GNU's
// linkers provide them.
type special struct {
	name    string
	section string // output section; "" for the end of the image
	atEnd   bool   // the section's end rather than its start
}

var specials = []special{
	{"runtime.text", ".text", false},
	{"runtime.etext", ".text", true},
	{"runtime.rodata", ".rodata", false},
	{"runtime.erodata", ".rodata", true},
	{"runtime.data", ".data", false},
	{"runtime.edata", ".data", true},
	{"runtime.noptrdata", ".noptrdata", false},
	{"runtime.enoptrdata", ".noptrdata", true},
	{"runtime.bss", ".bss", false},
	{"runtime.ebss", ".bss", true},
	{"runtime.noptrbss", ".noptrbss", false},
	{"runtime.enoptrbss", ".noptrbss", true},
	{"runtime.end", "", true},
	{"etext", ".text", true},
	{"_etext", ".text", true},
	{"__bss_start", ".bss", false},
	{"end", "", true},
	{"_end", "", true},
}

// specialFor returns the linker-defined symbol name stands for, or nil:
// one of specials, or __start_X and __stop_X for an output section X whose
// name is a C identifier (as GNU ld defines them; the function table is
// found through them).
func specialFor(name string) *special {
	for i := range specials {
		if specials[i].name == name {
			return &specials[i]
		}
	}
	for _, b := range [...]struct {
		prefix string
		atEnd  bool
	}{{"__start_", false}, {"__stop_", true}} {
		if sec, ok := strings.CutPrefix(name, b.prefix); ok && isCIdent(sec) {
			return &special{name: name, section: sec, atEnd: b.atEnd}
		}
	}
	return nil
}

// isCIdent reports whether s is a C identifier.
func isCIdent(s string) bool {
	for i, c := range s {
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// defineSpecials gives the linker-defined symbols their addresses; layout
// calls it once every output section has one. __start_X and __stop_X of a
// section the link does not have are both 0: an empty range.
func (l *linker) defineSpecials() {
	for _, g := range l.gorder {
		if g.special == nil {
			continue
		}
		sp := g.special
		if sp.section == "" {
			last := l.segs[len(l.segs)-1]
			g.val = last.vaddr + last.memsz
			continue
		}
		for _, o := range l.outs {
			if o.name == sp.section {
				g.osec = o
				g.val = o.addr
				if sp.atEnd {
					g.val = o.end()
				}
			}
		}
	}
}
