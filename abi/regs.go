package abi

import (
	"slices"
	"strconv"
)

// RegKind says what a register name denotes.
type RegKind uint8

// The kinds.
const (
	RegNone   RegKind = iota
	RegGP             // AX..R15: the width comes from the instruction
	RegByte           // AL..R15B, SPB..DIB
	RegHigh           // AH, CH, DH, BH: only encodable without REX
	RegSeg            // ES, CS, SS, DS, FS, GS
	RegCtl            // CR0..CR15
	RegTLS            // the TLS pseudo-register
	RegX              // X0..X31
	RegY              // Y0..Y31
	RegZ              // Z0..Z31
	RegK              // K0..K7
	RegMMX            // M0..M7
	RegF              // F0..F7, the x87 stack
	RegDbg            // DR0..DR7
	RegTest           // TR0..TR7
	RegSystem         // GDTR, IDTR, LDTR, MSW, TASK
	RegPseudo         // SB, FP, PC: symbol kinds, not machine registers
)

// Reg is a register: its kind and its number within the kind (the
// hardware number for machine registers).
type Reg struct {
	Kind RegKind
	Num  uint8
}

// Names of the registers whose numbers are not in their names, in
// hardware order.
var (
	gpNames     = [8]string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI"}
	byteNames   = [8]string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB"}
	highNames   = [4]string{"AH", "CH", "DH", "BH"}
	segNames    = [6]string{"ES", "CS", "SS", "DS", "FS", "GS"}
	systemNames = [5]string{"GDTR", "IDTR", "LDTR", "MSW", "TASK"}
	pseudoNames = [3]string{"SB", "FP", "PC"}
)

// LookupReg decodes every register name Go's amd64 assembler accepts (the
// names of cmd/internal/obj/x86), the pseudo-registers SB, FP and PC, and
// g (R14, where Go's register ABI keeps the current goroutine). It decodes
// the name rather than consulting a table, so start-up builds nothing.
func LookupReg(name string) (Reg, bool) {
	// A switch, not a loop over the name lists: the parser asks about
	// every identifier, and Go compiles this to a few comparisons.
	switch name {
	case "AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI":
		return Reg{RegGP, uint8(slices.Index(gpNames[:], name))}, true
	case "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB":
		return Reg{RegByte, uint8(slices.Index(byteNames[:], name))}, true
	case "AH", "CH", "DH", "BH":
		return Reg{RegHigh, 4 + uint8(slices.Index(highNames[:], name))}, true
	case "ES", "CS", "SS", "DS", "FS", "GS":
		return Reg{RegSeg, uint8(slices.Index(segNames[:], name))}, true
	case "GDTR", "IDTR", "LDTR", "MSW", "TASK":
		return Reg{RegSystem, uint8(slices.Index(systemNames[:], name))}, true
	case "SB", "FP", "PC":
		return Reg{RegPseudo, uint8(slices.Index(pseudoNames[:], name))}, true
	case "TLS":
		return Reg{RegTLS, 0}, true
	case "g":
		return Reg{RegGP, 14}, true
	}
	if len(name) > 2 && name[0] == 'R' && name[len(name)-1] == 'B' {
		if n, ok := regNumber(name[1 : len(name)-1]); ok && n >= 8 && n < 16 {
			return Reg{RegByte, uint8(n)}, true
		}
		return Reg{}, false
	}
	i := 0
	for i < len(name) && (name[i] < '0' || name[i] > '9') {
		i++
	}
	n, ok := regNumber(name[i:])
	if !ok || i == 0 {
		return Reg{}, false
	}
	kind, lo, hi := RegGP, 8, 16 // R8..R15
	if name[:i] != "R" {
		k := slices.Index(numberedPrefix[:], name[:i])
		if k < 0 {
			return Reg{}, false
		}
		kind, lo, hi = RegKind(k), 0, 8
		switch kind {
		case RegX, RegY, RegZ:
			hi = 32
		case RegCtl:
			hi = 16
		}
	}
	if n < lo || n >= hi {
		return Reg{}, false
	}
	return Reg{kind, uint8(n)}, true
}

// regNumber decodes the number in a register name ("12" of "X12"): one or
// two decimal digits without a leading zero.
func regNumber(s string) (int, bool) {
	switch {
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9':
		return int(s[0] - '0'), true
	case len(s) == 2 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9':
		return int(s[0]-'0')*10 + int(s[1]-'0'), true
	}
	return 0, false
}

// String is the register's canonical name: R14 for g, R8..R15 for the
// upper general registers.
func (r Reg) String() string {
	n := int(r.Num)
	switch r.Kind {
	case RegGP:
		if n < 8 {
			return gpNames[n]
		}
		return "R" + strconv.Itoa(n)
	case RegByte:
		if n < 8 {
			return byteNames[n]
		}
		return "R" + strconv.Itoa(n) + "B"
	case RegHigh:
		return highNames[n-4]
	case RegSeg:
		return segNames[n]
	case RegSystem:
		return systemNames[n]
	case RegPseudo:
		return pseudoNames[n]
	case RegTLS:
		return "TLS"
	}
	if int(r.Kind) >= len(numberedPrefix) || numberedPrefix[r.Kind] == "" {
		return "?"
	}
	return numberedPrefix[r.Kind] + strconv.Itoa(n)
}

// numberedPrefix is the name of a register of each kind that numbers
// all its registers, without the number.
var numberedPrefix = [...]string{RegX: "X", RegY: "Y", RegZ: "Z", RegK: "K", RegMMX: "M", RegF: "F",
	RegCtl: "CR", RegDbg: "DR", RegTest: "TR"}
