package parser

import "github.com/p9tools/p9/abi"

// LookupRegister returns the canonical name of a register ("R14" for "g"),
// accepting every register name the amd64 assembler accepts and the
// pseudo-registers SB, FP and PC (package abi decodes them).
func LookupRegister(name string) (string, bool) {
	r, ok := abi.LookupReg(name)
	if !ok {
		return "", false
	}
	if name == "g" {
		return r.String(), true
	}
	// The name is already canonical: return it rather than build it again.
	return name, true
}

// IsRegister reports whether name is a register name (including the
// pseudo-registers SB, FP, SP and PC and the alias g).
func IsRegister(name string) bool {
	_, ok := abi.LookupReg(name)
	return ok
}

// IsPseudoRegister reports whether name is SB, FP or PC, which name a
// symbol kind rather than a machine register. SP is a machine register
// unless a symbol precedes it (x-8(SP)).
func IsPseudoRegister(name string) bool {
	r, ok := abi.LookupReg(name)
	return ok && r.Kind == abi.RegPseudo
}
