package asm_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestRequiresFeatures checks the example: a function using
// VPADDD Y1, Y2, Y3 and ANDNQ AX, BX, CX needs AVX2 and BMI1; one without
// such instructions needs nothing; EVEX forms need AVX-512's features
// (AVX512VL for 128 and 256 bits); -S --requires shows them under each
// function's header, and -S alone leaves the listing as go tool asm's.
func TestRequiresFeatures(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"r.s": `#include "textflag.h"
TEXT ·f(SB), NOSPLIT, $0-0
	VPADDD	Y1, Y2, Y3
	ANDNQ	AX, BX, CX
	RET
TEXT ·plain(SB), NOSPLIT, $0-0
	ADDQ	AX, BX
	RET
TEXT ·evex(SB), NOSPLIT, $0-0
	VPADDB	Y1, Y2, K1, Y3
	VPADDD	Z1, Z2, Z3
	POPCNTQ	AX, BX
	RET
TEXT ·sse(SB), NOSPLIT, $0-0
	ADDSD	X1, X2
	ADDPS	X1, X2
	PSHUFB	X1, X2
	RET
`})
	got := testutil.MustRun(t, dir, "p9as", "--requires", "-o", "r.o", "r.s").Stdout
	want := "main.f // Requires: AVX2, BMI1\n" +
		"main.plain\n" +
		"main.evex // Requires: AVX512BW, AVX512F, AVX512VL, POPCNT\n" +
		"main.sse // Requires: SSE, SSE2, SSSE3\n"
	if got != want {
		t.Errorf("p9as --requires:\n%s\nwant:\n%s", got, want)
	}
	listing := testutil.MustRun(t, dir, "p9as", "-S", "--requires", "-o", "r.o", "r.s").Stdout
	if !strings.Contains(listing, "main.f STEXT size=10 args=0x0 locals=0x0\n\t// Requires: AVX2, BMI1\n\t0x0000 00000 (r.s:2)\tTEXT\tmain.f(SB)") {
		t.Errorf("-S --requires: no Requires line under main.f's header:\n%s", listing)
	}
	if strings.Contains(listing, "main.plain STEXT size=4 args=0x0 locals=0x0\n\t//") {
		t.Errorf("-S --requires: a Requires line for main.plain:\n%s", listing)
	}
	plain := testutil.MustRun(t, dir, "p9as", "-S", "-o", "r.o", "r.s").Stdout
	if strings.Contains(plain, "Requires") {
		t.Errorf("-S without --requires prints features:\n%s", plain)
	}
}

// avoNames maps the names avo gives CPU features to CPUID's, which p9as
// prints; CMOV is in the x86-64 baseline, which p9as does not list.
var avoNames = map[string]string{"FMA3": "FMA", "BMI": "BMI1", "SSE4.1": "SSE4_1", "SSE4.2": "SSE4_2", "CMOV": ""}

// TestRequiresAvo assembles files avo generated (testdata/avo, with
// avo's licence) and compares p9as --requires, function by function, with
// the "// Requires:" comment avo wrote above each (none where it wrote
// none).
func TestRequiresAvo(t *testing.T) {
	files, err := filepath.Glob("testdata/avo/*.s")
	if err != nil || len(files) == 0 {
		t.Fatalf("no avo files: %v", err)
	}
	text := regexp.MustCompile(`^TEXT ·(\w+)\(SB\)`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		requires := ""
		for _, l := range strings.Split(string(src), "\n") {
			if r, ok := strings.CutPrefix(l, "// Requires: "); ok {
				var feats []string
				for _, n := range strings.Split(r, ", ") {
					if m, ok := avoNames[n]; ok {
						n = m
					}
					if n != "" {
						feats = append(feats, n)
					}
				}
				sort.Strings(feats)
				if len(feats) > 0 {
					requires = " // Requires: " + strings.Join(feats, ", ")
				}
			}
			if m := text.FindStringSubmatch(l); m != nil {
				want = append(want, "main."+m[1]+requires)
				requires = ""
			}
		}
		abs, _ := filepath.Abs(f)
		got := testutil.MustRun(t, t.TempDir(), "p9as", "--requires", "-o", "x.o", abs).Stdout
		if w := strings.Join(want, "\n") + "\n"; got != w {
			t.Errorf("%s: p9as --requires:\n%s\nwant (avo's comments):\n%s", f, got, w)
		}
	}
}
