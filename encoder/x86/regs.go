package x86

import "github.com/p9tools/p9/abi"

// RegKind says what a register name denotes (package abi's kinds).
type RegKind = abi.RegKind

// Reg is a register operand: its kind and hardware number.
type Reg struct {
	Kind RegKind
	Num  uint8 // hardware number 0..31
}

// LookupReg returns what a canonical register name (as the parser gives
// it) denotes, for the registers an instruction can take as an operand.
func LookupReg(name string) (Reg, bool) {
	r, ok := abi.LookupReg(name)
	if !ok {
		return Reg{}, false
	}
	switch r.Kind {
	case abi.RegTest, abi.RegSystem, abi.RegPseudo:
		// Names the parser knows that are no operand here.
		return Reg{}, false
	}
	return Reg{r.Kind, r.Num}, true
}

// String returns the register's name in Go's syntax.
func (r Reg) String() string {
	return abi.Reg{Kind: r.Kind, Num: uint8(r.Num)}.String()
}
