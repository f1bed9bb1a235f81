package parser

import (
	"slices"
	"strconv"
)

// parseOperand parses the tokens of one operand into a. It returns the
// first error's message, or "". jump says the instruction is a branch, so
// a bare identifier is a label.
func parseOperand(toks []tok, jump bool, a *Operand) string {
	o := opnd{toks: toks}
	o.operand(a, jump)
	if o.err == "" && len(toks) > 0 && toks[0].kind == '*' && a.Kind != KindReg && (a.Kind != KindMem || a.Reg == "" && a.Index == "") {
		// cmd/asm reads *4(SP) as 4(SP) and *AX as AX; anything else
		// with '*' is an indirection amd64 cannot express.
		o.fail("'*' must precede a register or register-indirect operand, found " + operandText(toks))
	}
	if o.err == "" && o.i < len(o.toks) {
		o.fail("expected end of operand, found " + foundTok(o.toks[o.i]))
	}
	return o.err
}

func (o *opnd) atRegister(t tok) bool {
	return t.kind == tIdent && IsRegister(t.text)
}

// operand follows cmd/asm's left-to-right scan of the general form
//
//	[$|*] [sym[<>|<ABI>]][±offset][(SB|FP|SP|PC)] [(reg)] [(index*scale)]
//
// where what has been seen so far decides what may follow.
func (o *opnd) operand(a *Operand, jump bool) {
	var prefix tkind
	if k := o.peek(); k == '$' || k == '*' {
		prefix = k
		o.next()
	}
	t := o.next()
	if t.kind == tEOF {
		o.fail("expected operand, found end of operand")
		return
	}
	if t.kind == tIdent && !o.atRegister(t) {
		if o.symbol(a, t, prefix, jump) && o.peek() != tEOF {
			// sym(SB)(index*scale) and friends: a register part follows.
			o.indirect(a, prefix)
		}
		return
	}

	if t.kind == '[' {
		if prefix != 0 {
			o.fail("register list cannot follow " + string(rune(prefix)))
			return
		}
		o.regList(a)
		return
	}

	if o.atRegister(t) {
		if prefix == '$' {
			o.fail("'$' not allowed before register " + t.text)
			return
		}
		if IsPseudoRegister(t.text) {
			o.fail("pseudo-register " + t.text + " needs a symbol or offset, as in x(" + t.text + ")")
			return
		}
		a.Kind = KindReg
		a.Reg, _ = LookupRegister(t.text)
		if o.peek() == '*' {
			o.fail("expected simple register, found scaled register " + t.text + "*")
		}
		return
	}

	isConst := false
	switch t.kind {
	case tInt, tFloat, tString, tChar, '+', '-', '~':
		isConst = true
	case tRawString:
		o.fail("raw string constant not allowed; use \"...\"")
		return
	case '(':
		// (expr)(reg) or (reg): look past the parenthesis.
		isConst = !(o.i < len(o.toks) && o.atRegister(o.toks[o.i]))
	}
	if !isConst {
		if t.kind != '(' {
			o.fail("expected register, memory, immediate or label operand, found " + foundTok(t))
			return
		}
		o.i-- // back to '('
		o.indirect(a, prefix)
		return
	}
	o.i--
	if o.has(tFloat) {
		if prefix != '$' {
			o.fail("floating-point constant must be an immediate ($" + t.text + ")")
			return
		}
		a.Kind = KindFloat
		a.Float = o.floatExpr()
		return
	}
	if o.has(tString) {
		if prefix != '$' {
			o.fail("string constant must be an immediate ($" + t.text + ")")
			return
		}
		s := o.next()
		str, err := strconv.Unquote(s.text)
		if err != nil {
			o.fail("malformed string constant " + s.text)
			return
		}
		a.Kind = KindString
		a.Sym = str
		return
	}
	a.Offset = int64(o.expr())
	if o.err != "" {
		return
	}
	if o.peek() != '(' {
		if prefix == '$' {
			a.Kind = KindImm
		} else {
			a.Kind = KindMem // an absolute address, as cmd/asm reads it
		}
		return
	}
	o.indirect(a, prefix)
}

// has reports whether a token of kind k remains in the operand.
func (o *opnd) has(k tkind) bool {
	return slices.ContainsFunc(o.toks[o.i:], func(t tok) bool { return t.kind == k })
}

