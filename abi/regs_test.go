package abi

import (
	"fmt"
	"testing"
)

// referenceRegs lists every register name Go's amd64 assembler accepts,
// built the long way, for checking LookupReg's decoding.
func referenceRegs() map[string]Reg {
	m := map[string]Reg{}
	for i := 0; i < 16; i++ {
		if i < 8 {
			m[gpNames[i]] = Reg{RegGP, uint8(i)}
			m[byteNames[i]] = Reg{RegByte, uint8(i)}
		} else {
			m[fmt.Sprint("R", i)] = Reg{RegGP, uint8(i)}
			m[fmt.Sprint("R", i, "B")] = Reg{RegByte, uint8(i)}
		}
		m[fmt.Sprint("CR", i)] = Reg{RegCtl, uint8(i)}
	}
	for i, n := range highNames {
		m[n] = Reg{RegHigh, uint8(4 + i)}
	}
	for i, n := range segNames {
		m[n] = Reg{RegSeg, uint8(i)}
	}
	for i, n := range systemNames {
		m[n] = Reg{RegSystem, uint8(i)}
	}
	for i, n := range pseudoNames {
		m[n] = Reg{RegPseudo, uint8(i)}
	}
	for i := 0; i < 32; i++ {
		m[fmt.Sprint("X", i)] = Reg{RegX, uint8(i)}
		m[fmt.Sprint("Y", i)] = Reg{RegY, uint8(i)}
		m[fmt.Sprint("Z", i)] = Reg{RegZ, uint8(i)}
	}
	for i := 0; i < 8; i++ {
		m[fmt.Sprint("K", i)] = Reg{RegK, uint8(i)}
		m[fmt.Sprint("M", i)] = Reg{RegMMX, uint8(i)}
		m[fmt.Sprint("F", i)] = Reg{RegF, uint8(i)}
		m[fmt.Sprint("DR", i)] = Reg{RegDbg, uint8(i)}
		m[fmt.Sprint("TR", i)] = Reg{RegTest, uint8(i)}
	}
	m["TLS"] = Reg{RegTLS, 0}
	return m
}

func TestLookupReg(t *testing.T) {
	ref := referenceRegs()
	for name, want := range ref {
		got, ok := LookupReg(name)
		if !ok || got != want {
			t.Errorf("LookupReg(%q) = %v, %v; want %v", name, got, ok, want)
		}
		if s := got.String(); s != name {
			t.Errorf("%q decodes to a register named %q", name, s)
		}
	}
	if got, ok := LookupReg("g"); !ok || got != (Reg{RegGP, 14}) || got.String() != "R14" {
		t.Errorf("LookupReg(g) = %v %v, want R14", got, ok)
	}
	// Near misses: out-of-range numbers, leading zeros, wrong families.
	for _, name := range []string{"", "R", "R0", "R7", "R16", "R08", "X32", "X01", "Y-1", "Z99", "K8", "M8",
		"F8", "DR8", "TR8", "CR16", "R7B", "R16B", "RB", "R8W", "AXL", "G", "X1a", "CR", "EAX", "R100", "sb"} {
		if _, ok := ref[name]; ok {
			t.Fatalf("%q is a register; the near-miss list is wrong", name)
		}
		if got, ok := LookupReg(name); ok {
			t.Errorf("LookupReg(%q) = %v, want no register", name, got)
		}
	}
}

func BenchmarkLookupReg(b *testing.B) {
	names := []string{"AX", "R15", "X12", "Z31", "SB", "foo", "main", "K3", "DI"}
	for b.Loop() {
		for _, n := range names {
			LookupReg(n)
		}
	}
}
