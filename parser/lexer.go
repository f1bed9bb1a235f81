package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexer turns one file's text into tokens. Newlines are tokens (they end
// statements); comments and blanks are skipped, but a block comment's
// newlines still count lines.
type lexer struct {
	src  string
	pos  int
	line int32
	// err reports a lexical error at a line.
	err func(line int32, msg string)
}

func newLexer(src string, err func(int32, string)) *lexer {
	return &lexer{src: src, line: 1, err: err}
}

// char classes for the ASCII fast path (charClass is static data, so
// that starting the parser builds nothing).
const (
	cOther uint8 = iota
	cSpace
	cLetter
	cDigit
)

var charClass = [256]uint8{
	' ': cSpace, '\t': cSpace, '\r': cSpace,
	'_': cLetter,
	'a': cLetter, 'b': cLetter, 'c': cLetter, 'd': cLetter, 'e': cLetter, 'f': cLetter, 'g': cLetter,
	'h': cLetter, 'i': cLetter, 'j': cLetter, 'k': cLetter, 'l': cLetter, 'm': cLetter, 'n': cLetter,
	'o': cLetter, 'p': cLetter, 'q': cLetter, 'r': cLetter, 's': cLetter, 't': cLetter, 'u': cLetter,
	'v': cLetter, 'w': cLetter, 'x': cLetter, 'y': cLetter, 'z': cLetter,
	'A': cLetter, 'B': cLetter, 'C': cLetter, 'D': cLetter, 'E': cLetter, 'F': cLetter, 'G': cLetter,
	'H': cLetter, 'I': cLetter, 'J': cLetter, 'K': cLetter, 'L': cLetter, 'M': cLetter, 'N': cLetter,
	'O': cLetter, 'P': cLetter, 'Q': cLetter, 'R': cLetter, 'S': cLetter, 'T': cLetter, 'U': cLetter,
	'V': cLetter, 'W': cLetter, 'X': cLetter, 'Y': cLetter, 'Z': cLetter,
	'0': cDigit, '1': cDigit, '2': cDigit, '3': cDigit, '4': cDigit,
	'5': cDigit, '6': cDigit, '7': cDigit, '8': cDigit, '9': cDigit,
}

func isIdentRune(r rune, first bool) bool {
	if r == '\u00B7' || r == '\u2215' || r == '_' || unicode.IsLetter(r) {
		return true
	}
	return !first && unicode.IsDigit(r)
}

// next returns the next token. The end of the text is tEOF, newline or
// not: as in Go's assembler, a statement the file ends without a newline
// is unfinished.
func (l *lexer) next() tok {
	src := l.src
	space := false
	for l.pos < len(src) {
		c := src[l.pos]
		if charClass[c] == cSpace {
			l.pos++
			space = true
			continue
		}
		if c == '/' && l.pos+1 < len(src) {
			if src[l.pos+1] == '/' {
				if nl := strings.IndexByte(src[l.pos:], '\n'); nl >= 0 {
					l.pos += nl
				} else {
					l.pos = len(src)
				}
				space = true
				continue
			}
			if src[l.pos+1] == '*' {
				end := strings.Index(src[l.pos+2:], "*/")
				if end < 0 {
					l.err(l.line, "comment not terminated")
					end = len(src)
				} else {
					end += l.pos + 4
				}
				l.line += int32(strings.Count(src[l.pos:end], "\n"))
				l.pos = end
				space = true
				continue
			}
		}
		break
	}
	if l.pos >= len(src) {
		return tok{kind: tEOF, line: l.line}
	}
	start := l.pos
	c := src[start]
	t := tok{space: space, line: l.line}
	switch charClass[c] {
	case cLetter:
		l.pos++
		l.ident()
		t.kind = tIdent
	case cDigit:
		t.kind = l.number()
	default:
		switch {
		case c == '\n':
			l.pos++
			l.line++
			t.kind = tNewline
		case c == '.' && start+1 < len(src) && charClass[src[start+1]] == cDigit:
			t.kind = l.number()
		case c == '"':
			l.quoted('"')
			t.kind = tString
		case c == '\'':
			l.quoted('\'')
			t.kind = tChar
		case c == '`':
			if end := strings.IndexByte(src[start+1:], '`'); end >= 0 {
				l.pos = start + end + 2
			} else {
				l.err(t.line, "raw string literal not terminated")
				l.pos = len(src)
			}
			l.line += int32(strings.Count(src[start:l.pos], "\n"))
			t.kind = tRawString
		case c == '<' && start+1 < len(src) && src[start+1] == '<':
			l.pos += 2
			t.kind = tShl
		case c == '>' && start+1 < len(src) && src[start+1] == '>':
			l.pos += 2
			t.kind = tShr
		case c >= utf8.RuneSelf:
			r, w := utf8.DecodeRuneInString(src[start:])
			l.pos += w
			if isIdentRune(r, true) {
				l.ident()
				t.kind = tIdent
			} else {
				t.kind = tInvalid
			}
		case c < ' ' || c == 0x7f:
			l.pos++
			t.kind = tInvalid
		default:
			l.pos++
			t.kind = tkind(c)
		}
	}
	t.text = src[start:l.pos]
	return t
}

// ident consumes the rest of an identifier.
func (l *lexer) ident() {
	src := l.src
	for l.pos < len(src) {
		c := src[l.pos]
		if cl := charClass[c]; cl == cLetter || cl == cDigit {
			l.pos++
			continue
		}
		if c < utf8.RuneSelf {
			return
		}
		r, w := utf8.DecodeRuneInString(src[l.pos:])
		if !isIdentRune(r, false) {
			return
		}
		l.pos += w
	}
}

// number consumes an integer or floating-point literal. Validation is
// left to strconv when the value is used.
func (l *lexer) number() tkind {
	src := l.src
	kind := tInt
	hex := false
	if src[l.pos] == '0' && l.pos+1 < len(src) && (src[l.pos+1]|0x20) == 'x' {
		hex = true
		l.pos += 2
	}
	for l.pos < len(src) {
		c := src[l.pos]
		switch {
		case charClass[c] == cDigit || c == '_':
			l.pos++
		case c == '.':
			kind = tFloat
			l.pos++
		case !hex && (c|0x20) == 'e', hex && (c|0x20) == 'p':
			kind = tFloat
			l.pos++
			if l.pos < len(src) && (src[l.pos] == '+' || src[l.pos] == '-') {
				l.pos++
			}
		case charClass[c] == cLetter:
			l.pos++
		default:
			return kind
		}
	}
	return kind
}

// quoted consumes a string or character literal that ends on this line.
func (l *lexer) quoted(q byte) {
	src := l.src
	l.pos++
	for l.pos < len(src) {
		c := src[l.pos]
		if c == '\n' {
			break
		}
		l.pos++
		if c == '\\' && l.pos < len(src) && src[l.pos] != '\n' {
			l.pos++
			continue
		}
		if c == q {
			return
		}
	}
	if q == '"' {
		l.err(l.line, "string literal not terminated")
	} else {
		l.err(l.line, "rune literal not terminated")
	}
}
