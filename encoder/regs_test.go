package encoder

import (
	"fmt"
	"testing"
)

// referenceRegs lists every register name the encoder accepts, built the
// long way, for checking lookupReg's decoding.
func referenceRegs() map[string]regInfo {
	m := map[string]regInfo{}
	for i := 0; i < 16; i++ {
		m[gpNames[i]] = regInfo{rkGP, i}
		m[byteNames[i]] = regInfo{rkByte, i}
		m[fmt.Sprint("CR", i)] = regInfo{rkCtl, i}
	}
	for i, n := range highNames {
		m[n] = regInfo{rkHigh, 4 + i}
	}
	for i, n := range segNames {
		m[n] = regInfo{rkSeg, i}
	}
	for i := 0; i < 32; i++ {
		m[fmt.Sprint("X", i)] = regInfo{rkX, i}
		m[fmt.Sprint("Y", i)] = regInfo{rkY, i}
		m[fmt.Sprint("Z", i)] = regInfo{rkZ, i}
	}
	for i := 0; i < 8; i++ {
		m[fmt.Sprint("K", i)] = regInfo{rkK, i}
		m[fmt.Sprint("M", i)] = regInfo{rkMMX, i}
		m[fmt.Sprint("F", i)] = regInfo{rkF, i}
		m[fmt.Sprint("DR", i)] = regInfo{rkDbg, i}
	}
	m["TLS"] = regInfo{rkTLS, 0}
	m["g"] = regInfo{rkGP, 14}
	return m
}

func TestLookupReg(t *testing.T) {
	ref := referenceRegs()
	for name, want := range ref {
		got, ok := lookupReg(name)
		if !ok || got != want {
			t.Errorf("lookupReg(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	// Near misses: out-of-range numbers, leading zeros, wrong families.
	for _, name := range []string{"", "R", "R0", "R7", "R16", "R08", "X32", "X01", "Y-1", "Z99", "K8", "M8",
		"F8", "DR8", "CR16", "R7B", "R16B", "RB", "R8W", "AXL", "G", "TR0", "SB", "FP", "PC", "X1a", "CR", "EAX", "R100"} {
		if _, ok := ref[name]; ok {
			t.Fatalf("%q is a register; the near-miss list is wrong", name)
		}
		if got, ok := lookupReg(name); ok {
			t.Errorf("lookupReg(%q) = %v, want no register", name, got)
		}
	}
}

func TestCondCode(t *testing.T) {
	want := map[string]string{
		"JA": "JHI", "JAE": "JCC", "JB": "JCS", "JBE": "JLS", "JC": "JCS", "JE": "JEQ",
		"JG": "JGT", "JHS": "JCC", "JL": "JLT", "JLO": "JCS", "JNA": "JLS", "JNAE": "JCS",
		"JNB": "JCC", "JNBE": "JHI", "JNC": "JCC", "JNG": "JLE", "JNGE": "JLT", "JNL": "JGE",
		"JNLE": "JGT", "JNO": "JOC", "JNP": "JPC", "JNS": "JPL", "JNZ": "JNE", "JO": "JOS",
		"JP": "JPS", "JPE": "JPS", "JPO": "JPC", "JS": "JMI", "JZ": "JEQ",
	}
	for i, n := range ccNames {
		want["J"+n] = "J" + n
		if cc, ok := condCode("J" + n); !ok || int(cc) != i {
			t.Errorf("condCode(J%s) = %d, %v; want %d", n, cc, ok, i)
		}
	}
	for alias, canon := range want {
		a, ok1 := condCode(alias)
		c, ok2 := condCode(canon)
		if !ok1 || !ok2 || a != c {
			t.Errorf("condCode(%s) = %d, %v; condCode(%s) = %d, %v", alias, a, ok1, canon, c, ok2)
		}
	}
	for _, op := range []string{"J", "JMP", "JCXZL", "JX", "JEQQ", "SETEQ", "jeq"} {
		if _, ok := condCode(op); ok {
			t.Errorf("condCode(%s) accepted", op)
		}
	}
	if ccNames[ccCS] != "CS" || ccNames[ccLS] != "LS" {
		t.Errorf("ccCS/ccLS name %s/%s", ccNames[ccCS], ccNames[ccLS])
	}
}
