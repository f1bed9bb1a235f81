package encoder

import "github.com/p9tools/p9/abi"

// regKind says what a register name denotes (package abi's kinds).
type regKind = abi.RegKind

// The kinds of register the encoder takes as operands.
const (
	rkNone = abi.RegNone
	rkGP   = abi.RegGP
	rkByte = abi.RegByte
	rkHigh = abi.RegHigh
	rkSeg  = abi.RegSeg
	rkCtl  = abi.RegCtl
	rkTLS  = abi.RegTLS
	rkX    = abi.RegX
	rkY    = abi.RegY
	rkZ    = abi.RegZ
	rkK    = abi.RegK
	rkMMX  = abi.RegMMX
	rkF    = abi.RegF
	rkDbg  = abi.RegDbg
)

type regInfo struct {
	kind regKind
	num  int // hardware number 0..31
}

// lookupReg returns what a canonical register name (as the parser gives
// it) denotes, for the registers an instruction can take as an operand.
func lookupReg(name string) (regInfo, bool) {
	r, ok := abi.LookupReg(name)
	if !ok {
		return regInfo{}, false
	}
	switch r.Kind {
	case abi.RegTest, abi.RegSystem, abi.RegPseudo:
		// Names the parser knows that are no operand here.
		return regInfo{}, false
	}
	return regInfo{r.Kind, int(r.Num)}, true
}

// regName is a register's name, as the listing prints it.
func regName(r regInfo) string {
	return abi.Reg{Kind: r.kind, Num: uint8(r.num)}.String()
}

// gpName is the name of general register n.
func gpName(n int) string { return regName(regInfo{rkGP, n}) }

// indexName prints a memory operand's index register.
func indexName(a *arg) string {
	switch a.ixKind {
	case rkX, rkY, rkZ:
		return regName(regInfo{a.ixKind, a.index})
	}
	return gpName(a.index & 15)
}
