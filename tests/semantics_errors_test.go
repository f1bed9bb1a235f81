package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// TestSemanticsErrors holds p9's rejections to go tool asm's: each source
// must be rejected by both, and p9 must report the line given with a
// message containing msg (Go's wording where p9's encoder gives it).
func TestSemanticsErrors(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	dir := t.TempDir()
	for i, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"GLOBL ·d(SB), 0, $16\nDATA ·d+8(SB)/8, $1\nDATA ·d+0(SB)/8, $2\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/8, $1\nDATA ·d+4(SB)/4, $2\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/8, $1\nDATA ·d+0(SB)/8, $1\n", 3, "overlapping DATA entry for main.d"},
		{"GLOBL ·d(SB), 0, $8\nGLOBL ·d(SB), 0, $8\n", 2, "symbol main.d redeclared"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/3, $2\n", 2, "bad int size for DATA argument: 3"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/2, $2.5\n", 2, "bad float size for DATA argument: 2"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/4, $\"abcdef\"\n", 2, "bad string size: 4 < 6"},
		{"GLOBL ·d(SB), 256, $8\nDATA ·d+0(SB)/8, $1\n", 1, "cannot supply data for STLSBSS var main.d"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/4, $·d(SB)\n", 2, "bad addr size for DATA argument: 4"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d-8(SB)/8, $1\n", 2, "out of range"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ 8(FP), AX\n\tRET\n", 2, "cannot reference FP without a symbol"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ (SB), AX\n\tRET\n", 2, "cannot reference SB without a symbol"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ AX, FP\n\tRET\n", 2, "FP"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ x+0(AX), BX\n\tRET\n", 2, ""},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ ·g(SB)(AX*8), AX\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $8\n\tMOVQ 8(PC), AX\n\tRET\n", 2, "invalid instruction: MOVQ\t8(PC), AX"},
		{"TEXT ·f(SB), 4, $0\n\tRET $8\n", 2, "invalid instruction: RET\t$8"},
		{"TEXT ·f(SB), 4, $16\n\tRET $8\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tRET AX\n", 2, "invalid instruction: RET\tAX"},
		{"TEXT ·f(SB), 4, $0\n\tBYTE AX\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tQUAD $·g(SB)\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tLONG ·g(SB)\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $8-0\n\tPUSHQ AX\n\tRET\n", 3, "unbalanced PUSH/POP"},
		{"TEXT ·f(SB), 4, $12-0\n\tRET\n", 1, "unaligned stack size 20"},
		{"TEXT ·f(SB), 0, $12-0\n\tCALL ·f(SB)\n\tRET\n", 1, "unaligned stack size 20"},
		{"TEXT ·f(SB), 4, $0-0\n\tADJSP $0\n\tRET\n", 2, "invalid instruction"},
	} {
		file := filepath.Join(dir, "e.s")
		if err := os.WriteFile(file, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(goBin, "tool", "asm", "-p", "main", "-o", filepath.Join(dir, "e.o"), file).CombinedOutput(); err == nil {
			t.Errorf("case %d: go tool asm accepts %q: the case is wrong", i, tc.src)
			continue
		} else if strings.Contains(string(out), "panic:") {
			t.Logf("case %d: go tool asm crashes on %q; p9 must report an error", i, tc.src)
		}
		stmts, perrs := parser.Parse("e.s", []byte(tc.src), parser.Config{})
		errs := perrs
		if len(perrs) == 0 {
			_, _, errs = encAssemble(stmts, "e.s", "main")
		}
		if len(errs) == 0 {
			t.Errorf("case %d: p9 accepts %q", i, tc.src)
			continue
		}
		e := errs[0]
		if e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("case %d: %q: p9 says %v, want line %d containing %q", i, tc.src, e, tc.line, tc.msg)
		}
	}
}
