package parser

import "strconv"

// tkind is a token kind. Punctuation tokens use their own ASCII byte as
// kind, so the parser can switch on ',' or '(' directly.
type tkind uint8

const (
	tEOF       tkind = 0
	tIdent     tkind = 1
	tInt       tkind = 2
	tFloat     tkind = 3
	tChar      tkind = 4
	tString    tkind = 5
	tRawString tkind = 6
	tShl       tkind = 7 // <<
	tShr       tkind = 8 // >>
	tInvalid   tkind = 9 // a character that starts no token
	tNewline   tkind = '\n'
)

// tok is one token. text is a slice of the source (no copy).
type tok struct {
	kind  tkind
	space bool // white space or a comment came before it
	noexp bool // an identifier that must not be macro-expanded again
	line  int32
	text  string
}

// describe renders a token for "found ..." in error messages.
func (t tok) describe() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tNewline:
		return "newline"
	case tShl:
		return `"<<"`
	case tShr:
		return `">>"`
	}
	return strconv.Quote(t.text)
}
