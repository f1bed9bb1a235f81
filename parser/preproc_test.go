package parser

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memFS serves files from a map, as Config.ReadFile.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if s, ok := files[filepath.ToSlash(filepath.Clean(p))]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
}

// listing renders statements as "file:line OP args" for comparison.
func listing(stmts []Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		fmt.Fprintf(&b, "%s %s\n", s.Pos, s)
	}
	return b.String()
}

func errText(errs ErrorList) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func TestPreprocessor(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // "a.s" is parsed
		cfg     Config
		want    string
		wantErr string
	}{
		{
			name: "object and function macros at the line of use",
			files: map[string]string{"a.s": `#define N 8
#define get_tls(r) MOVQ TLS, r
#define g(r) 0(r)(TLS*1)
	MOVQ $N, AX
	get_tls(CX)
	MOVQ g(CX), BX
`},
			want: "a.s:4 MOVQ\t$8, AX\na.s:5 MOVQ\tTLS, CX\na.s:6 MOVQ\t(CX)(TLS*1), BX\n",
		},
		{
			name: "multi-line macro with continuations and semicolons",
			files: map[string]string{"a.s": `#define TWO(a, b) \
	MOVQ a, b; \
	ADDQ $1, b \
	// trailing
	NOP
	TWO(AX, (BX))
	RET
`},
			want: "a.s:5 NOP\na.s:6 MOVQ\tAX, (BX)\na.s:6 ADDQ\t$1, (BX)\na.s:7 RET\n",
		},
		{
			name: "space before parenthesis makes an object-like macro",
			files: map[string]string{"a.s": `#define X (8)
#define F() NOP
	MOVQ X(AX), BX
	F()
`},
			want: "a.s:3 MOVQ\t8(AX), BX\na.s:4 NOP\n",
		},
		{
			name: "nested macros and arguments with parentheses",
			files: map[string]string{"a.s": `#define OFF 16
#define LOAD(src, dst) MOVQ src, dst
	LOAD(OFF(SP), AX)
	LOAD($(1+2), R8)
`},
			want: "a.s:3 MOVQ\t16(SP), AX\na.s:4 MOVQ\t$3, R8\n",
		},
		{
			name: "function-like macro named without arguments stands for itself",
			files: map[string]string{"a.s": `#define g(r) 0(r)(TLS*1)
	MOVQ g, AX
`},
			want: "a.s:2 MOVQ\tR14, AX\n",
		},
		{
			name: "undef",
			files: map[string]string{"a.s": `#define N 1
	MOVQ $N, AX
#undef N
#define N 2
	MOVQ $N, AX
`},
			want: "a.s:2 MOVQ\t$1, AX\na.s:5 MOVQ\t$2, AX\n",
		},
		{
			name: "ifdef nesting and else",
			files: map[string]string{"a.s": `#ifdef A
	MOVQ $1, AX
#ifdef B
	MOVQ $2, AX
#else
	MOVQ $3, AX
#endif
#else
	MOVQ $4, AX
#ifndef B
	MOVQ $5, AX
#else
	MOVQ $6, AX
#endif
#endif
	MOVQ $V, AX
`},
			cfg:  Config{Defines: []string{"A", "V=7"}},
			want: "a.s:2 MOVQ\t$1, AX\na.s:6 MOVQ\t$3, AX\na.s:16 MOVQ\t$7, AX\n",
		},
		{
			name: "disabled regions skip directives and bad text",
			files: map[string]string{"a.s": `#ifdef NOPE
#include "missing.h"
#bogus
	MOVQ 'unterminated, AX
#define Z 1
#endif
#ifdef Z
	NOP
#endif
	RET
`},
			want: "a.s:10 RET\n",
		},
		{
			name:  "a '#' inside a skipped line is not a directive",
			files: map[string]string{"a.s": "#ifdef NOPE\n\tfoo #endif\n\tNOP\n#endif\n\tRET\n"},
			want:  "a.s:5 RET\n",
		},
		{
			name: "include relative to the including file, positions inside",
			files: map[string]string{
				"a.s":         "\tNOP\n#include \"sub/b.h\"\n\tRET\n",
				"sub/b.h":     "\tMOVQ $1, AX\n#include \"c.h\"\n\tMOVQ $3, AX\n",
				"sub/c.h":     "\tMOVQ $2, AX\n",
				"inc/c.h":     "\tMOVQ $99, AX\n",
				"inc/other.h": "",
			},
			cfg:  Config{IncludeDirs: []string{"inc"}},
			want: "a.s:1 NOP\nsub/b.h:1 MOVQ\t$1, AX\nsub/c.h:1 MOVQ\t$2, AX\nsub/b.h:3 MOVQ\t$3, AX\na.s:3 RET\n",
		},
		{
			name: "include directories in order",
			files: map[string]string{
				"a.s":     "#include \"c.h\"\n",
				"i1/c.h":  "\tMOVQ $1, AX\n",
				"i2/c.h":  "\tMOVQ $2, AX\n",
				"i2/d.h":  "",
				"unused":  "",
				"i1/x.h":  "",
				"i3/c.h":  "",
				"i3/zz.h": "",
			},
			cfg:  Config{IncludeDirs: []string{"i0", "i1", "i2"}},
			want: "i1/c.h:1 MOVQ\t$1, AX\n",
		},
		{
			name: "macros defined in an include",
			files: map[string]string{
				"a.s":   "#include \"m.h\"\n\tMOVQ $M, AX\n",
				"m.h":   "#define M 5\n",
				"dummy": "",
			},
			want: "a.s:2 MOVQ\t$5, AX\n",
		},
		{
			name:  "block comments spanning lines keep line numbers",
			files: map[string]string{"a.s": "\tNOP /* one\ntwo\nthree */\n\tRET\n\tMOVQ AX, /*\n*/ BX\n"},
			want:  "a.s:1 NOP\na.s:4 RET\na.s:5 MOVQ\tAX, BX\n",
		},
		{
			name:  "labels and several statements on a line",
			files: map[string]string{"a.s": "a: b: NOP; RET\nloop:\tJMP loop\n"},
			want:  "a.s:1 a:\na.s:1 b:\na.s:1 NOP\na.s:1 RET\na.s:2 loop:\na.s:2 JMP\tloop\n",
		},
		{
			// As in Go, an included file's last line goes on in the
			// including file, here on a blank line.
			name:  "no newline at end of included file",
			files: map[string]string{"a.s": "#include \"b.h\"\n\n\tRET\n", "b.h": "\tNOP"},
			want:  "b.h:1 NOP\na.s:3 RET\n",
		},
		{
			name:  "#define without newline at end of included file",
			files: map[string]string{"a.s": "#include \"b.h\"\n\n\tR\n", "b.h": "#define R RET"},
			want:  "a.s:3 RET\n",
		},
		{
			name:  "#line",
			files: map[string]string{"a.s": "\tNOP\n#line 100 \"x.s\"\n\tRET\n"},
			want:  "a.s:1 NOP\nx.s:100 RET\n",
		},
		// errors
		{
			name:    "no newline at end of file",
			files:   map[string]string{"a.s": "\tNOP\n\tRET"},
			want:    "a.s:1 NOP\n",
			wantErr: "a.s:2: unexpected EOF\n",
		},
		{
			name:    "no newline after a directive at end of file",
			files:   map[string]string{"a.s": "#ifdef X\n#endif"},
			wantErr: "a.s:2: expected newline after #endif, found end of input\n",
		},
		{
			name:    "no newline after a definition at end of file",
			files:   map[string]string{"a.s": "\tNOP\n#define X 1"},
			want:    "a.s:1 NOP\n",
			wantErr: "a.s:2: missing newline at the end of the definition of macro X\n",
		},
		{
			name:    "include cycle",
			files:   map[string]string{"a.s": "#include \"b.s\"\n", "b.s": "\tNOP\n#include \"a.s\"\n"},
			want:    "b.s:1 NOP\n",
			wantErr: "b.s:2: #include cycle: a.s includes b.s includes a.s\n",
		},
		{
			name:    "self include",
			files:   map[string]string{"a.s": "#include \"a.s\"\n\tRET\n"},
			want:    "a.s:2 RET\n",
			wantErr: "a.s:1: #include cycle: a.s includes a.s\n",
		},
		{
			name:    "missing include",
			files:   map[string]string{"a.s": "#include \"nope.h\"\n\tRET\n"},
			want:    "a.s:2 RET\n",
			wantErr: "a.s:1: #include \"nope.h\": file not found\n",
		},
		{
			name:    "self-referential macro",
			files:   map[string]string{"a.s": "#define A A\n\tNOP\n\tMOVQ $A, AX\n\tRET\n"},
			want:    "a.s:2 NOP\na.s:4 RET\n",
			wantErr: "a.s:3: macro expansion too deep: A\n",
		},
		{
			name:    "mutually recursive macros",
			files:   map[string]string{"a.s": "#define A B\n#define B A\n\tA\n\tRET\n"},
			want:    "a.s:4 RET\n",
			wantErr: "a.s:3: macro expansion too deep: A\n",
		},
		{
			name:    "macro that grows forever",
			files:   map[string]string{"a.s": "#define A NOP; A\n\tA\n"},
			want:    strings.Repeat("a.s:2 NOP\n", maxMacroDepth),
			wantErr: "a.s:2: macro expansion too deep: A\n",
		},
		{
			name:    "unterminated ifdef",
			files:   map[string]string{"a.s": "\tNOP\n#ifdef X\n#ifndef Y\n\tRET\n"},
			want:    "a.s:1 NOP\n",
			wantErr: "a.s:2: unterminated #ifdef\na.s:3: unterminated #ifdef\n",
		},
		{
			name:    "unterminated ifdef reported in source order",
			files:   map[string]string{"a.s": "\tMOVQ $, AX\n#ifndef X\n\tNOP\n\tMOVQ $, AX\n"},
			want:    "a.s:3 NOP\n",
			wantErr: "a.s:1: expected operand, found end of operand\na.s:2: unterminated #ifdef\na.s:4: expected operand, found end of operand\n",
		},
		{
			name:    "unterminated ifdef in an include",
			files:   map[string]string{"a.s": "#include \"b.h\"\n\tRET\n", "b.h": "#ifdef X\n"},
			want:    "a.s:2 RET\n",
			wantErr: "b.h:1: unterminated #ifdef\n",
		},
		{
			name:    "unmatched else and endif",
			files:   map[string]string{"a.s": "#else\n#endif\n\tRET\n"},
			want:    "a.s:3 RET\n",
			wantErr: "a.s:1: #else without #ifdef\na.s:2: #endif without #ifdef\n",
		},
		{
			name:    "unknown directive",
			files:   map[string]string{"a.s": "#pragma once\n\tRET\n#if 1\n"},
			want:    "a.s:2 RET\n",
			wantErr: "a.s:1: unknown directive #pragma\na.s:3: unknown directive #if\n",
		},
		{
			name:    "hash inside a line",
			files:   map[string]string{"a.s": "\tMOVQ AX, # BX\n\tRET\n"},
			want:    "a.s:2 RET\n",
			wantErr: "a.s:1: '#' must be first item on line\n",
		},
		{
			name:    "redefinition and bad undef",
			files:   map[string]string{"a.s": "#define A 1\n#define A 2\n#undef B\n\tMOVQ $A, AX\n"},
			want:    "a.s:4 MOVQ\t$1, AX\n",
			wantErr: "a.s:2: redefinition of macro A\na.s:3: #undef of undefined macro B\n",
		},
		{
			name:    "wrong argument count and unterminated arguments",
			files:   map[string]string{"a.s": "#define F(a, b) a b\n\tF(1)\n\tF(NOP,\n\tRET\n"},
			want:    "a.s:4 RET\n",
			wantErr: "a.s:2: macro F: expected 2 arguments, found 1\na.s:3: unterminated argument list invoking macro F\n",
		},
		{
			name:    "bad macro definitions",
			files:   map[string]string{"a.s": "#define F(a,a) a\n#define G(1) x\n#define H x \\ y\n#define\n\tRET\n"},
			want:    "a.s:5 RET\n",
			wantErr: "a.s:1: duplicate parameter a in definition of macro F\na.s:2: expected parameter name in definition of macro G, found \"1\"\na.s:3: in definition of macro H: '\\' may only escape a newline or '\\'\na.s:4: expected macro name after #define, found newline\n",
		},
		{
			name:    "every error once, in order, no cascades",
			files:   map[string]string{"a.s": "\tMOVQ $, AX\n\tNOP\n\tMOVQ (AX, BX\n\tMOVQ 1(SB), AX; MOVQ 2(SB), AX\n\tRET\n"},
			want:    "a.s:2 NOP\na.s:5 RET\n",
			wantErr: "a.s:1: expected operand, found end of operand\na.s:3: expected ')', found \",\"\na.s:4: cannot reference SB without a symbol, as in x(SB)\n",
		},
		{
			name:    "unterminated comment and string",
			files:   map[string]string{"a.s": "\tMOVQ $\"abc, AX\n\tRET\n/* open\n"},
			want:    "a.s:2 RET\n",
			wantErr: "a.s:1: string literal not terminated\na.s:3: comment not terminated\n",
		},
		{
			name:    "junk after directives",
			files:   map[string]string{"a.s": "#ifdef A B\n#endif C\n#line x\n#line 5 y\n#include x\n#undef\n\tRET\n"},
			want:    "a.s:7 RET\n",
			wantErr: "a.s:1: expected newline after #ifdef, found \"B\"\na.s:2: expected newline after #endif, found \"C\"\na.s:3: expected line number after #line, found \"x\"\na.s:4: expected file name in #line, found \"y\"\na.s:5: expected \"file\" after #include, found \"x\"\na.s:6: expected macro name after #undef, found newline\n",
		},
		{
			name:    "bad -D",
			files:   map[string]string{"a.s": "\tRET\n"},
			cfg:     Config{Defines: []string{"1x=2"}},
			want:    "a.s:1 RET\n",
			wantErr: "command line:1: -D: \"1x\" is not a valid macro name\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.ReadFile = memFS(tc.files)
			stmts, errs := ParseFile("a.s", cfg)
			if got := listing(stmts); got != tc.want {
				t.Errorf("statements:\n%s\nwant:\n%s", got, tc.want)
			}
			if got := errText(errs); got != tc.wantErr {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tc.wantErr)
			}
		})
	}
}

