package parser

import (
	"fmt"
	"slices"
	"strconv"
)

// textSize parses TEXT's $frame[-args]. The '-' separates two words
// here; it is not a subtraction. Only the frame size may be negative.
func textSize(toks []tok, a *Operand) string {
	o := opnd{toks: toks}
	bad := func() string {
		return "TEXT: frame size must be an immediate like $16 or $16-8, found " + operandText(toks)
	}
	if o.next().kind != '$' {
		return bad()
	}
	neg := false
	if o.peek() == '-' {
		o.next()
		neg = true
	}
	f := o.next()
	if f.kind != tInt {
		return bad()
	}
	frame, err := strconv.ParseInt(f.text, 0, 64)
	if err != nil {
		return numError(f.text, err)
	}
	if neg {
		frame = -frame
	}
	*a = Operand{Kind: KindTextSize, Offset: frame}
	if o.peek() == tEOF {
		return ""
	}
	m, n := o.next(), o.next()
	if m.kind != '-' {
		return bad() // an expression: the frame size must be a plain integer
	}
	if n.kind != tInt || o.peek() != tEOF {
		return "TEXT: argument size must be of the form -integer, found " + operandText(toks)
	}
	args, err := strconv.ParseInt(n.text, 0, 64)
	if err != nil {
		return numError(n.text, err)
	}
	a.Args, a.HasArgs = args, true
	return ""
}

// flagsOperand parses the flags of TEXT and GLOBL, a constant expression
// written without '$', into a KindImm.
func flagsOperand(toks []tok, a *Operand) string {
	if msg := parseOperand(toks, false, a); msg != "" {
		if i := slices.IndexFunc(toks, func(t tok) bool { return t.kind == tIdent }); i >= 0 {
			// A flag name the file does not define: most often a
			// missing #include "textflag.h".
			return "expected integer constant for flags, found undefined name " + toks[i].text + " (textflag.h defines the flag names)"
		}
		return msg
	}
	if a.Kind != KindMem || a.Reg != "" || a.Index != "" || a.Name != NameNone {
		return "expected integer constant for flags, found " + a.String()
	}
	a.Kind = KindImm
	return ""
}

// flagsAsLabel reads TEXT's or GLOBL's flags the way go tool asm does
// after a jump instruction, whose state its parser keeps until the next
// instruction: a bare name, as in name[<>][±offset], is then a label, and
// the flags are its offset (so an undefined NOSPLIT reads as 0). It
// returns the name, or false when toks are not of that form.
func flagsAsLabel(toks []tok, a *Operand) (string, bool) {
	if len(toks) == 0 || toks[0].kind != tIdent || IsRegister(toks[0].text) {
		return "", false
	}
	o := opnd{toks: toks, i: 1}
	if o.peek() == '<' {
		o.next()
		t := o.next()
		if t.kind == tIdent {
			if t.text != "ABI0" && t.text != "ABIInternal" {
				return "", false
			}
			t = o.next()
		}
		if t.kind != '>' {
			return "", false
		}
	}
	var off int64
	if k := o.peek(); k == '+' || k == '-' {
		off = int64(o.expr())
	}
	if o.err != "" || o.i < len(toks) {
		return "", false
	}
	*a = Operand{Kind: KindImm, Offset: off}
	return toks[0].text, true
}

// dataOperand parses DATA's sym+off(SB)/width.
func dataOperand(toks []tok, a *Operand) string {
	n := len(toks)
	if n < 3 || toks[n-2].kind != '/' || toks[n-1].kind != tInt {
		return "DATA: expected sym+off(SB)/width, found " + operandText(toks)
	}
	w, err := strconv.ParseInt(toks[n-1].text, 10, 64)
	if err != nil {
		return "DATA: bad width " + toks[n-1].text
	}
	if msg := parseOperand(toks[:n-2], false, a); msg != "" {
		return msg
	}
	a.Width = w
	return ""
}

// pseudoOperands are the operand counts of the pseudo-instructions and
// the checks of their first and last operands (nil: none).
var pseudoOperands = map[string]struct {
	min, max    int
	first, last func(op string, a *Operand) string
}{
	"TEXT":     {2, 3, fixedSymbol, nil},
	"GLOBL":    {2, 3, fixedSymbol, immediate},
	"DATA":     {2, 2, symbol, dataValue},
	"PCDATA":   {2, 2, immediate, immediate},
	"FUNCDATA": {2, 2, immediate, symbol},
	"PCALIGN":  {1, 1, immediate, nil},
}

// checkPseudo checks the operand count and shape of pseudo-instructions.
func checkPseudo(st *Stmt) string {
	if !isPseudo(st.Op) { // an instruction, without a map lookup
		return ""
	}
	spec, args := pseudoOperands[st.Op], st.Args
	if len(args) < spec.min || len(args) > spec.max {
		if spec.min == spec.max {
			return fmt.Sprintf("%s: expected %d operands, found %d", st.Op, spec.min, len(args))
		}
		return fmt.Sprintf("%s: expected %d or %d operands, found %d", st.Op, spec.min, spec.max, len(args))
	}
	if m := spec.first(st.Op, &args[0]); m != "" || spec.last == nil {
		return m
	}
	return spec.last(st.Op, &args[len(args)-1])
}

// symbol checks for sym+off(SB).
func symbol(op string, a *Operand) string {
	if a.Kind != KindMem || a.Name != NameExtern && a.Name != NameStatic || a.Reg != "" || a.Index != "" {
		return op + ": expected symbol(SB), found " + a.String()
	}
	return ""
}

// fixedSymbol checks for sym(SB), without an offset.
func fixedSymbol(op string, a *Operand) string {
	if m := symbol(op, a); m != "" {
		return m
	}
	if a.Offset != 0 {
		return op + ": symbol must not be offset from SB, found " + a.String()
	}
	return ""
}

func immediate(op string, a *Operand) string {
	if a.Kind != KindImm {
		return op + ": expected immediate constant, found " + a.String()
	}
	return ""
}

// dataValue checks DATA's value.
func dataValue(op string, a *Operand) string {
	switch a.Kind {
	case KindImm, KindFloat, KindString, KindAddr:
		return ""
	}
	return op + ": value must be an immediate constant or address, found " + a.String()
}

// operandText renders raw operand tokens for messages.
func operandText(toks []tok) string {
	s := ""
	for _, t := range toks {
		s += t.text
	}
	return strconv.Quote(s)
}
