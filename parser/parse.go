package parser

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Config holds what the preprocessor needs beyond the source text.
type Config struct {
	IncludeDirs []string // searched, in order, after the including file's directory
	Defines     []string // "name" or "name=value", as -D gives them
	// ReadFile reads included files; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
	// IsInstruction, if not nil, tells instructions from other words: a
	// statement whose operands do not parse and whose op is no
	// instruction is reported, as go tool asm reports it, as an
	// unrecognized instruction (an undefined macro ROUND(AX, BX), say).
	IsInstruction func(op string) bool
	// Fallback, if not nil, supplies an #include found nowhere on the
	// path: the name the file is known by (in messages and positions)
	// and its text, or ok false.
	Fallback func(name string) (path string, src []byte, ok bool)
	// Warn, if not nil, receives warnings: what the file means is not
	// what it says, but go tool asm accepts it, and so does the parser.
	// It is called on the parsing goroutine, in source order.
	Warn func(pos Pos, msg string)
}

// ParseFile reads and parses the file at path.
func ParseFile(path string, cfg Config) ([]Stmt, ErrorList) {
	src, errs := readSource(path, cfg)
	if errs != nil {
		return nil, errs
	}
	ps, errs := parse(path, src, cfg, nil)
	return ps.stmts, errs
}

// ParseFileParts reads and parses the file at path, handing its statements
// to each in parts: each TEXT statement starts a part, and a large
// function comes in several. The slice and the statements' operands are
// reused once each returns, so the parser holds a part, not the file;
// strings stay valid. It returns every error found, in source order.
func ParseFileParts(path string, cfg Config, each func([]Stmt)) ErrorList {
	src, errs := readSource(path, cfg)
	if errs != nil {
		return errs
	}
	_, errs = parse(path, src, cfg, each)
	return errs
}

// reader is cfg.ReadFile, or os.ReadFile if that is nil.
func (cfg *Config) reader() func(path string) ([]byte, error) {
	if cfg.ReadFile != nil {
		return cfg.ReadFile
	}
	return os.ReadFile
}

// readSource reads the top file with cfg's reader.
func readSource(path string, cfg Config) ([]byte, ErrorList) {
	src, err := cfg.reader()(path)
	if err != nil {
		msg := err.Error()
		if pe, ok := err.(*os.PathError); ok {
			msg = pe.Err.Error()
		}
		return nil, ErrorList{{Pos: Pos{File: path}, Msg: "cannot read file: " + msg}}
	}
	return src, nil
}

// Parse parses src as the contents of the file name. Included files are
// looked up relative to name's directory first. It returns every
// statement that parsed and every error found, in source order.
func Parse(name string, src []byte, cfg Config) ([]Stmt, ErrorList) {
	// The statements' strings point into the source: parse a copy, so
	// that the caller may reuse src.
	ps, errs := parse(name, bytes.Clone(src), cfg, nil)
	return ps.stmts, errs
}

// parse parses src, the contents of the file name, into ps.stmts, or
// into calls of each, a part at a time, if each is not nil.
func parse(name string, src []byte, cfg Config, each func([]Stmt)) (*stmtParser, ErrorList) {
	errs := &errSink{}
	pp := newPreproc(cfg, errs)
	pp.topDir = filepath.Dir(name)
	if line, msg := pp.admit(src); msg != "" {
		errs.add(Pos{File: name, Line: max(line, 1)}, msg)
		return &stmtParser{}, errs.list
	}
	pp.pushFile(name, src)
	ps := &stmtParser{pp: pp, errs: errs, each: each}
	if each == nil {
		// About one statement a line; the slice is the largest
		// allocation of a parse, so it is sized from the line count,
		// not the bytes.
		lines := bytes.Count(src, []byte{'\n'})
		ps.stmts = make([]Stmt, 0, min(lines+lines/8+4, MaxStmts))
	}
	ps.run()
	if each != nil && len(ps.stmts) > 0 {
		each(ps.stmts)
	}
	return ps, errs.list
}

// flushStmts is how many statements ParseFileParts holds at most before
// it hands them over, if no TEXT comes first: enough that handing over
// costs nothing, few enough that a large function's statements do not
// all wait in memory for the next TEXT.
const flushStmts = 1024

// operandChunk is how many operands are allocated at a time.
const operandChunk = 512

// errSink collects errors, keeping one per line so a mistake does not
// cascade into more messages about the same statement.
type errSink struct {
	list ErrorList
	seen map[Error]bool
	n    int // errors reported, including those left out as duplicates
}

// replaceLast turns the error just reported at pos, if it is the last in
// the list, into msg.
func (e *errSink) replaceLast(pos Pos, msg string) {
	n := len(e.list)
	if n == 0 || e.list[n-1].Pos != pos || e.list[n-1].Msg == TooManyErrors {
		return
	}
	delete(e.seen, *e.list[n-1])
	k := Error{Pos: pos, Msg: msg}
	e.list[n-1] = &k
	e.seen[k] = true
}

