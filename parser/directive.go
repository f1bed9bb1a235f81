package parser

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// dirNext returns the next token of a directive line. As in Go's
// assembler, the end of an included file does not end the line: a last
// line without a newline goes on in the including file.
func (p *preproc) dirNext() tok {
	for {
		f := p.frames[len(p.frames)-1]
		t := f.lx.next()
		if t.kind != tEOF || p.nfiles <= 1 {
			return t
		}
		// A directive runs in the file on top of the stack; the frame
		// under an included file is the file that included it.
		p.endFile(f)
		p.frames = p.frames[:len(p.frames)-1]
	}
}

// directive runs one '#' line of file f. It consumes the line's newline.
func (p *preproc) directive(f *frame, hash tok) {
	pos := Pos{File: f.file, Line: int(hash.line)}
	name := p.dirNext()
	if name.kind != tIdent {
		if p.enabled() {
			p.errs.add(pos, "expected directive name after '#', found "+name.describe())
		}
		p.skipLine(name)
		return
	}
	if !p.enabled() {
		switch name.text {
		case "ifdef", "ifndef", "else", "endif":
		default:
			p.skipLine(name)
			return
		}
	}
	switch name.text {
	case "define":
		p.define(pos)
	case "undef":
		id, ok := p.directiveName(pos, "#undef")
		if !ok {
			return
		}
		if p.endLine(pos, "#undef") && p.macros[id] == nil {
			p.errs.add(pos, "#undef of undefined macro "+id)
		}
		delete(p.macros, id)
	case "ifdef", "ifndef":
		id, ok := p.directiveName(pos, "#"+name.text)
		if ok {
			p.endLine(pos, "#"+name.text)
		}
		_, def := p.macros[id]
		parent := p.enabled()
		p.ifs = append(p.ifs, ifdef{pos: pos, active: parent && def == (name.text == "ifdef"), parentActive: parent})
	case "else":
		p.endLine(pos, "#else")
		if len(p.ifs) <= f.ifBase {
			p.errs.add(pos, "#else without #ifdef")
			return
		}
		top := &p.ifs[len(p.ifs)-1]
		if top.sawElse {
			p.errs.add(pos, "second #else for #ifdef at line "+strconv.Itoa(top.pos.Line))
		}
		top.sawElse = true
		top.active = top.parentActive && !top.active
	case "endif":
		p.endLine(pos, "#endif")
		if len(p.ifs) <= f.ifBase {
			p.errs.add(pos, "#endif without #ifdef")
			return
		}
		p.ifs = p.ifs[:len(p.ifs)-1]
	case "include":
		p.include(f, pos)
	case "line":
		p.lineDirective(f, pos)
	default:
		p.errs.add(pos, "unknown directive #"+name.text)
		p.skipLine(name)
	}
}

// skipLine discards the rest of a directive line.
func (p *preproc) skipLine(t tok) {
	for t.kind != tNewline && t.kind != tEOF {
		t = p.dirNext()
	}
}

// endLine expects the end of a directive line.
func (p *preproc) endLine(pos Pos, what string) bool {
	t := p.dirNext()
	if t.kind == tNewline {
		return true
	}
	// A file's last line needs its newline too, as in Go.
	p.errs.add(pos, "expected newline after "+what+", found "+t.describe())
	p.skipLine(t)
	return false
}

func (p *preproc) directiveName(pos Pos, what string) (string, bool) {
	t := p.dirNext()
	if t.kind != tIdent {
		p.errs.add(pos, "expected macro name after "+what+", found "+t.describe())
		p.skipLine(t)
		return "", false
	}
	return t.text, true
}

