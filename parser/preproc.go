package parser

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"
)

const (
	maxIncludeDepth = 64
	maxMacroDepth   = 100
	maxIncludes     = 10000 // files included by one Parse, counting repeats
	// maxExpansion bounds the tokens all macro expansions of one Parse may
	// produce, so macros that double at every level cannot run away.
	maxExpansion = 1 << 20
)

// macro is a #define. params is nil for an object-like macro and non-nil
// (possibly empty) for a function-like one.
type macro struct {
	name   string
	params []string
	body   []tok
	broken bool // its #define had an error: uses are dropped (directive.go)
}

// frame is one source of tokens: a file being lexed or a macro expansion.
type frame struct {
	lx   *lexer // file frame
	file string // name used in positions
	key  string // identity of the file, for include cycles
	// ifBase is the depth of the #ifdef stack when the file was entered.
	ifBase int

	toks    []tok // macro frame
	i       int
	useLine int32 // line of the macro use; every token of the expansion carries it
}

type ifdef struct {
	pos          Pos
	active       bool // tokens inside are kept
	parentActive bool
	sawElse      bool
}

// preproc runs the preprocessor over a stack of frames and hands out
// tokens with macros expanded and directives executed.
type preproc struct {
	cfg    Config
	readf  func(string) ([]byte, error)
	frames []*frame
	nfiles int    // number of file frames on the stack
	topDir string // directory of the file Parse was given
	macros map[string]*macro
	// macroBits has the bit macroBit gives every name ever defined set: an
	// identifier whose bit is clear is no macro, without a map lookup.
	macroBits [64]uint64
	ifs       []ifdef
	bol       bool
	file      string // file name of the last token returned by next
	errs      *errSink
	// expanded counts tokens produced by macro expansions; past
	// maxExpansion macros are no longer expanded.
	expanded int
	included int
	// sourceBytes counts the bytes of every file read (limits.go).
	sourceBytes int
	// Blocks that definitions are allocated from, and the scratch slice a
	// body is collected in (macroalloc.go).
	macroBlock []macro
	tokBlock   []tok
	bodyBuf    []tok
}

func newPreproc(cfg Config, errs *errSink) *preproc {
	p := &preproc{cfg: cfg, readf: cfg.reader(), macros: make(map[string]*macro), bol: true, errs: errs}
	for _, d := range cfg.Defines {
		name, value := d, "1"
		if i := strings.IndexByte(d, '='); i >= 0 {
			name, value = d[:i], d[i+1:]
		}
		pos := Pos{File: "command line", Line: 1}
		nt := tokenize(name, nil)
		if len(nt) != 1 || nt[0].kind != tIdent {
			errs.add(pos, fmt.Sprintf("-D: %q is not a valid macro name", name))
			continue
		}
		body := tokenize(value, func(_ int32, msg string) {
			errs.add(pos, fmt.Sprintf("-D %s: %s", name, msg))
		})
		p.setMacro(name, &macro{name: name, body: body})
	}
	return p
}

// tokenize lexes a string into tokens.
func tokenize(s string, errf func(int32, string)) []tok {
	if errf == nil {
		errf = func(int32, string) {}
	}
	lx := newLexer(s, errf)
	var out []tok
	for {
		t := lx.next()
		if t.kind == tEOF {
			return out
		}
		out = append(out, t)
	}
}

func fileKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// pushFile starts reading src, which the parser owns from then on: the
// tokens' text points into it rather than into a copy.
func (p *preproc) pushFile(name string, src []byte) {
	f := &frame{file: name, key: fileKey(name), ifBase: len(p.ifs)}
	text := unsafe.String(unsafe.SliceData(src), len(src))
	p.reserveMacros(text)
	f.lx = newLexer(text, func(line int32, msg string) {
		if p.enabled() {
			p.errs.add(Pos{File: f.file, Line: int(line)}, msg)
		}
	})
	p.frames = append(p.frames, f)
	p.nfiles++
}

func (p *preproc) enabled() bool {
	return len(p.ifs) == 0 || p.ifs[len(p.ifs)-1].active
}

// raw returns the next token from the frame stack without expanding
// macros or running directives, and the frame it came from. Finished
// frames are popped only when read past their end, so a macro whose
// expansion ends in a call to itself piles up frames and is caught.
func (p *preproc) raw() (tok, *frame) {
	for len(p.frames) > 0 {
		f := p.frames[len(p.frames)-1]
		if f.lx != nil {
			t := f.lx.next()
			if t.kind != tEOF {
				return t, f
			}
			p.endFile(f)
		} else {
			if f.i < len(f.toks) {
				t := f.toks[f.i]
				f.i++
				t.line = f.useLine
				return t, f
			}
		}
		p.frames = p.frames[:len(p.frames)-1]
	}
	return tok{kind: tEOF}, nil
}

