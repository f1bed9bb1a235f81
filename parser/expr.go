package parser

import (
	"strconv"
	"unicode/utf8"
)

// opnd walks the tokens of one operand.
type opnd struct {
	toks []tok
	i    int
	err  string // first error; parsing stops reporting after it
	nest int    // recursion depth of factor, bounded so no input exhausts the stack
}

const maxExprNest = 1000

// enter guards a recursive descent step.
func (o *opnd) enter() bool {
	o.nest++
	if o.nest > maxExprNest {
		o.fail("expression nested too deeply")
		o.i = len(o.toks)
		return false
	}
	return true
}

var eofTok = tok{kind: tEOF}

func (o *opnd) peek() tkind {
	if o.i < len(o.toks) {
		return o.toks[o.i].kind
	}
	return tEOF
}

func (o *opnd) next() tok {
	if o.i < len(o.toks) {
		t := o.toks[o.i]
		o.i++
		return t
	}
	return eofTok
}

func (o *opnd) fail(msg string) {
	if o.err == "" {
		o.err = msg
	}
}

// found describes what a "found" clause names inside an operand.
func foundTok(t tok) string {
	if t.kind == tEOF {
		return "end of operand"
	}
	return t.describe()
}

// The expression grammar and its arithmetic follow cmd/asm: values are
// uint64, and there are two levels of binary operators as in Go,
//
//	expr   = term { ('+' | '-' | '|' | '^') term }
//	term   = factor { ('*' | '/' | '%' | '&' | '&^' | '<<' | '>>') factor }
//	factor = const | ('+' | '-' | '~') factor | '(' expr ')'
//
// with cmd/asm's two quirks kept: a '<<' ends its term, and the right
// operand of '>>' is a whole term. '&^' is an addition.
func (o *opnd) expr() uint64 {
	v := o.term()
	for {
		switch o.peek() {
		case '+':
			o.next()
			v += o.term()
		case '-':
			o.next()
			v -= o.term()
		case '|':
			o.next()
			v |= o.term()
		case '^':
			o.next()
			v ^= o.term()
		default:
			return v
		}
	}
}

func (o *opnd) term() uint64 {
	v := o.factor()
	for {
		switch o.peek() {
		case '*':
			o.next()
			v *= o.factor()
		case '/':
			o.next()
			if int64(v) < 0 {
				o.fail("divide of value with high bit set")
			}
			d := o.factor()
			if d == 0 {
				o.fail("division by zero")
			} else {
				v /= d
			}
		case '%':
			o.next()
			d := o.factor()
			if int64(v) < 0 {
				o.fail("modulo of value with high bit set")
			}
			if d == 0 {
				o.fail("modulo by zero")
			} else {
				v %= d
			}
		case '&':
			o.next()
			if o.peek() == '^' {
				o.next()
				v &^= o.factor()
			} else {
				v &= o.factor()
			}
		case tShl:
			o.next()
			s := o.factor()
			if int64(s) < 0 {
				o.fail("negative left shift count")
			}
			return v << s
		case tShr:
			o.next()
			if !o.enter() {
				return 0
			}
			s := o.term()
			o.nest--
			if int64(s) < 0 {
				o.fail("negative right shift count")
			}
			if int64(v) < 0 {
				o.fail("right shift of value with high bit set")
			}
			v >>= s
		default:
			return v
		}
	}
}

func (o *opnd) factor() uint64 {
	if !o.enter() {
		return 0
	}
	defer func() { o.nest-- }()
	t := o.next()
	switch t.kind {
	case tInt:
		v, err := strconv.ParseUint(t.text, 0, 64)
		if err != nil {
			o.fail(numError(t.text, err))
		}
		return v
	case tChar:
		s, err := strconv.Unquote(t.text)
		if err != nil {
			o.fail("malformed character constant " + t.text)
			return 0
		}
		r, w := utf8.DecodeRuneInString(s)
		if w == 1 && r == utf8.RuneError {
			o.fail("illegal UTF-8 encoding for character constant")
		}
		return uint64(r)
	case '+':
		return o.factor()
	case '-':
		return -o.factor()
	case '~':
		return ^o.factor()
	case '(':
		v := o.expr()
		if c := o.next(); c.kind != ')' {
			o.fail("expected ')' in expression, found " + foundTok(c))
		}
		return v
	case tIdent:
		o.fail("undefined constant " + strconv.Quote(t.text) + " in expression")
		return 0
	}
	o.fail("expected constant expression, found " + foundTok(t))
	return 0
}

func numError(text string, err error) string {
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return "integer constant " + text + " out of range"
	}
	return "malformed integer constant " + text
}

// floatExpr = fconst | '-' floatExpr | '+' floatExpr | '(' floatExpr ')'
func (o *opnd) floatExpr() float64 {
	if !o.enter() {
		return 0
	}
	defer func() { o.nest-- }()
	t := o.next()
	switch t.kind {
	case '(':
		v := o.floatExpr()
		if c := o.next(); c.kind != ')' {
			o.fail("expected ')' in floating-point constant, found " + foundTok(c))
		}
		return v
	case '+':
		return o.floatExpr()
	case '-':
		return -o.floatExpr()
	case tFloat:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			o.fail("malformed floating-point constant " + t.text)
		}
		return v
	}
	o.fail("expected floating-point constant, found " + foundTok(t))
	return 0
}
