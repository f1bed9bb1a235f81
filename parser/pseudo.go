package parser

import (
	"fmt"
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
		for _, t := range toks {
			if t.kind == tIdent {
				// A flag name the file does not define: most often a
				// missing #include "textflag.h".
				return "expected integer constant for flags, found undefined name " + t.text + " (textflag.h defines the flag names)"
			}
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

func isSymbolRef(a *Operand) bool {
	return a.Kind == KindMem && (a.Name == NameExtern || a.Name == NameStatic) && a.Reg == "" && a.Index == ""
}

// checkPseudo checks the operand count and shape of pseudo-instructions.
func checkPseudo(st *Stmt) string {
	args := st.Args
	count := func(lo, hi int) string {
		if len(args) >= lo && len(args) <= hi {
			return ""
		}
		if lo == hi {
			return fmt.Sprintf("%s: expected %d operands, found %d", st.Op, lo, len(args))
		}
		return fmt.Sprintf("%s: expected %d or %d operands, found %d", st.Op, lo, hi, len(args))
	}
	sym := func(a *Operand, offsetOK bool) string {
		if !isSymbolRef(a) {
			return st.Op + ": expected symbol(SB), found " + a.String()
		}
		if !offsetOK && a.Offset != 0 {
			return st.Op + ": symbol must not be offset from SB, found " + a.String()
		}
		return ""
	}
	imm := func(a *Operand) string {
		if a.Kind != KindImm {
			return st.Op + ": expected immediate constant, found " + a.String()
		}
		return ""
	}
	switch st.Op {
	case "TEXT":
		if m := count(2, 3); m != "" {
			return m
		}
		return sym(&args[0], false)
	case "GLOBL":
		if m := count(2, 3); m != "" {
			return m
		}
		if m := sym(&args[0], false); m != "" {
			return m
		}
		return imm(&args[len(args)-1])
	case "DATA":
		if m := count(2, 2); m != "" {
			return m
		}
		if m := sym(&args[0], true); m != "" {
			return m
		}
		switch args[1].Kind {
		case KindImm, KindFloat, KindString, KindAddr:
			return ""
		}
		return "DATA: value must be an immediate constant or address, found " + args[1].String()
	case "PCDATA":
		if m := count(2, 2); m != "" {
			return m
		}
		if m := imm(&args[0]); m != "" {
			return m
		}
		return imm(&args[1])
	case "FUNCDATA":
		if m := count(2, 2); m != "" {
			return m
		}
		if m := imm(&args[0]); m != "" {
			return m
		}
		return sym(&args[1], true)
	case "PCALIGN":
		if m := count(1, 1); m != "" {
			return m
		}
		return imm(&args[0])
	}
	return ""
}

// operandText renders raw operand tokens for messages.
func operandText(toks []tok) string {
	s := ""
	for _, t := range toks {
		s += t.text
	}
	return strconv.Quote(s)
}
