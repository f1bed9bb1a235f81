package encoder

import (
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

func assembleText(t *testing.T, src string) (*Result, parser.ErrorList) {
	t.Helper()
	stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return Assemble(stmts, "x.s", Options{Pkg: "main"})
}

// Each case must give exactly one error, on the given line, containing msg.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"TEXT ·f(SB), 4, $0\n\tFROB AX\n", 2, `unrecognized instruction "FROB"`},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ AX\n", 2, "invalid instruction: MOVQ\tAX"},
		{"TEXT ·f(SB), 4, $0\n\tADDQ $1, $2\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ (AX), (BX)\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tMOVB SPB, AL\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tJMP nowhere\n", 2, "undefined label nowhere"},
		{"TEXT ·f(SB), 4, $0\nl:\n\tNOP\nl:\n\tRET\n", 4, "label l multiply defined"},
		{"TEXT ·f(SB), 4, $0\nl:\n\tRET\nTEXT ·g(SB), 4, $0\n\tJMP l\n", 5, "undefined label l"},
		{"\tMOVQ AX, BX\n", 1, "outside of a TEXT symbol"},
		{"TEXT ·f(SB), 4, $8-0\n\tPUSHQ AX\n\tRET\n", 3, "unbalanced PUSH/POP"},
		{"TEXT ·f(SB), 4, $12-0\n\tRET\n", 1, "unaligned stack size"},
		{"TEXT ·f(SB), 4, $0\n\tJEQ ·g(SB)\n", 2, "to a symbol is not supported"},
		{"TEXT ·f(SB), 4, $0\n\tCALL l\nl:\n\tRET\n", 2, "CALL to a label"},
		{"TEXT ·f(SB), 4, $0\n\tJMP 5(PC)\n\tRET\n", 2, "branch out of range"},
		{"TEXT ·f(SB), 4, $0\n\tPCALIGN $3\n\tRET\n", 2, "power of two"},
		{"TEXT ·f(SB), 4, $0\nl:\n\tLOOP l\n\tRET\n" + strings.Repeat("\tBYTE $0\n", 1) + "TEXT ·g(SB), 4, $0\n\tLOOP m\n" + strings.Repeat("\tBYTE $0\n", 200) + "m:\n\tRET\n", 7, "loop too far"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/8, $1\nDATA ·d+4(SB)/4, $2\n", 3, "overlapping DATA"},
		{"GLOBL ·d(SB), 0, $16\nDATA ·d+8(SB)/8, $1\nDATA ·d+0(SB)/8, $2\n", 3, "overlapping DATA"},
		{"GLOBL ·d(SB), 0, $8\nGLOBL ·d(SB), 0, $8\n", 2, "redeclared"},
		{"GLOBL ·d(SB), 0, $8\nDATA ·d+0(SB)/4, $·d(SB)\n", 2, "bad addr size"},
		{"TEXT ·f(SB), 4, $0\n\tRET\nTEXT ·f(SB), 4, $0\n\tRET\n", 3, "redeclared"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ X0, CR0\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tADJSP $0\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ ·x(SB)(AX*8), BX\n\tRET\n", 2, "invalid instruction"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ ·x(SB)(AX), BX\n\tRET\n", 2, "invalid"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ (AX)(BX), CX\n\tRET\n", 2, "invalid scale"},
		{"TEXT ·f(SB), 4, $0\n\tADJSP AX\n\tRET\n", 2, "ADJSP needs a constant"},
	} {
		res, errs := assembleText(t, tc.src)
		if len(errs) != 1 {
			t.Errorf("%q: want 1 error, got %d: %v", tc.src, len(errs), errs)
			continue
		}
		if res != nil {
			t.Errorf("%q: result despite errors", tc.src)
		}
		e := errs[0]
		if e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%q: got %v, want line %d containing %q", tc.src, e, tc.line, tc.msg)
		}
	}
}

// All errors in a file are reported, in order.
func TestErrorsCollected(t *testing.T) {
	_, errs := assembleText(t, "TEXT ·f(SB), 4, $0\n\tFROB\n\tMOVQ AX\n\tJMP x\n\tRET\n")
	if len(errs) != 3 {
		t.Fatalf("want 3 errors, got %v", errs)
	}
	for i, want := range []int{2, 3, 4} {
		if errs[i].Pos.Line != want {
			t.Errorf("error %d on line %d, want %d", i, errs[i].Pos.Line, want)
		}
	}
}
