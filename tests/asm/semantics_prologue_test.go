package asm_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestSemanticsPrologues compares every prologue and epilogue shape with
// go tool asm: bytes and relocations of each function.
func TestSemanticsPrologues(t *testing.T) {
	src, err := os.ReadFile("testdata/semantics_prologue.s")
	if err != nil {
		t.Fatal(err)
	}
	want := encGoAsm(t, string(src))
	if len(want) < 20 {
		t.Fatalf("go tool asm defined only %d symbols", len(want))
	}
	encCompare(t, string(src), func(s string) string { return "semantics_prologue.s: " + s })
}

// The ABIInternal variant finds g in R14 already and does not load it.
func TestSemanticsPrologueABIInternal(t *testing.T) {
	src := "TEXT ·f<ABIInternal>(SB), 0, $16-8\n\tCALL ·f(SB)\n\tRET\n"
	_, res, errs := encP9(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, l := range res.Listing {
		if strings.Contains(l.Text, "TLS") {
			t.Errorf("ABIInternal prologue loads g: %s", l.Text)
		}
	}
	if len(res.Listing) == 0 || res.Listing[0].Text != "CMPQ\tSP, 16(R14)" {
		t.Errorf("first instruction %+v, want CMPQ SP, 16(R14)", res.Listing)
	}
}

var listedInst = regexp.MustCompile(`^\t(0x[0-9a-f]{4}) \d{5} \(([^)]*)\)\t(.*)$`)

// listedInsts returns "offset file:line<TAB>instruction" for each
// instruction of a -S listing, leaving out the entries that emit nothing.
func listedInsts(out string) []string {
	var insts []string
	for _, line := range strings.Split(out, "\n") {
		m := listedInst.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		op, _, _ := strings.Cut(m[3], "\t")
		if op == "FUNCDATA" || op == "PCDATA" || op == "NOP" || op == "TEXT" {
			continue
		}
		insts = append(insts, m[1]+" "+filepath.Base(m[2])+"\t"+m[3])
	}
	return insts
}

// p9as -S lists the rewritten program as go tool asm -S does: the same
// instructions, offsets, source lines and operand text.
func TestSemanticsListingMatchesGo(t *testing.T) {
	testutil.NeedTool(t, "go")
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/semantics_prologue.s")
	if err != nil {
		t.Fatal(err)
	}
	testutil.WriteFiles(t, dir, map[string]string{"p.s": string(src)})
	p9 := testutil.MustRun(t, dir, "p9as", "-S", "-p", "main", "-o", "p9.o", "p.s")
	gos := testutil.MustRun(t, dir, "go", "tool", "asm", "-S", "-p", "main", "-o", "go.o", "p.s")
	got, want := listedInsts(p9.Stdout), listedInsts(gos.Stdout)
	if len(want) < 100 {
		t.Fatalf("go tool asm listed only %d instructions", len(want))
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("instruction %d: p9as -S %q, go tool asm -S %q", i, g, w)
		}
	}
}

// TestSemanticsPrologueMix compares many generated functions mixing frame
// sizes around every threshold, TEXT flags and bodies (calls, returns,
// pushes, pseudo-register references, branches) with go tool asm.
func TestSemanticsPrologueMix(t *testing.T) {
	frames := []int{-8, 0, 8, 16, 112, 120, 128, 136, 2000, 4080, 4088, 4096, 8192, 1 << 20}
	flags := []int{0, 4, 512, 64, 32, 2048, 512 | 64, 4 | 512, 2}
	bodies := []string{
		"\tRET\n",
		"\tCALL ·mix0(SB)\n\tRET\n",
		"\tMOVQ a+0(FP), AX\n\tCALL runtime·panicshift(SB)\n\tRET\n",
		"\tPUSHQ AX\n\tMOVQ a+0(FP), AX\n\tPOPQ AX\n\tCALL AX\n\tRET\n",
		"\tCMPQ AX, $0\n\tJEQ 3(PC)\n\tCALL ·mix0(SB)\n\tRET\n\tMOVQ x-8(SP), BX\n\tRET\n",
		"\tCALL ·mix0(SB)\n\tRET ·mix0(SB)\n",
		"\tCALL ·mix0(SB)\n\tJMP ·mix0(SB)\n",
	}
	var src strings.Builder
	n := 0
	for i, fr := range frames {
		for j, fl := range flags {
			body := bodies[(i*7+j*3)%len(bodies)]
			if fl&512 != 0 && fr > 0 && strings.Contains(body, "x-8(SP)") {
				body = bodies[1]
			}
			fmt.Fprintf(&src, "TEXT ·mix%d(SB), %d, $%d-8\n%s\n", n, fl, fr, body)
			n++
		}
	}
	want := encGoAsm(t, src.String())
	if len(want) != n {
		t.Fatalf("go tool asm defined %d of %d functions", len(want), n)
	}
	encCompare(t, src.String(), func(s string) string { return s })
}

// TestEncoderFrames compares whole functions with frames, FP and
// pseudo-SP references, epilogues, PCALIGN, TLS and data symbols.
func TestEncoderFrames(t *testing.T) {
	src, err := os.ReadFile("testdata/core_frames.s")
	if err != nil {
		t.Fatal(err)
	}
	encCompare(t, string(src), func(s string) string { return s })
}
