package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvFile finds x86.v0.2.csv as go generate does.
func csvFile(t *testing.T) string {
	p, err := archCSV()
	if err != nil {
		t.Skip(err)
	}
	return p
}

// listing reads generated source back as one line per form, "NAME spec",
// and one per reason, "// reason", in the order written.
func listing(src []byte) string {
	var out []string
	name := ""
	for _, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if c, ok := strings.CutPrefix(l, "// "); ok {
			if isIdent(c) {
				name = c
			} else if name != "" {
				out = append(out, l)
			}
			continue
		}
		if name == "" || !strings.HasPrefix(l, "{") {
			continue
		}
		if i := strings.LastIndex(l, "}, "); i >= 0 {
			if spec, ok := strings.CutPrefix(strings.TrimSpace(l[i+3:]), "// "); ok {
				out = append(out, name+" "+spec)
			}
		}
	}
	return strings.Join(out, "\n")
}

func TestGenerateSmallSpec(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.spec")
	os.WriteFile(spec, []byte("# comment\nADDQ imm8,r/m64 | imm32,RAX\nSETEQ r/m8\nMOVQ {i32,r: B8 +r id; zero-extends}\nPOPQ FS\n"), 0o644)
	src, err := generate(csvFile(t), "", spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ADDQ i8,rm: W 83 /0 ib",
		"ADDQ i32,ax: W 05 id",
		"SETEQ rm8: 0F 94 /0", // ModRM.reg unused: Go writes 0
		"// zero-extends\nMOVQ i32,r: B8 +r id",
		"POPQ fs: 0F A1", // not the operand16 row
	} {
		if !strings.Contains(listing(src), want) {
			t.Errorf("generated table lacks %s:\n%s", want, src)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, spec := range []string{
		"MOVQ {i32,r: B8 +r id}\n", // literal without a reason
		"ADDQ imm8,r/m99\n",        // unknown operand
		"FROBQ r64,r/m64\n",        // no CSV row
		"ADDQ imm8=i8,r/m64,r64\n", // no CSV row with three operands
		"MOVQ {i32,r: B8 +r zz; bad token}\n",
		"MOVQ {q9,r: B8 +r id; unknown class}\n",
		"MOVQ {i32,r: ; no opcode}\n",
		"MOVQ {i32@i,r: B8 id; some operands name their field}\n",
		"VADDPD {xm@m,x@v,x@r: VEX.128.66.W0 58 /r; no opcode map}\n",
		"MOVQ {i32@i,r@r,r@r: B8 id; two operands in one field}\n",
		"MOVQ {i32,r: B8 +r /r id; +r with ModRM}\n",
	} {
		p := filepath.Join(t.TempDir(), "s.spec")
		os.WriteFile(p, []byte(spec), 0o644)
		if _, err := generate(csvFile(t), "", p); err == nil {
			t.Errorf("%q: no error", spec)
		}
	}
}

func TestGenerateAutoAndXED(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.spec")
	os.WriteFile(spec, []byte("ADDPD VADDPD *\nVMOVQ * xmm1,r/m64 | m64,xmm1\nVPSLLD *\nVPSLLD + {b8@i,y@m,y@v: VEX.256.66.0F.WIG 72 /6 ib; AVX2 form}\n"), 0o644)
	src, err := generate(csvFile(t), "xed", spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ADDPD xm@m,x@r: 66 0F 58 /r",
		"VADDPD xm@m,x@v,x@r: VEX.NDS.128.66.0F.WIG 58 /r",
		// XED adds the EVEX forms after the CSV's VEX forms: with and without a mask.
		"VADDPD zm@m,z@v,z@r: EVEX.512.66.0F.W1 58 /r N=64 bcst=8 rc z",
		"VADDPD zm@m,z@v,kn0@k,z@r: EVEX.512.66.0F.W1 58 /r N=64 bcst=8 rc z",
		"VMOVQ x@r,rm@m: VEX.128.66.0F.W1 7E /r\nVMOVQ m@m,x@r: VEX.128.F3.0F.WIG 7E /r",
		"// AVX2 form\nVPSLLD b8@i,y@m,y@v: VEX.256.66.0F.WIG 72 /6 ib",
		// Mnemonics only XED knows come with their VEX forms too.
		"KANDW k@m,k@v,k@r: VEX.256.0F.W0 41 /r",
	} {
		if !strings.Contains(listing(src), want) {
			t.Errorf("generated table lacks %s", want)
		}
	}
	if strings.Contains(string(src), "VADDPD xm@m,x@v,x@r: VEX.128.66.0F.W0 58 /r") {
		t.Error("XED's VEX forms duplicate the CSV's")
	}
}
