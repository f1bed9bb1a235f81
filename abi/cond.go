package abi

// Condition codes in Go's spelling, indexed by the x86 condition number
// (Jcc, SETcc and CMOVcc suffixes).
var CondNames = [16]string{"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI", "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"}

// The conditions a stack-split prologue branches on.
const (
	CondCS byte = 2 // unsigned below
	CondLS byte = 6 // unsigned below or equal
)

// JumpCond returns the condition number of a conditional jump mnemonic,
// Go's (JEQ) or one of the Intel-style aliases Go accepts (JE, JZ).
func JumpCond(op string) (byte, bool) {
	if len(op) < 2 || op[0] != 'J' {
		return 0, false
	}
	for i, n := range CondNames {
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