func (e *errSink) add(pos Pos, msg string) {
	e.n++
	if len(e.list) > MaxErrors {
		return
	}
	if len(e.list) == MaxErrors {
		msg = TooManyErrors
	}
	if n := len(e.list); n > 0 && e.list[n-1].Pos == pos {
		return
	}
	k := Error{Pos: pos, Msg: msg}
	if e.seen[k] {
		return
	}
	if e.seen == nil {
		e.seen = make(map[Error]bool)
	}
	e.seen[k] = true
	e.list = append(e.list, &k)
}

// addEarlier adds an error found after later lines of the same file were
// already reported (an #ifdef left open), keeping the list in source order.
func (e *errSink) addEarlier(pos Pos, msg string) {
	e.add(pos, msg)
	l := e.list
	i := len(l) - 1
	if i < 0 || l[i].Pos != pos || l[i].Msg != msg {
		return
	}
	for i > 0 && l[i-1].Pos.File == pos.File && l[i-1].Pos.Line > pos.Line {
		l[i-1], l[i] = l[i], l[i-1]
		i--
	}
}

type stmtParser struct {
	pp    *preproc
	errs  *errSink
	stmts []Stmt
	toks  []tok     // tokens of the statement's operands
	ends  []int     // end index in toks of each operand
	pair  int       // operand index of R1 in R1:R2, else -1
	arena []Operand // where the next statements' operands go

	// each, if not nil, is given the statements a part at a time
	// (see ParseFileParts); blocks are the operand arenas allocated so
	// far, used again from the first once each returns, and nstmts
	// counts the statements handed over.
	each   func([]Stmt)
	blocks [][]Operand
	nblock int
	nstmts int

	// afterJump says the last instruction was a jump. Go's parser keeps
	// that state until the next instruction, so the pseudo-ops in between
	// read a bare name as a label (see flagsOperand).
	afterJump bool
}

// IsJump reports whether op takes a label operand, by cmd/asm's rule.
func IsJump(op string) bool {
	return strings.HasPrefix(op, "J") || op == "CALL" || strings.HasPrefix(op, "LOOP") || op == "XBEGIN"
}

// isPseudo reports whether op is one of the pseudo-ops Go's parser handles
// apart from instructions (which leave its jump state alone).
func isPseudo(op string) bool {
	switch op {
	case "TEXT", "GLOBL", "DATA", "PCDATA", "FUNCDATA", "PCALIGN":
		return true
	}
	return false
}

func (ps *stmtParser) run() {
	pp := ps.pp
	for {
		t := pp.next()
		switch t.kind {
		case tEOF:
			return
		case tNewline, ';':
			continue
		}
		pos := Pos{File: pp.file, Line: int(t.line)}
		if ps.nstmts+len(ps.stmts) >= MaxStmts {
			ps.errs.add(pos, tooManyStmts)
			return
		}
		if t.kind != tIdent {
			ps.errs.add(pos, "expected instruction or label, found "+t.describe())
			ps.skip(t)
			continue
		}
		nerr := ps.errs.n
		nt := pp.next()
		if nt.kind == ':' {
			ps.stmts = append(ps.stmts, Stmt{Pos: pos, Label: t.text})
			continue
		}
		st := Stmt{Pos: pos, Op: t.text}
		for nt.kind == '.' {
			s := pp.next()
			if s.kind != tIdent {
				ps.errs.add(pos, "expected instruction suffix after '.', found "+s.describe())
				nt = s
				break
			}
			st.Suffix = append(st.Suffix, s.text)
			nt = pp.next()
		}
		if ps.collect(nt, pos) {
			ps.operands(&st)
		}
		if ps.errs.n > nerr && !isPseudo(st.Op) && pp.cfg.IsInstruction != nil && !pp.cfg.IsInstruction(st.Op) {
			ps.errs.replaceLast(pos, fmt.Sprintf("unrecognized instruction %q", st.Op))
		}
		if !isPseudo(st.Op) {
			ps.afterJump = IsJump(st.Op)
		}
		if ps.each != nil && (st.Op == "TEXT" && len(ps.stmts) > 0 || len(ps.stmts) >= flushStmts) {
			ps.flush(&st)
		}
		if ps.errs.n == nerr {
			ps.stmts = append(ps.stmts, st)
		} else if st.Op == "TEXT" {
			ps.stmts = append(ps.stmts, Stmt{Pos: pos, Op: "TEXT", Bad: true})
		} else if st.Op == "GLOBL" && len(st.Args) > 0 {
			ps.stmts = append(ps.stmts, Stmt{Pos: pos, Op: "GLOBL", Bad: true, Args: st.Args[:1]})
		}
	}
}

// nextBlock makes ps.arena a block of at least n operands: the next of
// those a part before used, or a new one.
func (ps *stmtParser) nextBlock(n int) {
	if ps.each == nil || n > operandChunk {
		ps.arena = make([]Operand, max(n, operandChunk)) // a statement may have more
		return
	}
	if ps.nblock == len(ps.blocks) {
		ps.blocks = append(ps.blocks, make([]Operand, operandChunk))
	}
	ps.arena = ps.blocks[ps.nblock]
	ps.nblock++
}

