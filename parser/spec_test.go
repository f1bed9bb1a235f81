package parser

// This file holds a second, independent description of the operand
// syntax: a participle grammar that reads like the syntax's
// specification. It is too slow for the hot path (see DESIGN.md), so it
// lives in a test, which holds the hand-written parser to it over Go's
// encoder test files.

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Operand = "[" Reg "-" Reg "]" | "$" Imm | ["*"] ( Reg | Mem ).
type sOperand struct {
	List *sRegList `parser:"  \"[\" @@ \"]\""`
	Imm  *sImm     `parser:"| \"$\" @@"`
	Star bool      `parser:"| ( @\"*\"?"`
	Reg  *string   `parser:"    ( @Reg"`
	Mem  *sMem     `parser:"    | @@ ) )"`
}

type sRegList struct {
	Lo string `parser:"@Reg \"-\""`
	Hi string `parser:"@Reg"`
}

// Imm = FloatExpr | String | Mem.
type sImm struct {
	Float *sFloat `parser:"  @@"`
	Str   *string `parser:"| @String"`
	Mem   *sMem   `parser:"| @@"`
}

// FloatExpr = "(" FloatExpr ")" | ("-" | "+") FloatExpr | Float.
type sFloat struct {
	Paren *sFloat  `parser:"  \"(\" @@ \")\""`
	Neg   *sFloat  `parser:"| \"-\" @@"`
	Pos   *sFloat  `parser:"| \"+\" @@"`
	Lit   *float64 `parser:"| @Float"`
}

// Mem = [ Sym | Expr ] [ Indir [ Indir ] ].
type sMem struct {
	Sym   *sSym   `parser:"(  @@"`
	Off   *sExpr  `parser:" | @@ )?"`
	Base  *sIndir `parser:"@@?"`
	Index *sIndir `parser:"@@?"`
}

// Sym = Ident [ "<" ( ">" | Ident ">" ) ] [ ("+" | "-") Expr ] [ "(" Pseudo ")" ].
// The offset is an expression starting with its sign, as cmd/asm reads it.
type sSym struct {
	Name   string `parser:"@Ident"`
	Static bool   `parser:"( \"<\" ( @\">\""`
	ABI    string `parser:"      | @Ident \">\" ) )?"`
	Off    *sExpr `parser:"( (?= \"+\" | \"-\") @@ )?"`
	Pseudo string `parser:"( \"(\" @(\"SB\" | \"FP\" | \"SP\" | \"PC\") \")\" )?"`
}

// Indir = "(" Reg [ "*" Int ] ")".
type sIndir struct {
	Reg   string `parser:"\"(\" @Reg"`
	Scale string `parser:"( \"*\" @Int )? \")\""`
}

// Expr = Term { ("+" | "-" | "|" | "^") Term }.
type sExpr struct {
	Left *sTerm    `parser:"@@"`
	Rest []sExprOp `parser:"@@*"`
}

type sExprOp struct {
	Op   string `parser:"@(\"+\" | \"-\" | \"|\" | \"^\")"`
	Term *sTerm `parser:"@@"`
}

// Term = Factor { ("*" | "/" | "%" | "&^" | "&") Factor | ">>" Term } [ "<<" Factor ].
type sTerm struct {
	Left *sFactor  `parser:"@@"`
	Rest []sTermOp `parser:"@@*"`
	Shl  *sFactor  `parser:"( \"<<\" @@ )?"`
}

type sTermOp struct {
	Op     string   `parser:"(  @(\"*\" | \"/\" | \"%\" | \"&^\" | \"&\")"`
	Factor *sFactor `parser:"   @@"`
	Shr    *sTerm   `parser:"| \">>\" @@ )"`
}

// Factor = Int | Char | ("+" | "-" | "~") Factor | "(" Expr ")".
type sFactor struct {
	Int   *string  `parser:"  @Int"`
	Char  *string  `parser:"| @Char"`
	Unary string   `parser:"| ( @(\"+\" | \"-\" | \"~\")"`
	Arg   *sFactor `parser:"    @@ )"`
	Paren *sExpr   `parser:"| \"(\" @@ \")\""`
}

