package parser

import (
	"maps"
	"strings"
)

// A go_asm.h holds thousands of one-line #defines, and a small file that
// includes one spends most of its parse defining them. Macros and their
// bodies are therefore carved out of shared blocks, and the macro table is
// sized for a file's definitions before they are read.

const allocBlock = 256

// reserveMacros grows the macro table, once a file is pushed, to hold
// the definitions the file's text suggests, so it is not rehashed as it
// fills.
func (p *preproc) reserveMacros(text string) {
	n := strings.Count(text, "#define")
	if n < allocBlock {
		return
	}
	m := make(map[string]*macro, len(p.macros)+n)
	maps.Copy(m, p.macros)
	p.macros = m
	p.macroBlock = make([]macro, 0, n)
	p.tokBlock = make([]tok, 0, 2*n)
}

// newMacro returns a zero macro from the current block.
func (p *preproc) newMacro(name string) *macro {
	if len(p.macroBlock) == cap(p.macroBlock) {
		p.macroBlock = make([]macro, 0, allocBlock)
	}
	p.macroBlock = append(p.macroBlock, macro{name: name})
	return &p.macroBlock[len(p.macroBlock)-1]
}

// keepToks copies a macro body out of the reused scratch slice into the
// current token block; the result's capacity ends at its length, so an
// append to one body can never run into the next.
func (p *preproc) keepToks(ts []tok) []tok {
	if len(ts) == 0 {
		return nil
	}
	if len(ts) > allocBlock/4 {
		return append([]tok(nil), ts...)
	}
	if cap(p.tokBlock)-len(p.tokBlock) < len(ts) {
		p.tokBlock = make([]tok, 0, allocBlock)
	}
	start := len(p.tokBlock)
	p.tokBlock = append(p.tokBlock, ts...)
	return p.tokBlock[start:len(p.tokBlock):len(p.tokBlock)]
}
