package abi

import (
	"slices"
	"strings"
)

// Condition codes in Go's spelling, indexed by the x86 condition number
// (Jcc, SETcc and CMOVcc suffixes).
var CondNames = [16]string{"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI", "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"}

// The conditions a stack-split prologue branches on.
const (
	CondCS byte = 2 // unsigned below
	CondLS byte = 6 // unsigned below or equal
)

// condAliases are, by condition number, the Intel-style suffixes Go also
// accepts in a conditional jump's mnemonic (JE, JZ for JEQ).
var condAliases = [16][]string{
	{"O"}, {"NO"}, {"B", "C", "LO", "NAE"}, {"AE", "HS", "NB", "NC"}, {"E", "Z"}, {"NZ"}, {"BE", "NA"}, {"A", "NBE"},
	{"S"}, {"NS"}, {"P", "PE"}, {"NP", "PO"}, {"L", "NGE"}, {"NL"}, {"NG"}, {"G", "NLE"},
}

// JumpCond returns the condition number of a conditional jump mnemonic,
// Go's (JEQ) or one of the Intel-style aliases Go accepts (JE, JZ).
func JumpCond(op string) (byte, bool) {
	cond, ok := strings.CutPrefix(op, "J")
	if !ok {
		return 0, false
	}
	for i, n := range CondNames {
		if cond == n || slices.Contains(condAliases[i], cond) {
			return byte(i), true
		}
	}
	return 0, false
}
