package x86

import (
	"testing"

	"github.com/p9tools/p9/abi"
)

// TestLookupReg: the encoder takes the registers an instruction can name
// (package abi decodes them) and not the names that are no operand.
func TestLookupReg(t *testing.T) {
	for name, want := range map[string]Reg{
		"AX": {abi.RegGP, 0}, "g": {abi.RegGP, 14}, "R15B": {abi.RegByte, 15}, "AH": {abi.RegHigh, 4}, "GS": {abi.RegSeg, 5},
		"CR8": {abi.RegCtl, 8}, "TLS": {abi.RegTLS, 0}, "X31": {abi.RegX, 31}, "Y7": {abi.RegY, 7}, "Z16": {abi.RegZ, 16},
		"K7": {abi.RegK, 7}, "M3": {abi.RegMMX, 3}, "F0": {abi.RegF, 0}, "DR6": {abi.RegDbg, 6},
	} {
		if got, ok := LookupReg(name); !ok || got != want {
			t.Errorf("LookupReg(%q) = %v, %v; want %v", name, got, ok, want)
		}
		if got := want.String(); name != "g" && got != name {
			t.Errorf("String(%v) = %q, want %q", want, got, name)
		}
	}
	for _, name := range []string{"TR0", "SB", "FP", "PC", "GDTR", "MSW", "R7", "X32", "foo"} {
		if got, ok := LookupReg(name); ok {
			t.Errorf("LookupReg(%q) = %v, want no operand register", name, got)
		}
	}
}
