package encoder

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

var regs = map[string]regInfo{}

func init() {
	gp := []string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI",
		"R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
	by := []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB",
		"R8B", "R9B", "R10B", "R11B", "R12B", "R13B", "R14B", "R15B"}
	for i, n := range gp {
		regs[n] = regInfo{rkGP, i}
		regs[by[i]] = regInfo{rkByte, i}
	}
	for i, n := range []string{"AH", "CH", "DH", "BH"} {
		regs[n] = regInfo{rkHigh, 4 + i}
	}
	for i, n := range []string{"ES", "CS", "SS", "DS", "FS", "GS"} {
		regs[n] = regInfo{rkSeg, i}
	}
	for i := 0; i < 16; i++ {
		regs["CR"+itoa(i)] = regInfo{rkCtl, i}
	}
	regs["TLS"] = regInfo{rkTLS, 0}
	for i := 0; i < 32; i++ {
		regs["X"+itoa(i)] = regInfo{rkX, i}
		regs["Y"+itoa(i)] = regInfo{rkY, i}
		regs["Z"+itoa(i)] = regInfo{rkZ, i}
	}
	for i := 0; i < 8; i++ {
		regs["K"+itoa(i)] = regInfo{rkK, i}
	}
	for i := 0; i < 8; i++ {
		regs["M"+itoa(i)] = regInfo{rkMMX, i}
		regs["F"+itoa(i)] = regInfo{rkF, i}
		regs["DR"+itoa(i)] = regInfo{rkDbg, i}
	}
	// R14 is g in Go's register ABI; Go's assembler accepts the name g.
	regs["g"] = regInfo{rkGP, 14}
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
