// Package goasm reads what go tool asm -S prints and what p9's encoder
// produces into one shape, symbols with bytes and ELF relocations, and
// compares the two. The conformance tests and p9as --compare-go share it.
package goasm

import (
	"strconv"
)

// Symbol is one defined symbol: its contents and relocations in ELF terms
// (per the object conventions), and for functions the listed instructions.
type Symbol struct {
	Name   string
	Kind   string // TEXT, RODATA, DATA, NOPTRDATA, BSS, NOPTRBSS, TLSBSS
	Size   int
	Bytes  []byte // nil for BSS kinds
	Relocs []Reloc
	Insts  []Inst // TEXT only: the instructions that hold bytes, in order
}

// BSS reports whether the symbol has no contents.
func (s *Symbol) BSS() bool {
	return s.Kind == "BSS" || s.Kind == "NOPTRBSS" || s.Kind == "TLSBSS"
}

// Reloc is a relocation relative to its symbol's start, in ELF terms:
// Type is an R_X86_64_* name and Addend is relative to the field's start.
type Reloc struct {
	Off, Size int
	Type      string
	Sym       string
	Addend    int64
}

// String prints a relocation as "off+size TYPE sym+addend".
func (r Reloc) String() string {
	add := strconv.FormatInt(r.Addend, 10)
	if r.Addend >= 0 {
		add = "+" + add
	}
	return strconv.Itoa(r.Off) + "+" + strconv.Itoa(r.Size) + " " + r.Type + " " + r.Sym + add
}

// Inst is one listed instruction: its offset in the symbol, its source
// position as file:line, and its text in Go syntax.
type Inst struct {
	Off  int
	Pos  string
	Line int
	Text string
}

// InstAt returns the last instruction starting at or before off, or nil.
func (s *Symbol) InstAt(off int) *Inst {
	var found *Inst
	for i := range s.Insts {
		if s.Insts[i].Off > off {
			break
		}
		found = &s.Insts[i]
	}
	return found
}
