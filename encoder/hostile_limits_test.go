package encoder

import (
	"fmt"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// assembleErrs parses and assembles src, returning the errors as text.
func assembleErrs(t *testing.T, src string) string {
	t.Helper()
	stmts, perrs := parser.Parse("a.s", []byte(src), parser.Config{})
	if len(perrs) > 0 {
		t.Fatalf("parse: %v", perrs)
	}
	_, errs := Assemble(stmts, "a.s", Options{})
	return errs.Error()
}

// TestHostileLimits: sizes that would make the assembler allocate what a
// file declares are refused, each with one error at its line.
func TestHostileLimits(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"GLOBL ·x(SB), 8, $1125899906842624\n",
			fmt.Sprintf("a.s:1: GLOBL main.x: size 1125899906842624 is too large: expected at most %d", int64(maxGlobl))},
		{"GLOBL ·x(SB), 8, $40000000\nGLOBL ·y(SB), 8, $40000000\n",
			fmt.Sprintf("a.s:2: GLOBL main.y: too much initialized data: more than %d bytes in one section", maxStored)},
		{"DATA ·x+2147483640(SB)/8, $1\nGLOBL ·x(SB), $8\n",
			fmt.Sprintf("a.s:1: DATA offset 2147483640 out of range: expected 0 to %d", maxStored-8)},
		{"DATA ·a+40000000(SB)/8, $1\nDATA ·b+40000000(SB)/8, $1\nGLOBL ·a(SB), $40000008\nGLOBL ·b(SB), $40000008\n",
			fmt.Sprintf("a.s:2: too much DATA: more than %d bytes in one file", maxStored)},
		{"TEXT ·f(SB), 0, $1099511627776\n\tRET\n",
			fmt.Sprintf("a.s:1: TEXT: frame size 1099511627776 is too large: expected at most %d", maxFrame)},
		{"TEXT ·f(SB), 0, $0-4294967296\n\tRET\n",
			fmt.Sprintf("a.s:1: TEXT: argument size 4294967296 is too large: expected at most %d", maxFrame)},
		{"GLOBL ·x(SB), 8, $-8\n", "a.s:1: negative size for GLOBL main.x"},
		{"TEXT ·f(SB), 4, $0\n\tMOVQ.Z AX, BX\n\tRET\n", "a.s:2: MOVQ does not take suffixes"},
	} {
		if got := assembleErrs(t, c.src); got != c.want {
			t.Errorf("%q:\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}

// TestErrorsCapped: a function of nothing but errors yields MaxErrors
// of them and one "too many errors".
func TestErrorsCapped(t *testing.T) {
	got := assembleErrs(t, "TEXT ·f(SB), 4, $0\n"+strings.Repeat("\tFROB\n", 3*parser.MaxErrors))
	lines := strings.Split(got, "\n")
	if len(lines) != parser.MaxErrors+1 || lines[parser.MaxErrors] != fmt.Sprintf("a.s:%d: %s", parser.MaxErrors+2, parser.TooManyErrors) {
		t.Errorf("%d errors, last %q", len(lines), lines[len(lines)-1])
	}
}