// endFile reports the #ifdefs a file left open.
func (p *preproc) endFile(f *frame) {
	for i := f.ifBase; i < len(p.ifs); i++ {
		p.errs.addEarlier(p.ifs[i].pos, "unterminated #ifdef")
	}
	p.ifs = p.ifs[:f.ifBase]
	p.nfiles--
}

// next returns the next token after preprocessing.
func (p *preproc) next() tok {
	for {
		t, f := p.raw()
		switch t.kind {
		case tEOF:
			p.file = ""
			return t
		case '#':
			if f.lx != nil && p.bol {
				p.directive(f, t)
				continue
			}
			if p.enabled() {
				p.errs.add(Pos{File: f.file, Line: int(t.line)}, "'#' must be first item on line")
			}
		case tIdent:
			if !p.enabled() {
				p.bol = false
				continue
			}
			if m := p.lookupMacro(t.text); m != nil && !t.noexp {
				p.expand(m, t, f)
				continue
			}
		}
		p.bol = t.kind == tNewline
		if !p.enabled() {
			continue
		}
		p.file = f.file
		return t
	}
}

// pushMacro pushes an expansion, or reports runaway expansion.
func (p *preproc) pushMacro(name string, toks []tok, use tok, file string) {
	p.expanded += len(toks)
	if p.expanded > maxExpansion {
		if p.expanded-len(toks) <= maxExpansion {
			p.errs.add(Pos{File: file, Line: int(use.line)}, "macro expansion too large: "+name)
		}
		return
	}
	if len(p.frames)-p.nfiles >= maxMacroDepth {
		p.errs.add(Pos{File: file, Line: int(use.line)}, "macro expansion too deep: "+name)
		// Abandon every expansion in progress.
		for len(p.frames) > 0 && p.frames[len(p.frames)-1].lx == nil {
			p.frames = p.frames[:len(p.frames)-1]
		}
		return
	}
	p.frames = append(p.frames, &frame{file: file, toks: toks, useLine: use.line})
}

func (p *preproc) expand(m *macro, use tok, f *frame) {
	if m.broken {
		t, _ := p.raw()
		for t.kind != tNewline && t.kind != tEOF {
			t, _ = p.raw()
		}
		if t.kind == tNewline {
			p.pushMacro(m.name, []tok{t}, use, f.file)
		}
		return
	}
	if m.params == nil {
		p.pushMacro(m.name, m.body, use, f.file)
		return
	}
	t, tf := p.raw()
	if t.kind != '(' {
		// A function-like macro named without arguments stands for itself.
		use.noexp = true
		if tf != nil {
			p.pushMacro(m.name, []tok{use, t}, use, f.file)
		} else {
			p.pushMacro(m.name, []tok{use}, use, f.file)
		}
		return
	}
	pos := Pos{File: f.file, Line: int(use.line)}
	var args [][]tok
	var cur []tok
	depth := 0
	for {
		t, _ := p.raw()
		if t.kind == tEOF || t.kind == tNewline {
			p.errs.add(pos, "unterminated argument list invoking macro "+m.name)
			if t.kind == tNewline {
				p.pushMacro(m.name, []tok{t}, use, f.file)
			}
			return
		}
		if depth == 0 && (t.kind == ')' || t.kind == ',') {
			args = append(args, cur)
			cur = nil
			if t.kind == ')' {
				break
			}
			continue
		}
		if t.kind == '(' {
			depth++
		} else if t.kind == ')' {
			depth--
		}
		cur = append(cur, t)
	}
	if len(m.params) == 0 && len(args) == 1 && len(args[0]) == 0 {
		args = nil
	}
	if len(args) != len(m.params) {
		p.errs.add(pos, fmt.Sprintf("macro %s: expected %d arguments, found %d", m.name, len(m.params), len(args)))
		return
	}
	var out []tok
	for _, bt := range m.body {
		if bt.kind == tIdent {
			if i := slices.Index(m.params, bt.text); i >= 0 {
				out = append(out, args[i]...)
				continue
			}
		}
		out = append(out, bt)
	}
	p.pushMacro(m.name, out, use, f.file)
}

// setMacro defines name as m.
func (p *preproc) setMacro(name string, m *macro) {
	p.macros[name] = m
	b := macroBit(name)
	p.macroBits[b/64] |= 1 << (b % 64)
}

// lookupMacro returns the macro name, or nil.
func (p *preproc) lookupMacro(name string) *macro {
	if b := macroBit(name); p.macroBits[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	return p.macros[name]
}

// macroBit hashes a name's length and first and last bytes to one of
// macroBits' bits.
func macroBit(name string) uint {
	if name == "" {
		return 0
	}
	return (uint(len(name))*131 + uint(name[0])*31 + uint(name[len(name)-1])) % (64 * 64)
}