func TestExponentialMacro(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "#define M%d M%d M%d\n", i, i+1, i+1)
	}
	b.WriteString("\tM0\n\tRET\n")
	stmts, errs := Parse("a.s", []byte(b.String()), Config{})
	if len(errs) == 0 || !strings.Contains(errs[0].Msg, "macro expansion too large: M") || errs[0].Pos.Line != 41 {
		t.Errorf("errors: %v", errs)
	}
	if len(stmts) == 0 || stmts[len(stmts)-1].Op != "RET" {
		t.Errorf("statements after the runaway macro are lost")
	}
}

func TestIncludeFanOut(t *testing.T) {
	files := map[string]string{"a.s": "#include \"f0.h\"\n\tRET\n"}
	for i := 0; i < 30; i++ {
		files[fmt.Sprintf("f%d.h", i)] = fmt.Sprintf("#include \"f%d.h\"\n#include \"f%d.h\"\n", i+1, i+1)
	}
	files["f30.h"] = "\tNOP\n"
	_, errs := ParseFile("a.s", Config{ReadFile: memFS(files)})
	if len(errs) == 0 || !strings.Contains(errs[0].Msg, "too many #includes") {
		t.Errorf("errors: %v", errs)
	}
}

func TestIncludeDepth(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 100; i++ {
		files[fmt.Sprintf("f%d.h", i)] = fmt.Sprintf("#include \"f%d.h\"\n", i+1)
	}
	files["a.s"] = "#include \"f0.h\"\n\tRET\n"
	stmts, errs := ParseFile("a.s", Config{ReadFile: memFS(files)})
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "#include nested too deeply") {
		t.Errorf("errors: %v", errs)
	}
	if len(stmts) != 1 {
		t.Errorf("statements: %v", stmts)
	}
}

func TestParseFileMissing(t *testing.T) {
	_, errs := ParseFile(filepath.Join(t.TempDir(), "none.s"), Config{})
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "cannot read file") {
		t.Errorf("errors: %v", errs)
	}
}

func TestIncludeOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.s", "#include \"sub/b.h\"\n#include \"top.h\"\n\tMOVQ $N, AX\n")
	write("sub/b.h", "#include \"top.h\"\n\tNOP\n")
	write("top.h", "#ifndef N\n#define N 3\n#endif\n\tRET\n")
	t.Chdir(dir)
	stmts, errs := ParseFile("a.s", Config{})
	if errs != nil {
		t.Fatal(errs)
	}
	want := "top.h:4 RET\nsub/b.h:2 NOP\ntop.h:4 RET\na.s:3 MOVQ\t$3, AX\n"
	if got := listing(stmts); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
