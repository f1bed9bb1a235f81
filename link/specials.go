package link

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

var specialByName = func() map[string]int {
	m := make(map[string]int, len(specials))
	for i, s := range specials {
		m[s.name] = i
	}
	return m
}()

func specialIndex(name string) int {
	if i, ok := specialByName[name]; ok {
		return i
	}
	return -1
}

// defineSpecials gives the linker-defined symbols their addresses; layout
// calls it once every output section has one.
func (l *linker) defineSpecials() {
	for _, g := range l.gorder {
		if g.special == 0 {
			continue
		}
		sp := specials[g.special-1]
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
