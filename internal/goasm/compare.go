package goasm

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/p9tools/p9/parser"
)

// Diff is one symbol that differs between go tool asm (Want) and p9 (Got).
// Want or Got is nil when only one side defines the symbol.
type Diff struct {
	Name      string
	Want, Got *Symbol
	Off       int // first differing byte (relocation fields masked), or -1
	// At is the offset of the instruction the difference is shown at: the
	// first whose length or bytes differ, a branch that differs only in
	// its displacement (which a later difference moves) only when no
	// other does; -1 when the listings do not say.
	At        int
	Reason    string // what differs, in a few words
	RelocWant []Reloc
	RelocGot  []Reloc
}

// Compare compares symbols by name: the bytes with relocated fields
// masked, then each relocation's offset, size, type, target and addend.
// It returns the differing symbols in want's order (then p9's extras) and
// how many of want's symbols are identical.
func Compare(want, got []*Symbol) ([]Diff, int) {
	gotBy := map[string]*Symbol{}
	for _, g := range got {
		gotBy[g.Name] = g
	}
	seen := map[string]bool{}
	var diffs []Diff
	same := 0
	for _, w := range want {
		seen[w.Name] = true
		g := gotBy[w.Name]
		if g == nil {
			diffs = append(diffs, Diff{Name: w.Name, Want: w, Off: -1, At: -1, Reason: "missing from p9's object"})
			continue
		}
		if d, ok := compareSym(w, g); !ok {
			diffs = append(diffs, d)
			continue
		}
		same++
	}
	for _, g := range got {
		if !seen[g.Name] {
			diffs = append(diffs, Diff{Name: g.Name, Got: g, Off: -1, At: -1, Reason: "not defined by go tool asm"})
		}
	}
	return diffs, same
}

func compareSym(w, g *Symbol) (Diff, bool) {
	d := Diff{Name: w.Name, Want: w, Got: g, Off: -1, At: -1}
	if w.BSS() != g.BSS() || w.Kind != g.Kind {
		d.Reason = fmt.Sprintf("kind %s, go tool asm %s", g.Kind, w.Kind)
		return d, false
	}
	if w.BSS() {
		if w.Size != g.Size {
			d.Reason = fmt.Sprintf("size %d, go tool asm %d", g.Size, w.Size)
			return d, false
		}
		return d, true
	}
	wb, gb := mask(w.Bytes, w.Relocs, g.Relocs), mask(g.Bytes, w.Relocs, g.Relocs)
	if !bytes.Equal(wb, gb) {
		d.Off = 0
		for d.Off < len(wb) && d.Off < len(gb) && wb[d.Off] == gb[d.Off] {
			d.Off++
		}
		d.Reason = fmt.Sprintf("bytes differ at offset %#x (%d bytes, go tool asm %d)", d.Off, len(gb), len(wb))
		d.At = firstDifferingInst(w, g, wb, gb)
		if in := w.InstAt(d.Off); d.At >= 0 && (in == nil || in.Off != d.At) {
			d.Reason += fmt.Sprintf(", from the instruction at %#x", d.At)
		}
		return d, false
	}
	for i := 0; i < max(len(w.Relocs), len(g.Relocs)); i++ {
		if i >= len(w.Relocs) || i >= len(g.Relocs) || w.Relocs[i] != g.Relocs[i] {
			d.Reason = "relocations differ"
			d.RelocWant, d.RelocGot = w.Relocs, g.Relocs
			if i < len(w.Relocs) {
				d.Off = w.Relocs[i].Off
			} else {
				d.Off = g.Relocs[i].Off
			}
			return d, false
		}
	}
	return d, true
}

// mask returns a copy of code with the fields of both sides' relocations
// zeroed, so a relocation difference is reported as such.
func mask(code []byte, lists ...[]Reloc) []byte {
	b := append([]byte(nil), code...)
	for _, rs := range lists {
		for _, r := range rs {
			for i := max(r.Off, 0); i < r.Off+r.Size && i < len(b); i++ {
				b[i] = 0
			}
		}
	}
	return b
}

// firstDifferingInst walks both symbols' instructions while they start at
// the same offsets and returns the offset of the first whose length or
// (masked) bytes differ. A branch whose bytes differ at equal length
// differs in its displacement, most likely because a later instruction's
// length does: it is returned only when nothing else differs. It returns
// -1 when the instruction lists say nothing.
func firstDifferingInst(w, g *Symbol, wb, gb []byte) int {
	branch := -1
	for i := 0; i < len(w.Insts) && i < len(g.Insts); i++ {
		off := w.Insts[i].Off
		if g.Insts[i].Off != off {
			break
		}
		wend, gend := instEnd(w, i, len(wb)), instEnd(g, i, len(gb))
		if wend-off != gend-off {
			return off
		}
		if off > wend || bytes.Equal(wb[off:wend], gb[off:gend]) {
			continue
		}
		if op, _, _ := strings.Cut(w.Insts[i].Text, "\t"); !parser.IsJump(op) {
			return off
		}
		if branch < 0 {
			branch = off
		}
	}
	return branch
}

// instEnd is where instruction i of s ends, within n bytes.
func instEnd(s *Symbol, i, n int) int {
	end := n
	if i+1 < len(s.Insts) {
		end = s.Insts[i+1].Off
	}
	return max(min(end, n), min(s.Insts[i].Off, n))
}
