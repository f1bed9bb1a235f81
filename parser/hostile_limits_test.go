package parser

import (
	"fmt"
	"strings"
	"testing"
)

// TestHostileLimits: each limit on what one Parse reads gives one error
// at the line that breaks it, and parsing stops short of exhausting memory.
func TestHostileLimits(t *testing.T) {
	big := strings.Repeat("// "+strings.Repeat("x", 1000)+"\n", 8<<10) // 8 MB
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"long line", map[string]string{"a.s": "\tNOP\n\tMOVQ $(" + strings.Repeat("1+", maxLineLen/2) + "1), AX\n"},
			fmt.Sprintf("a.s:2: line too long: %d bytes, expected at most %d", maxLineLen+14, maxLineLen)},
		{"long line in an include", map[string]string{"a.s": "#include \"b.h\"\n", "b.h": "\n\n" + strings.Repeat("x", maxLineLen+1)},
			fmt.Sprintf("b.h:3: line too long: %d bytes, expected at most %d", maxLineLen+1, maxLineLen)},
		{"too many statements", map[string]string{"a.s": strings.Repeat("\tNOP\n", MaxStmts+5)},
			fmt.Sprintf("a.s:%d: too many statements: more than %d in one file", MaxStmts+1, MaxStmts)},
		{"too much source", map[string]string{"a.s": strings.Repeat("#include \"b.h\"\n", 9), "b.h": big},
			fmt.Sprintf("a.s:9: #include \"b.h\": too much source: more than %d bytes in all", maxSource)},
		{"too many errors", map[string]string{"a.s": strings.Repeat("\t$\n", 5000)},
			"a.s:1001: " + TooManyErrors},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			stmts, errs := ParseFile("a.s", Config{ReadFile: memFS(c.files)})
			if len(errs) == 0 {
				t.Fatalf("no error; %d statements", len(stmts))
			}
			if got := errs[len(errs)-1].Error(); got != c.want {
				t.Errorf("last error %q, want %q", got, c.want)
			}
			if len(errs) > MaxErrors+1 {
				t.Errorf("%d errors kept, more than %d", len(errs), MaxErrors+1)
			}
			if len(stmts) > MaxStmts {
				t.Errorf("%d statements kept, more than %d", len(stmts), MaxStmts)
			}
		})
	}
}

// TestNoCascades: a mistake in a #define or a GLOBL is reported once;
// the macro's uses and the symbol's DATA add nothing.
func TestNoCascades(t *testing.T) {
	src := "#define F(a b) MOVQ a, b\n#define G(a) a \\x\nF(AX, BX)\n\tG(1); F\nDATA ·x+0(SB)/8, $1\nGLOBL ·x(SB), NOSPLIT, $8\n\tNOP\n"
	stmts, errs := Parse("a.s", []byte(src), Config{})
	want := "a.s:1: expected ',' or ')' in parameters of macro F, found \"b\"\n" +
		"a.s:2: in definition of macro G: '\\' may only escape a newline or '\\'\n" +
		"a.s:6: expected integer constant for flags, found undefined name NOSPLIT (textflag.h defines the flag names)"
	if got := errs.Error(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	var ops []string
	for _, s := range stmts {
		op := s.Op
		if s.Bad {
			op += "(bad " + s.Args[0].Sym + ")"
		}
		ops = append(ops, op)
	}
	if got := strings.Join(ops, " "); got != "DATA GLOBL(bad ·x) NOP" {
		t.Errorf("statements %s, want DATA GLOBL(bad ·x) NOP", got)
	}
}

// TestManyOperands: a statement may have more operands than the parser's
// operand blocks hold (found by FuzzParse: a macro that expands to
// commas), plainly or through a macro.
func TestManyOperands(t *testing.T) {
	for _, src := range []string{
		"\tMOVQ " + strings.Repeat("AX, ", 300) + "AX\n",
		"#define B !,!B\nA B B B\n",
		"#define C AX, AX, AX, AX, AX, AX, AX, AX\n#define D C, C, C, C, C, C, C, C\n\tMOVQ D, D, D, D, D\n",
	} {
		stmts, errs := Parse("a.s", []byte(src), Config{})
		n := 0
		for _, s := range stmts {
			n = max(n, len(s.Args))
		}
		t.Logf("%d statements, at most %d operands, %d errors", len(stmts), n, len(errs))
	}
	stmts, errs := Parse("a.s", []byte("\tMOVQ "+strings.Repeat("AX, ", 300)+"AX\n"), Config{})
	if len(errs) != 0 || len(stmts) != 1 || len(stmts[0].Args) != 301 {
		t.Errorf("301 operands: %d statements, errors %v", len(stmts), errs)
	}
}
