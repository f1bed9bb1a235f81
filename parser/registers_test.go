package parser

import (
	"strconv"
	"testing"
)

// registers maps every register name the amd64 assembler accepts to the
// name Operand.Reg carries, built the long way: the reference that
// LookupRegister is tested against. The names follow cmd/internal/obj/x86; "g" is
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

func TestLookupRegisterDecodes(t *testing.T) {
	for name, want := range registers {
		if got, ok := LookupRegister(name); !ok || got != want {
			t.Errorf("LookupRegister(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "R", "R0", "R7", "R16", "R08", "R7B", "R16B", "RB", "X32", "X01", "Z99",
		"K8", "M8", "F8", "DR8", "TR8", "CR16", "CR", "G", "EAX", "R8L", "R100", "X1a", "sb"} {
		if _, ok := registers[name]; ok {
			t.Fatalf("%q is a register; the near-miss list is wrong", name)
		}
		if got, ok := LookupRegister(name); ok {
			t.Errorf("LookupRegister(%q) = %q, want no register", name, got)
		}
	}
}
