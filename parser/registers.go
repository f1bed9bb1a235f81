package parser

import "strconv"

// registers maps every register name the amd64 assembler accepts to the
// name Operand.Reg carries. The names follow cmd/internal/obj/x86; "g" is
// Go's alias for R14, the goroutine register.
var registers = buildRegisters()

func buildRegisters() map[string]string {
	m := make(map[string]string, 256)
	add := func(names ...string) {
		for _, n := range names {
			m[n] = n
		}
	}
	add("AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB")
	add("AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI")
	add("AH", "CH", "DH", "BH")
	for i := 8; i < 16; i++ {
		n := strconv.Itoa(i)
		add("R"+n, "R"+n+"B")
	}
	for i := 0; i < 8; i++ {
		n := strconv.Itoa(i)
		add("F"+n, "M"+n, "K"+n, "DR"+n, "TR"+n)
	}
	for i := 0; i < 32; i++ {
		n := strconv.Itoa(i)
		add("X"+n, "Y"+n, "Z"+n)
	}
	for i := 0; i < 16; i++ {
		add("CR" + strconv.Itoa(i))
	}
	add("CS", "SS", "DS", "ES", "FS", "GS")
	add("GDTR", "IDTR", "LDTR", "MSW", "TASK", "TLS")
	add("SB", "FP", "PC") // pseudo-registers; SP is both
	m["g"] = "R14"
	return m
}

// IsRegister reports whether name is a register name (including the
// pseudo-registers SB, FP, SP and PC and the alias g).
func IsRegister(name string) bool {
	_, ok := registers[name]
	return ok
}

// LookupRegister returns the canonical name of a register ("R14" for "g").
func LookupRegister(name string) (string, bool) {
	r, ok := registers[name]
	return r, ok
}

// IsPseudoRegister reports whether name is SB, FP or PC, which name a
// symbol kind rather than a machine register. SP is a machine register
// unless a symbol precedes it (x-8(SP)).
func IsPseudoRegister(name string) bool {
	return name == "SB" || name == "FP" || name == "PC"
}
