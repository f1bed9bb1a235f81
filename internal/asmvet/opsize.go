package asmvet

import (
	"strings"

	"github.com/p9tools/p9/parser"
)

// opcode is the mnemonic as go vet reads it off the line: its leading
// capital letters (CVTSL2SD is read as CVTSL), since the size rules
// below look at how that word ends.
func opcode(op string) string {
	n := 0
	for n < len(op) && op[n] >= 'A' && op[n] <= 'Z' {
		n++
	}
	return op[:n]
}

// operandSize is the bytes st accesses through its operand i (0 when its
// name does not say), and whether its memory operands are addresses taken
// rather than values read; the rules are go vet's. LEAQ takes its first
// operand's address and writes a pointer to the other.
func operandSize(st *parser.Stmt, i int) (kind, bool) {
	op := opcode(st.Op)
	switch {
	case op != "LEAQ":
		return scalarSize(op), false
	case i == 0 && len(st.Args) > 1:
		return 0, true
	}
	return kind(ptrSize), true
}

// scalarSize reads an operand size off a mnemonic's name.
func scalarSize(op string) kind {
	has, ends := strings.HasPrefix, strings.HasSuffix
	switch {
	case op == "":
		return 0
	case has(op, "F") && (ends(op, "D") || ends(op, "DP")): // FMOVDP, FXCHD
		return 8
	case has(op, "P") && ends(op, "RD"): // PINSRD, PEXTRD
		return 4
	case has(op, "F") && (ends(op, "F") || ends(op, "FP")): // FMOVFP
		return 4
	case ends(op, "SD"): // MOVSD, SQRTSD
		return 8
	case ends(op, "SS"): // MOVSS, SQRTSS
		return 4
	case op == "MOVO" || op == "MOVOU":
		return 16
	case has(op, "SET"): // SETEQ
		return 1
	}
	switch op[len(op)-1] {
	case 'B':
		return 1
	case 'W':
		return 2
	case 'L':
		return 4
	case 'D', 'Q':
		return 8
	}
	return 0
}