func (p *preproc) define(pos Pos) {
	id, ok := p.directiveName(pos, "#define")
	if !ok {
		return
	}
	m := p.newMacro(id)
	t := p.dirNext()
	// "#define F(x)" has parameters; "#define F (x)" is object-like.
	if t.kind == '(' && !t.space {
		m.params = []string{}
		for {
			t = p.dirNext()
			if t.kind == ')' && len(m.params) == 0 {
				break
			}
			if t.kind != tIdent {
				p.errs.add(pos, "expected parameter name in definition of macro "+id+", found "+t.describe())
				p.skipLine(t)
				p.defineBroken(m)
				return
			}
			if slices.Contains(m.params, t.text) {
				p.errs.add(pos, "duplicate parameter "+t.text+" in definition of macro "+id)
			}
			m.params = append(m.params, t.text)
			t = p.dirNext()
			if t.kind == ')' {
				break
			}
			if t.kind != ',' {
				p.errs.add(pos, "expected ',' or ')' in parameters of macro "+id+", found "+t.describe())
				p.skipLine(t)
				p.defineBroken(m)
				return
			}
		}
		t = p.dirNext()
	}
	body := p.bodyBuf[:0]
	for t.kind != tNewline && t.kind != tEOF {
		if t.kind == '\\' {
			t = p.dirNext()
			if t.kind != tNewline && t.kind != '\\' {
				p.errs.add(pos, `in definition of macro `+id+`: '\' may only escape a newline or '\'`)
				p.skipLine(t)
				p.defineBroken(m)
				return
			}
		}
		t.line = 0
		body = append(body, t)
		t = p.dirNext()
	}
	if t.kind == tEOF && (len(body) > 0 || m.params != nil) {
		// Go's assembler lets only "#define NAME" end a file without
		// a newline.
		p.errs.add(pos, "missing newline at the end of the definition of macro "+id)
		p.bodyBuf = body[:0]
		p.defineBroken(m)
		return
	}
	m.body = p.keepToks(body)
	p.bodyBuf = body[:0]
	if p.macros[id] != nil {
		p.errs.add(pos, "redefinition of macro "+id)
		return
	}
	p.setMacro(id, m)
}

// defineBroken records a macro whose #define had an error (reported): its
// uses then vanish with the rest of their line instead of reporting the
// same mistake again in another form.
func (p *preproc) defineBroken(m *macro) {
	if p.macros[m.name] == nil {
		m.broken = true
		p.setMacro(m.name, m)
	}
}

func (p *preproc) include(f *frame, pos Pos) {
	t := p.dirNext()
	if t.kind != tString {
		p.errs.add(pos, "expected \"file\" after #include, found "+t.describe())
		p.skipLine(t)
		return
	}
	name, err := strconv.Unquote(t.text)
	if err != nil {
		p.errs.add(pos, "#include: bad file name "+t.text)
		p.skipLine(t)
		return
	}
	if !p.endLine(pos, "#include") {
		return
	}
	var cands []string
	if filepath.IsAbs(name) {
		cands = []string{name}
	} else {
		cands = append(cands, filepath.Join(filepath.Dir(f.file), name))
		for _, d := range p.cfg.IncludeDirs {
			cands = append(cands, filepath.Join(d, name))
		}
		// go tool asm also searches the directory of the file it assembles.
		cands = append(cands, filepath.Join(p.topDir, name))
	}
	var src []byte
	path := ""
	for _, c := range cands {
		if b, err := p.readf(c); err == nil {
			src, path = b, c
			break
		}
	}
	if path == "" && p.cfg.Fallback != nil {
		if fp, b, ok := p.cfg.Fallback(name); ok {
			src, path = b, fp
		}
	}
	if path == "" {
		p.errs.add(pos, fmt.Sprintf("#include %q: file not found", name))
		return
	}
	key := fileKey(path)
	var chain []string
	cycle := false
	for _, fr := range p.frames {
		if fr.lx == nil {
			continue
		}
		chain = append(chain, fr.file)
		if fr.key == key {
			cycle = true
			chain = append(chain[:0], fr.file)
		}
	}
	if cycle {
		p.errs.add(pos, "#include cycle: "+strings.Join(append(chain, path), " includes "))
		return
	}
	p.included++
	if p.included > maxIncludes {
		p.errs.add(pos, fmt.Sprintf("too many #includes (more than %d)", maxIncludes))
		return
	}
	if p.nfiles >= maxIncludeDepth {
		p.errs.add(pos, fmt.Sprintf("#include nested too deeply (more than %d files)", maxIncludeDepth))
		return
	}
	if line, msg := p.admit(src); msg != "" {
		if line > 0 {
			p.errs.add(Pos{File: path, Line: line}, msg)
		} else {
			p.errs.add(pos, fmt.Sprintf("#include %q: %s", name, msg))
		}
		return
	}
	p.pushFile(path, src)
}

// lineDirective handles the Plan 9 form #line 337 "file": the next line
// is line 337 of file.
func (p *preproc) lineDirective(f *frame, pos Pos) {
	t := p.dirNext()
	n, err := strconv.Atoi(t.text)
	if t.kind != tInt || err != nil || n <= 0 {
		p.errs.add(pos, "expected line number after #line, found "+t.describe())
		p.skipLine(t)
		return
	}
	t = p.dirNext()
	name, err := strconv.Unquote(t.text)
	if t.kind != tString || err != nil {
		p.errs.add(pos, "expected file name in #line, found "+t.describe())
		p.skipLine(t)
		return
	}
	if !p.endLine(pos, "#line") {
		return
	}
	top := p.frames[len(p.frames)-1] // f, unless f ended before the newline
	top.file = name
	top.lx.line = int32(n)
}