// flush hands the statements so far to ps.each and starts over with the
// slice and the operand blocks; next is the statement that comes next,
// whose operands, already parsed, move to the first block.
func (ps *stmtParser) flush(next *Stmt) {
	args := slices.Clone(next.Args) // out of the blocks about to be cleared
	ps.each(ps.stmts)
	ps.nstmts += len(ps.stmts)
	clear(ps.stmts)
	ps.stmts = ps.stmts[:0]
	for _, b := range ps.blocks[:ps.nblock] {
		clear(b)
	}
	ps.nblock, ps.arena = 0, nil
	if n := len(args); n > 0 {
		ps.nextBlock(n)
		next.Args = ps.arena[:n:n]
		ps.arena = ps.arena[n:]
		copy(next.Args, args)
	}
}

// warn reports a warning, if the caller asked for them.
func (ps *stmtParser) warn(pos Pos, msg string) {
	if ps.pp.cfg.Warn != nil {
		ps.pp.cfg.Warn(pos, msg)
	}
}

// skip discards tokens to the end of the statement.
func (ps *stmtParser) skip(t tok) {
	for t.kind != tNewline && t.kind != ';' && t.kind != tEOF {
		t = ps.pp.next()
	}
}

// collect gathers the operand tokens of a statement starting with t,
// splitting at top-level commas. cmd/asm's old pair syntax R1:R2 becomes
// the two operands R2, R1.
func (ps *stmtParser) collect(t tok, pos Pos) bool {
	ps.toks = ps.toks[:0]
	ps.ends = ps.ends[:0]
	nest := 0
	ps.pair = -1
	for {
		switch t.kind {
		case tEOF:
			// Go's assembler wants every statement ended, the last one
			// in the file too.
			ps.errs.add(pos, "unexpected EOF")
			return false
		case tNewline, ';':
			if len(ps.toks) > 0 || len(ps.ends) > 0 {
				return ps.endOperand(t, pos)
			}
			return true
		case ',', ':':
			if nest == 0 {
				if !ps.endOperand(t, pos) {
					return false
				}
				if t.kind == ':' {
					if ps.pair >= 0 {
						ps.errs.add(pos, "invalid ':' in operand")
						ps.skip(t)
						return false
					}
					ps.pair = len(ps.ends) - 1
				}
				t = ps.pp.next()
				continue
			}
		case '(', '[':
			nest++
		case ')', ']':
			nest--
		case tInvalid:
			ps.errs.add(pos, "invalid character "+t.describe())
			ps.skip(t)
			return false
		}
		ps.toks = append(ps.toks, t)
		t = ps.pp.next()
	}
}

// endOperand ends an operand at t, a comma, colon or the end of the
// statement; an empty one is an error, and the rest of the statement is
// then skipped.
func (ps *stmtParser) endOperand(t tok, pos Pos) bool {
	start := 0
	if n := len(ps.ends); n > 0 {
		start = ps.ends[n-1]
	}
	if len(ps.toks) == start {
		ps.errs.add(pos, "missing operand")
		ps.skip(t)
		return false
	}
	ps.ends = append(ps.ends, len(ps.toks))
	return true
}

// operands parses the collected operand tokens into st.Args.
func (ps *stmtParser) operands(st *Stmt) {
	n := len(ps.ends)
	if n == 0 {
		return
	}
	if len(ps.arena) < n {
		ps.nextBlock(n)
	}
	st.Args = ps.arena[:n:n]
	ps.arena = ps.arena[n:]
	jump := IsJump(st.Op)
	start := 0
	for i, end := range ps.ends {
		toks := ps.toks[start:end]
		start = end
		var msg string
		switch {
		case st.Op == "TEXT" && i == n-1 && n > 1:
			msg = textSize(toks, &st.Args[i])
		case (st.Op == "TEXT" || st.Op == "GLOBL") && i == 1 && n == 3:
			msg = flagsOperand(toks, &st.Args[i])
			if msg != "" && ps.afterJump {
				if name, ok := flagsAsLabel(toks, &st.Args[i]); ok {
					msg = ""
					ps.warn(st.Pos, name+" is undefined here (no #include \"textflag.h\"?) and is read as 0: after a jump, go tool asm takes a bare name in "+st.Op+"'s flags for a label")
				}
			}
		case st.Op == "DATA" && i == 0:
			msg = dataOperand(toks, &st.Args[i])
		default:
			msg = parseOperand(toks, jump, &st.Args[i])
		}
		if msg != "" {
			ps.errs.add(st.Pos, msg)
			return
		}
	}
	if p := ps.pair; p >= 0 && p+1 < n {
		st.Args[p], st.Args[p+1] = st.Args[p+1], st.Args[p]
	}
	if msg := checkPseudo(st); msg != "" {
		ps.errs.add(st.Pos, msg)
	}
}
