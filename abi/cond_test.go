package abi

import "testing"

func TestCondCode(t *testing.T) {
	want := map[string]string{
		"JA": "JHI", "JAE": "JCC", "JB": "JCS", "JBE": "JLS", "JC": "JCS", "JE": "JEQ",
		"JG": "JGT", "JHS": "JCC", "JL": "JLT", "JLO": "JCS", "JNA": "JLS", "JNAE": "JCS",
		"JNB": "JCC", "JNBE": "JHI", "JNC": "JCC", "JNG": "JLE", "JNGE": "JLT", "JNL": "JGE",
		"JNLE": "JGT", "JNO": "JOC", "JNP": "JPC", "JNS": "JPL", "JNZ": "JNE", "JO": "JOS",
		"JP": "JPS", "JPE": "JPS", "JPO": "JPC", "JS": "JMI", "JZ": "JEQ",
	}
	for i, n := range CondNames {
		want["J"+n] = "J" + n
		if cc, ok := JumpCond("J" + n); !ok || int(cc) != i {
			t.Errorf("JumpCond(J%s) = %d, %v; want %d", n, cc, ok, i)
		}
	}
	for alias, canon := range want {
		a, ok1 := JumpCond(alias)
		c, ok2 := JumpCond(canon)
		if !ok1 || !ok2 || a != c {
			t.Errorf("JumpCond(%s) = %d, %v; JumpCond(%s) = %d, %v", alias, a, ok1, canon, c, ok2)
		}
	}
	for _, op := range []string{"J", "JMP", "JCXZL", "JX", "JEQQ", "SETEQ", "jeq"} {
		if _, ok := JumpCond(op); ok {
			t.Errorf("JumpCond(%s) accepted", op)
		}
	}
	if CondNames[CondCS] != "CS" || CondNames[CondLS] != "LS" {
		t.Errorf("CondCS/CondLS name %s/%s", CondNames[CondCS], CondNames[CondLS])
	}
}
