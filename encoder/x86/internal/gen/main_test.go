package main

import (
	"fmt"
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

// formFeatureList reads generated source back as one line per form,
// "NAME spec => features", pairing listing's forms with formFeatures and
// featureSets.
func formFeatureList(t *testing.T, src []byte) string {
	t.Helper()
	s := string(src)
	setsText := s[strings.Index(s, "var featureSets"):]
	setsText = setsText[:strings.Index(setsText, "\n}\n")]
	var sets []string
	for _, l := range strings.Split(setsText, "\n")[1:] {
		sets = append(sets, strings.Trim(strings.TrimSpace(l), `",`))
	}
	idxText := s[strings.Index(s, "var formFeatures"):]
	idxText = idxText[strings.Index(idxText, "{")+1 : strings.Index(idxText, "}")]
	var idx []int
	for _, f := range strings.FieldsFunc(idxText, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		var n int
		fmt.Sscan(f, &n)
		idx = append(idx, n)
	}
	var forms []string
	for _, l := range strings.Split(listing(src), "\n") {
		if !strings.HasPrefix(l, "// ") {
			forms = append(forms, l)
		}
	}
	if len(forms) != len(idx) {
		t.Fatalf("%d forms, %d feature indexes", len(forms), len(idx))
	}
	var out []string
	for i, f := range forms {
		out = append(out, f+" => "+sets[idx[i]])
	}
	return strings.Join(out, "\n")
}

// TestGenerateFeatures checks the CPU features the generator gives forms:
// the CSV's CPUID column (AVX for 128-bit VPADDD, AVX2 for 256-bit, BMI1
// for ANDNQ), XED's ISA set where the column is empty (POPCNT) and for
// EVEX forms (AVX512F, with AVX512VL below 512 bits), the CSV row with the
// same encoding or XED's instruction for written-out forms, and none for
// the baseline.
func TestGenerateFeatures(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "s.spec")
	os.WriteFile(spec, []byte("VPADDD *\nANDNQ *\nPOPCNTQ r/m64,r64\nADDQ r/m64,r64\nRET {: C3; no operands}\n"+
		"CMPSD {xm@m,x@r,i8@i: F2 0F C2 /r ib; predicate last}\nREP {: F3; a prefix}\nVPSLLD *\nVPSLLD + {b8@i,y@m,y@v: VEX.256.66.0F.WIG 72 /6 ib; AVX2 form}\n"), 0o644)
	src, err := generate(csvFile(t), "xed", spec)
	if err != nil {
		t.Fatal(err)
	}
	got := formFeatureList(t, src)
	for _, want := range []string{
		"VPADDD xm@m,x@v,x@r: VEX.NDS.128.66.0F.WIG FE /r => AVX\n",
		"VPADDD ym@m,y@v,y@r: VEX.NDS.256.66.0F.WIG FE /r => AVX2\n",
		"VPADDD zm@m,z@v,z@r: EVEX.512.66.0F.W0 FE /r N=64 bcst=4 z => AVX512F\n",
		"VPADDD yme@m,ye@v,ye@r: EVEX.256.66.0F.W0 FE /r N=32 bcst=4 z => AVX512F,AVX512VL\n",
		"ANDNQ rm@m,r@v,r@r: VEX.NDS.LZ.0F38.W1 F2 /r => BMI1\n",
		"POPCNTQ rm,r: F3 W 0F B8 /r => POPCNT\n",
		"ADDQ rm,r: W 03 /r => \n",
		"RET : C3 => \n",
		"CMPSD xm@m,x@r,i8@i: F2 0F C2 /r ib => SSE2\n",
		"REP : F3 => \n",
		"VPSLLD b8@i,y@m,y@v: VEX.256.66.0F.WIG 72 /6 ib => AVX2\n",
	} {
		if !strings.Contains(got+"\n", want) {
			t.Errorf("generated table lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("forms and features:\n%s", got)
	}
}
