package x86

import "testing"

// TestLookupReg: the encoder takes the registers an instruction can name
// (package abi decodes them) and not the names that are no operand.
func TestLookupReg(t *testing.T) {
	for name, want := range map[string]Reg{
		"AX": {rkGP, 0}, "g": {rkGP, 14}, "R15B": {rkByte, 15}, "AH": {rkHigh, 4}, "GS": {rkSeg, 5},
		"CR8": {rkCtl, 8}, "TLS": {rkTLS, 0}, "X31": {rkX, 31}, "Y7": {rkY, 7}, "Z16": {rkZ, 16},
		"K7": {rkK, 7}, "M3": {rkMMX, 3}, "F0": {rkF, 0}, "DR6": {rkDbg, 6},
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