// symbol parses sym[<>|<ABI>][±offset][(SB|FP|SP|PC)]. It reports whether
// parsing should go on.
func (o *opnd) symbol(a *Operand, name tok, prefix tkind, jump bool) bool {
	a.Kind = KindMem
	if prefix == '$' {
		a.Kind = KindAddr
	}
	a.Sym = name.text
	static := false
	if o.peek() == '<' {
		o.next()
		switch t := o.next(); t.kind {
		case '>':
			static = true
		case tIdent:
			if t.text != "ABI0" && t.text != "ABIInternal" {
				o.fail("malformed ABI selector " + strconv.Quote(t.text) + " in reference to " + strconv.Quote(name.text))
				return false
			}
			a.ABI = t.text
			if c := o.next(); c.kind != '>' {
				o.fail("expected '>' after ABI selector, found " + foundTok(c))
				return false
			}
		default:
			o.fail("expected '>' or ABI selector after " + name.text + "<, found " + foundTok(t))
			return false
		}
	}
	exprOffset := false
	if k := o.peek(); k == '+' || k == '-' {
		// Go's function-address form, which -gensymabis looks for,
		// takes only sym+integer(SB).
		rest := o.toks[o.i:]
		exprOffset = !(k == '+' && len(rest) >= 3 && rest[1].kind == tInt && rest[2].kind == '(')
		a.Offset = int64(o.expr())
		if o.err != "" {
			return false
		}
	}
	if o.peek() == tEOF {
		if prefix == 0 && jump && !static && a.ABI == "" {
			a.Kind = KindBranch // the label stays in Sym
			return false
		}
		o.fail("missing addressing mode for symbol " + name.text + " (expected " + name.text + "(SB) or similar)")
		return false
	}
	if c := o.next(); c.kind != '(' {
		o.fail("expected '(' after symbol " + name.text + ", found " + foundTok(c))
		return false
	}
	r := o.next()
	if c := o.next(); r.kind != tIdent || c.kind != ')' {
		o.fail("expected (SB), (FP), (SP) or (PC) after symbol " + name.text + ", found " + foundTok(r))
		return false
	}
	switch r.text {
	case "SB":
		a.Name = NameExtern
		if static {
			a.Name = NameStatic
		}
		a.ExprOffset = exprOffset
	case "FP":
		a.Name = NameParam
	case "SP":
		a.Name = NameAuto
	case "PC":
		if prefix != 0 {
			o.fail("illegal addressing mode for PC")
			return false
		}
		a.Kind = KindBranch
		a.Reg = "PC"
	default:
		if IsRegister(r.text) {
			o.fail("undefined constant " + strconv.Quote(name.text) + " (a symbol needs (SB), (FP), (SP) or (PC), found (" + r.text + "))")
		} else {
			o.fail("expected (SB), (FP), (SP) or (PC) after symbol " + name.text + ", found " + foundTok(r))
		}
		return false
	}
	return true
}

// register parses reg or reg*scale; scale is 0 when absent.
func (o *opnd) register() (reg string, scale int64, ok bool) {
	t := o.next()
	if !o.atRegister(t) {
		o.fail("expected register, found " + foundTok(t))
		return "", 0, false
	}
	reg, _ = LookupRegister(t.text)
	if o.peek() == '*' {
		o.next()
		s := o.next()
		switch s.text {
		case "1", "2", "4", "8":
			if s.kind == tInt {
				scale = int64(s.text[0] - '0')
			}
		}
		if scale == 0 {
			o.fail("bad scale " + foundTok(s) + ": must be 1, 2, 4 or 8")
			return "", 0, false
		}
	}
	return reg, scale, true
}

func (o *opnd) expect(k tkind, what string) bool {
	if t := o.next(); t.kind != k {
		o.fail("expected " + what + ", found " + foundTok(t))
		return false
	}
	return true
}

// indirect parses (reg), (index*scale), (reg)(index*scale) or (PC).
func (o *opnd) indirect(a *Operand, prefix tkind) {
	if !o.expect('(', "'('") {
		return
	}
	r, scale, ok := o.register()
	if !ok || !o.expect(')', "')'") {
		return
	}
	if IsPseudoRegister(r) {
		switch {
		case a.Name != NameNone || a.Kind == KindBranch:
			o.fail("unexpected (" + r + ") after a symbol reference")
		case r != "PC":
			o.fail("cannot reference " + r + " without a symbol, as in x(" + r + ")")
		case prefix != 0 || scale != 0:
			o.fail("illegal addressing mode for PC")
		default:
			a.Kind = KindBranch
			a.Reg = "PC"
		}
		return
	}
	if a.Kind == KindNone {
		a.Kind = KindMem
		if prefix == '$' {
			a.Kind = KindAddr
		}
	}
	if scale != 0 {
		a.Index, a.Scale = r, scale
		return
	}
	a.Reg = r
	if o.peek() == '(' {
		o.next()
		idx, sc, ok := o.register()
		if !ok || !o.expect(')', "')'") {
			return
		}
		a.Index, a.Scale = idx, sc
	}
}

// regList parses [lo-hi] after the '['.
func (o *opnd) regList(a *Operand) {
	lo := o.next()
	if !o.atRegister(lo) {
		o.fail("register list: expected register after '[', found " + foundTok(lo))
		return
	}
	if !o.expect('-', "'-' in register list") {
		return
	}
	hi := o.next()
	if !o.atRegister(hi) {
		o.fail("register list: expected register after '-', found " + foundTok(hi))
		return
	}
	if !o.expect(']', "']' closing register list") {
		return
	}
	a.Kind = KindRegList
	a.Reg, _ = LookupRegister(lo.text)
	a.Reg2, _ = LookupRegister(hi.text)
}
