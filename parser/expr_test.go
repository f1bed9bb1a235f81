package parser

import (
	"strings"
	"testing"
)

// Expressions follow cmd/asm: uint64 arithmetic, Go's two levels of
// binary operators, '<<' ending its term and '>>' taking a whole term on
// its right.
func TestExpr(t *testing.T) {
	tests := []struct {
		expr string
		want int64
	}{
		{"0", 0},
		{"070", 56},
		{"0x0f", 15},
		{"0XFF", 255},
		{"0b11", 3},
		{"9223372036854775807", 9223372036854775807},
		{"-0", 0},
		{"~0", -1},
		{"~0*0", 0},
		{"+3", 3},
		{"-3", -3},
		{"-9223372036854775808", -9223372036854775808},
		{"3+4", 7},
		{"3-4", -1},
		{"2|5", 7},
		{"3^4", 7},
		{"3*4", 12},
		{"14/4", 3},
		{"14%4", 2},
		{"3<<4", 48},
		{"48>>3", 6},
		{"3&9", 1},
		{"7&^2", 5},
		{"3*2+3", 9},
		{"3+2*3", 9},
		{"3*(2+3)", 15},
		{"3*-(2+3)", -15},
		{"3<<2+4", 16},
		{"3<<(2+4)", 192},
		{"2*1<<3", 16},
		{"16>>1*2", 4},
		{"10-2-3", 5},
		{"2|1^3", 0},
		{"6&3|8", 10},
		{"-3*-2", 6},
		{"1+2&3", 3},
		{"(0x3F<<7)", 8064},
		{"(112+8)", 120},
		{"'a'+1", 98},
		{`'\x7f'`, 127},
		{"(1<<62)>>2", 1 << 60},
		{"18446744073709551615", -1},
	}
	for _, tc := range tests {
		args, errs := parseArgs(t, "MOVQ $"+tc.expr+", AX")
		if errs != nil {
			t.Errorf("%s: %v", tc.expr, errs)
			continue
		}
		if args[0].Kind != KindImm || args[0].Offset != tc.want {
			t.Errorf("%s = %+v, want %d", tc.expr, args[0], tc.want)
		}
	}
}

func TestExprErrors(t *testing.T) {
	tests := []struct{ expr, msg string }{
		{"0/0", "division by zero"},
		{"3%0", "modulo by zero"},
		{"(1<<63)/2", "divide of value with high bit set"},
		{"(1<<63)%3", "modulo of value with high bit set"},
		{"3<<-4", "negative left shift count"},
		{"3>>-4", "negative right shift count"},
		{"(1<<63)>>2", "right shift of value with high bit set"},
		{`'\x80'`, "illegal UTF-8 encoding for character constant"},
		{"(23*4", `expected ')' in expression, found ","`},
		{"18446744073709551616", "out of range"},
		{"1<<2*3", `expected end of operand, found "*"`},
		{"1<<2<<3", `expected end of operand, found "<<"`},
		{"2+", "expected constant expression, found end of operand"},
		{"x", "missing addressing mode for symbol x"},
		{"(x)", `undefined constant "x" in expression`},
		{"'ab'", "malformed character constant"},
	}
	for _, tc := range tests {
		_, errs := Parse("t.s", []byte("MOVQ $"+tc.expr+", AX\n"), Config{})
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, tc.msg) {
			t.Errorf("%s: got %v, want %q", tc.expr, errs, tc.msg)
		}
	}
}

func TestDeepExpressions(t *testing.T) {
	for _, src := range []string{
		"MOVQ $" + strings.Repeat("(", 100000) + "1, AX",
		"MOVQ $" + strings.Repeat("-", 100000) + "1, AX",
		"MOVSD $" + strings.Repeat("-", 100000) + "1.5, X0",
		"MOVQ $1" + strings.Repeat(">>1", 100000) + ", AX",
	} {
		_, errs := Parse("t.s", []byte(src+"\n"), Config{})
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, "nested too deeply") {
			t.Errorf("%.20s...: %v", src, errs)
		}
	}
}
