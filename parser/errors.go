package parser

import (
	"fmt"
	"strings"
)

// Error is a problem at a source position. It prints as "file:line: msg",
// the form go tool asm uses.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// MaxErrors bounds the errors one stage (parsing, encoding) collects for
// a file, so that a file of garbage cannot fill memory with messages. The
// error after the last kept one is reported as TooManyErrors.
const MaxErrors = 1000

// TooManyErrors is the message that ends a list cut at MaxErrors.
const TooManyErrors = "too many errors"

// ErrorList is every error found in a file, in source order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list, else the list itself.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
