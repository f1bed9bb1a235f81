// Package diag is how p9 reports problems: an error at a source position or
// in a linker input, the list of every error a stage found, and printing
// them the way both commands do. The parser, the encoder and the linker
// produce these; the commands print them.
package diag

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Pos is a line of a source file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// Error is one problem: at a source position (printed "file:line: msg", as
// go tool asm prints), or about a linker input ("input: msg"), or neither.
type Error struct {
	Pos   Pos    // the source line, if the problem has one
	Input string // the linker input, if the problem is about one
	Msg   string
}

func (e *Error) Error() string {
	switch {
	case e.Pos.File != "":
		return e.Pos.String() + ": " + e.Msg
	case e.Input != "":
		return e.Input + ": " + e.Msg
	}
	return e.Msg
}

// MaxErrors bounds the errors one stage (parsing, encoding) collects for a
// file, so that a file of garbage cannot fill memory with messages. The
// error after the last kept one is reported as TooMany.
const MaxErrors = 1000

// TooMany is the message that ends a list cut at MaxErrors.
const TooMany = "too many errors"

// List is every error a stage found, in the order it reports them.
type List []*Error

func (l List) Error() string {
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
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap gives the list's errors to errors.Is and errors.As.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// PrintLimit is how many errors a command prints unless asked for all (-e),
// as go tool asm does.
const PrintLimit = 10

// Print writes err to w one problem a line, as p9as and p9ld report them:
// an error at a source position as "file:line: message", any other after
// the command's name ("p9ld: a.o: message"). Lists and joined errors are
// flattened in order. Without all, at most PrintLimit problems print,
// followed by a line that says how many were left out.
func Print(w io.Writer, tool string, err error, all bool) {
	var flat []error
	var walk func(error)
	walk = func(err error) {
		var e *Error
		switch x := err.(type) {
		case List:
			for _, e := range x {
				walk(e)
			}
			return
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
			return
		}
		if errors.As(err, &e) && e.Pos.File != "" && e.Error() == err.Error() {
			flat = append(flat, e)
			return
		}
		flat = append(flat, err)
	}
	walk(err)
	for i, e := range flat {
		if !all && i == PrintLimit {
			fmt.Fprintf(w, "%s (%d more; -e prints all)\n", TooMany, len(flat)-i)
			return
		}
		if d, ok := e.(*Error); ok && d.Pos.File != "" {
			fmt.Fprintln(w, d)
		} else {
			fmt.Fprintf(w, "%s: %v\n", tool, e)
		}
	}
}
