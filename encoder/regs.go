package encoder

import "github.com/p9tools/p9/parser"

// regKind says what a register name denotes.
type regKind uint8

const (
	rkNone regKind = iota
	rkGP           // AX..R15: width comes from the instruction
	rkByte         // AL..R15B, SPB..DIB
	rkHigh         // AH, CH, DH, BH: only encodable without REX
	rkSeg          // CS..GS
	rkCtl          // CR0..CR15
	rkTLS          // the TLS pseudo-register
	rkX            // X0..X31
	rkY            // Y0..Y31
	rkZ            // Z0..Z31
	rkK            // K0..K7
	rkMMX          // M0..M7
	rkF            // F0..F7, the x87 stack
	rkDbg          // DR0..DR7
)

type regInfo struct {
	kind regKind
	num  int // hardware number 0..15
}

// lookupReg returns what a canonical register name (as the parser gives
// it) denotes. It decodes the name rather than consulting a table built at
// start-up, so a run that assembles one line pays nothing for it.
func lookupReg(name string) (regInfo, bool) {
	switch name {
	case "AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI":
		return regInfo{rkGP, indexOf(gpNames[:8], name)}, true
	case "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB":
		return regInfo{rkByte, indexOf(byteNames[:], name)}, true
	case "AH", "CH", "DH", "BH":
		return regInfo{rkHigh, 4 + indexOf(highNames[:], name)}, true
	case "ES", "CS", "SS", "DS", "FS", "GS":
		return regInfo{rkSeg, indexOf(segNames[:], name)}, true
	case "TLS":
		return regInfo{rkTLS, 0}, true
	case "g": // R14 is g in Go's register ABI
		return regInfo{rkGP, 14}, true
	}
	if len(name) > 2 && name[0] == 'R' && name[len(name)-1] == 'B' {
		if n, ok := parser.RegisterNumber(name[1 : len(name)-1]); ok && n >= 8 && n < 16 {
			return regInfo{rkByte, n}, true
		}
		return regInfo{}, false
	}
	i := 0
	for i < len(name) && (name[i] < '0' || name[i] > '9') {
		i++
	}
	n, ok := parser.RegisterNumber(name[i:])
	if !ok {
		return regInfo{}, false
	}
	var kind regKind
	limit := 8
	switch name[:i] {
	case "R":
		kind, limit = rkGP, 16
		if n < 8 {
			return regInfo{}, false
		}
	case "X":
		kind, limit = rkX, 32
	case "Y":
		kind, limit = rkY, 32
	case "Z":
		kind, limit = rkZ, 32
	case "CR":
		kind, limit = rkCtl, 16
	case "K":
		kind = rkK
	case "M":
		kind = rkMMX
	case "F":
		kind = rkF
	case "DR":
		kind = rkDbg
	default:
		return regInfo{}, false
	}
	if n >= limit {
		return regInfo{}, false
	}
	return regInfo{kind, n}, true
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// regName prints the registers the listing's own cases do not cover.
func regName(r regInfo) string {
	switch r.kind {
	case rkMMX:
		return "M" + itoa(r.num)
	case rkF:
		return "F" + itoa(r.num)
	case rkDbg:
		return "DR" + itoa(r.num)
	}
	return "?"
}

// indexName prints a memory operand's index register.
func indexName(a *arg) string {
	switch a.ixKind {
	case rkX, rkY, rkZ:
		return string("XYZ"[a.ixKind-rkX]) + itoa(a.index)
	}
	return gpNames[a.index&15]
}
