package encoder

// Condition codes in Go's spelling, indexed by the x86 condition number
// (Jcc, SETcc and CMOVcc suffixes).
var ccNames = [16]string{"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI", "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"}

// The conditions the stack-check prologue branches on.
const (
	ccCS byte = 2 // unsigned below
	ccLS byte = 6 // unsigned below or equal
)

// Register names by hardware number: general-purpose, their low bytes,
// the legacy high bytes (numbers 4..7) and the segment registers.
var (
	gpNames   = [16]string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
	byteNames = [16]string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R10B", "R11B", "R12B", "R13B", "R14B", "R15B"}
	highNames = [4]string{"AH", "CH", "DH", "BH"}
	segNames  = [6]string{"ES", "CS", "SS", "DS", "FS", "GS"}
)

// condCode returns the condition number of a conditional jump mnemonic,
// Go's (JEQ) or one of the Intel-style aliases Go accepts (JE, JZ).
func condCode(op string) (byte, bool) {
	if len(op) < 2 || op[0] != 'J' {
		return 0, false
	}
	for i, n := range ccNames {
		if op[1:] == n {
			return byte(i), true
		}
	}
	switch op[1:] {
	case "O":
		return 0, true
	case "NO":
		return 1, true
	case "B", "C", "LO", "NAE":
		return 2, true
	case "AE", "HS", "NB", "NC":
		return 3, true
	case "E", "Z":
		return 4, true
	case "NZ":
		return 5, true
	case "BE", "NA":
		return 6, true
	case "A", "NBE":
		return 7, true
	case "S":
		return 8, true
	case "NS":
		return 9, true
	case "P", "PE":
		return 10, true
	case "NP", "PO":
		return 11, true
	case "L", "NGE":
		return 12, true
	case "NL":
		return 13, true
	case "NG":
		return 14, true
	case "G", "NLE":
		return 15, true
	}
	return 0, false
}
