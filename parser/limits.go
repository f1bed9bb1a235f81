package parser

import (
	"bytes"
	"fmt"
)

// Limits on what one Parse reads, so that no input makes the assembler
// hold more than a few hundred megabytes: the statements of a file, and
// everything after them, cost about a kilobyte each.
const (
	// MaxStmts bounds the statements of one Parse, counting those that
	// #include and macros produce.
	MaxStmts = 1 << 17
	// maxLineLen bounds a source line, the unit the lexer works on.
	maxLineLen = 1 << 20
	// maxSource bounds the bytes one Parse reads, counting every file
	// each time it is included.
	maxSource = 64 << 20
)

var tooManyStmts = fmt.Sprintf("too many statements: more than %d in one file", MaxStmts)

// admit accounts for src, a file about to be read. It returns a message
// if the file breaks a limit, with the line at fault or 0 if the fault
// is the file as a whole.
func (p *preproc) admit(src []byte) (line int, msg string) {
	p.sourceBytes += len(src)
	if p.sourceBytes > maxSource {
		return 0, fmt.Sprintf("too much source: more than %d bytes in all", maxSource)
	}
	for n := 1; len(src) > 0; n++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		if end > maxLineLen {
			return n, fmt.Sprintf("line too long: %d bytes, expected at most %d", end, maxLineLen)
		}
		src = src[min(end+1, len(src)):]
	}
	return 0, ""
}