func specParser(t *testing.T) *participle.Parser[sOperand] {
	var regs []string
	for r := range registers {
		regs = append(regs, r)
	}
	sort.Slice(regs, func(i, j int) bool { return len(regs[i]) > len(regs[j]) })
	lex := plexer.MustSimple([]plexer.SimpleRule{
		{Name: "Float", Pattern: `[0-9]+\.[0-9]*([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+`},
		{Name: "Int", Pattern: `0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*`},
		{Name: "Char", Pattern: `'(\\[^']+|[^'\\]+)'`},
		{Name: "String", Pattern: `"(\\.|[^"\\])*"`},
		{Name: "Reg", Pattern: `(` + strings.Join(regs, "|") + `)\b`},
		{Name: "Ident", Pattern: `[\p{L}_·∕][\p{L}\p{Nd}_·∕]*`},
		{Name: "Shift", Pattern: `<<|>>`},
		{Name: "AndNot", Pattern: `&\^`},
		{Name: "Punct", Pattern: `[-+*/%&|^~()<>\[\],$]`},
		{Name: "Space", Pattern: `\s+`},
	})
	p, err := participle.Build[sOperand](participle.Lexer(lex), participle.Elide("Space"), participle.UseLookahead(participle.MaxLookahead))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The evaluation of the spec's trees uses cmd/asm's uint64 arithmetic.

func (e *sExpr) eval() uint64 {
	v := e.Left.eval()
	for _, r := range e.Rest {
		w := r.Term.eval()
		switch r.Op {
		case "+":
			v += w
		case "-":
			v -= w
		case "|":
			v |= w
		case "^":
			v ^= w
		}
	}
	return v
}

func (t *sTerm) eval() uint64 {
	v := t.Left.eval()
	for _, r := range t.Rest {
		if r.Shr != nil {
			v >>= r.Shr.eval()
			continue
		}
		w := r.Factor.eval()
		switch r.Op {
		case "*":
			v *= w
		case "/":
			v /= w
		case "%":
			v %= w
		case "&":
			v &= w
		case "&^":
			v &^= w
		}
	}
	if t.Shl != nil {
		v <<= t.Shl.eval()
	}
	return v
}

func (f *sFactor) eval() uint64 {
	switch {
	case f.Int != nil:
		v, _ := strconv.ParseUint(*f.Int, 0, 64)
		return v
	case f.Char != nil:
		s, _ := strconv.Unquote(*f.Char)
		return uint64([]rune(s)[0])
	case f.Paren != nil:
		return f.Paren.eval()
	}
	v := f.Arg.eval()
	switch f.Unary {
	case "-":
		return -v
	case "~":
		return ^v
	}
	return v
}

func (f *sFloat) eval() float64 {
	switch {
	case f.Paren != nil:
		return f.Paren.eval()
	case f.Neg != nil:
		return -f.Neg.eval()
	case f.Pos != nil:
		return f.Pos.eval()
	}
	return *f.Lit
}

// operand turns a spec tree into the Operand the parser must produce.
func (s *sOperand) operand() Operand {
	switch {
	case s.List != nil:
		lo, _ := LookupRegister(s.List.Lo)
		hi, _ := LookupRegister(s.List.Hi)
		return Operand{Kind: KindRegList, Reg: lo, Reg2: hi}
	case s.Reg != nil:
		r, _ := LookupRegister(*s.Reg)
		return Operand{Kind: KindReg, Reg: r}
	case s.Imm != nil:
		switch {
		case s.Imm.Float != nil:
			return Operand{Kind: KindFloat, Float: s.Imm.Float.eval()}
		case s.Imm.Str != nil:
			str, _ := strconv.Unquote(*s.Imm.Str)
			return Operand{Kind: KindString, Sym: str}
		}
		a := s.Imm.Mem.operand()
		if a.Kind == KindMem {
			if a.Reg == "" && a.Index == "" && a.Name == NameNone {
				a.Kind = KindImm
			} else {
				a.Kind = KindAddr
			}
		}
		return a
	}
	return s.Mem.operand()
}

func (m *sMem) operand() Operand {
	a := Operand{Kind: KindMem}
	if m.Off != nil {
		a.Offset = int64(m.Off.eval())
	}
	if s := m.Sym; s != nil {
		a.Sym, a.ABI = s.Name, s.ABI
		if s.Off != nil {
			a.Offset = int64(s.Off.eval())
		}
		switch s.Pseudo {
		case "SB":
			a.Name = NameExtern
			if s.Static {
				a.Name = NameStatic
			}
		case "FP":
			a.Name = NameParam
		case "SP":
			a.Name = NameAuto
		case "PC":
			a.Kind, a.Reg = KindBranch, "PC"
		case "":
			a.Kind = KindBranch
		}
	}
	if m.Base != nil {
		if m.Base.Reg == "PC" {
			a.Kind, a.Reg = KindBranch, "PC"
			return a
		}
		r, _ := LookupRegister(m.Base.Reg)
		if m.Base.Scale != "" {
			a.Index = r
			a.Scale, _ = strconv.ParseInt(m.Base.Scale, 10, 64)
			return a
		}
		a.Reg = r
	}
	if m.Index != nil {
		a.Index, _ = LookupRegister(m.Index.Reg)
		if m.Index.Scale != "" {
			a.Scale, _ = strconv.ParseInt(m.Index.Scale, 10, 64)
		}
	}
	return a
}

// splitOperands cuts the operand text of a source line at top-level
// commas, after the mnemonic and any comment.
func splitOperands(line string) []string {
	if i := strings.Index(line, "//"); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return nil
	}
	line = line[i:]
	var out []string
	depth, start := 0, 0
	for i, c := range line {
		switch c {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(line[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(line[start:]))
}

func TestSpecGrammarSamples(t *testing.T) {
	p := specParser(t)
	for _, src := range []string{
		"AX", "$-1", "$(5*8)", "$~15", "(-64*1024+104)(SP)", "$1.5", "$(-1.5)", `$"a\n"`,
		"sym<>+8(SB)(AX*8)", "f<ABIInternal>(SB)", "x-8(SP)", "a+0(FP)", "$sym+8(SB)", "2(PC)",
		"[Z10-Z13]", "(BP*8)", "0(CX)(TLS*1)", "$16>>1*2", "$3<<2+4", "$7&^2", "$'a'", "*AX",
	} {
		tree, err := p.ParseString("", src)
		if err != nil {
			t.Errorf("%s: spec grammar: %v", src, err)
			continue
		}
		want := tree.operand()
		args, errs := parseArgs(t, "JMP "+src)
		if errs != nil {
			t.Errorf("%s: %v", src, errs)
			continue
		}
		if args[0] != want {
			t.Errorf("%s:\nparser %+v\n  spec %+v", src, args[0], want)
		}
	}
}

// TestSpecGrammarCorpus parses every operand of Go's encoder test files
// with both the spec grammar and the parser and compares the results.
func TestSpecGrammarCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: participle")
	}
	p := specParser(t)
	dir := asmTestdata(t)
	files := []string{filepath.Join(dir, "amd64enc.s"), filepath.Join(dir, "amd64enc_extra.s")}
	avx, _ := filepath.Glob(filepath.Join(dir, "avx512enc", "*.s"))
	files = append(files, avx...)
	total, bad := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		stmts, errs := Parse(f, src, Config{})
		if errs != nil {
			t.Fatal(errs)
		}
		for _, s := range stmts {
			if s.Op == "" || s.Op == "TEXT" || len(s.Args) == 0 {
				continue
			}
			texts := splitOperands(lines[s.Pos.Line-1])
			if len(texts) != len(s.Args) {
				t.Errorf("%s: %d operand texts for %d operands", s.Pos, len(texts), len(s.Args))
				continue
			}
			for i, text := range texts {
				total++
				tree, err := p.ParseString("", text)
				if err != nil {
					bad++
					t.Errorf("%s: %q: spec grammar: %v", s.Pos, text, err)
					continue
				}
				if want := tree.operand(); want != s.Args[i] {
					bad++
					if bad < 20 {
						t.Errorf("%s: %q:\nparser %+v\n  spec %+v", s.Pos, text, s.Args[i], want)
					}
				}
			}
		}
	}
	t.Logf("%d operands compared, %d differ", total, bad)
}
