// Package encoder turns parsed statements into an object with Go's
// assembler semantics (pseudo-registers, TEXT frames, rewrites, branch
// relaxation) and amd64 machine code byte-identical to go tool asm.
package encoder

import (
	"fmt"
	"sort"

	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// Options control assembly.
type Options struct {
	Pkg string // the package path that "·name" belongs to; "main" if empty
	// NoListing leaves Result.Listing empty: printing every instruction
	// is a good part of the work, and only -S and comparisons read it.
	NoListing bool
}

// Result is an assembled file.
type Result struct {
	Object  *obj.Object
	Listing []Listed
	Funcs   []Func // the functions, in order, for the listing's headers
}

// Textflag bits (textflag.h).
const (
	flagDupOK    = 2
	flagNoSplit  = 4
	flagRodata   = 8
	flagNoPtr    = 16
	flagNeedCtxt = 64
	flagTLSBSS   = 256
	flagNoFrame  = 512
)

type assembler struct {
	opts    Options
	conv    convCtx
	obj     *obj.Object
	errs    parser.ErrorList
	syms    map[string]*obj.Symbol
	listing []Listed
	funcs   []Func
	datas   map[string]*dataSym
	dataOrd []string
	stored  int64              // bytes of DATA all symbols hold so far, bounded by maxStored
	order   map[parser.Pos]int // statement index of each position, to sort errors

	progSlab   []prog // where the next progs come from (newProg)
	argSlab    []arg  // where kept operands go (settle)
	argScratch []arg  // where a prog's operands are built
}

// Assemble assembles one file's statements. source names the file for debug
// information. Every error found is returned; the result is nil when there
// are errors.
func Assemble(stmts []parser.Stmt, source string, opts Options) (*Result, parser.ErrorList) {
	s := NewStream(source, opts)
	s.Add(stmts)
	return s.Finish()
}

// Stream assembles statements as they arrive, so that parsing and
// assembling can overlap: Add each batch in order, then Finish.
type Stream struct {
	a   *assembler
	fn  *function
	pos [][]parser.Pos // of every statement added, by batch, to put errors in order
}

// NewStream starts assembling a file; source and opts are as for Assemble.
func NewStream(source string, opts Options) *Stream {
	if opts.Pkg == "" {
		opts.Pkg = "main"
	}
	return &Stream{a: &assembler{
		opts:  opts,
		conv:  convCtx{pkg: opts.Pkg},
		obj:   &obj.Object{Source: source},
		syms:  map[string]*obj.Symbol{},
		datas: map[string]*dataSym{},
	}}
}

// Add assembles the next statements. It keeps nothing of stmts that the
// parser could reuse: the caller may recycle their memory afterwards.
func (s *Stream) Add(stmts []parser.Stmt) {
	a := s.a
	pos := make([]parser.Pos, len(stmts))
	s.pos = append(s.pos, pos)
	for i := range stmts {
		st := &stmts[i]
		pos[i] = st.Pos
		switch st.Op {
		case "TEXT":
			if s.fn != nil {
				a.finishFunc(s.fn)
			}
			s.fn = a.startFunc(st)
		case "GLOBL":
			a.globl(st)
		case "DATA":
			a.data(st)
		case "PCDATA", "FUNCDATA":
			// Runtime metadata: no code, but they count for off(PC) targets.
			if s.fn != nil && s.fn.ok {
				a.addStmt(s.fn, st)
			}
		default:
			if s.fn == nil {
				if st.Op == "" {
					a.errorf(st.Pos, "label %s outside of a TEXT symbol", st.Label)
				} else {
					a.errorf(st.Pos, "instruction %s outside of a TEXT symbol", st.Op)
				}
				continue
			}
			if s.fn.ok {
				a.addStmt(s.fn, st)
			}
		}
	}
}

// Finish completes the file: the result, or every error found.
func (s *Stream) Finish() (*Result, parser.ErrorList) {
	a := s.a
	if s.fn != nil {
		a.finishFunc(s.fn)
		s.fn = nil
	}
	a.finishData()
	a.exportUndefinedLocals()
	if len(a.errs) > 0 {
		// The order map holds only the errors' positions: on a large file
		// one for every statement costs more than the statements.
		a.order = map[parser.Pos]int{}
		for _, e := range a.errs {
			a.order[e.Pos] = -1
		}
		n := 0
		for _, batch := range s.pos {
			for _, pos := range batch {
				if a.order[pos] == -1 {
					a.order[pos] = n
				}
				n++
			}
		}
		sort.SliceStable(a.errs, func(i, j int) bool {
			return a.order[a.errs[i].Pos] < a.order[a.errs[j].Pos]
		})
		return nil, a.errs
	}
	return &Result{Object: a.obj, Listing: a.listing, Funcs: a.funcs}, nil
}

func (a *assembler) errorf(pos parser.Pos, format string, args ...any) {
	if len(a.errs) > parser.MaxErrors {
		return
	}
	if len(a.errs) == parser.MaxErrors {
		format, args = parser.TooManyErrors, nil
	}
	a.errs = append(a.errs, &parser.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// symbol returns the object's symbol for ref, creating an undefined one.
func (a *assembler) symbol(ref *symRef) *obj.Symbol {
	key := ref.name
	if ref.local {
		key += "<>"
	}
	if s, ok := a.syms[key]; ok {
		return s
	}
	s := &obj.Symbol{Name: ref.name, Local: ref.local}
	a.syms[key] = s
	a.obj.Symbols = append(a.obj.Symbols, s)
	return s
}
