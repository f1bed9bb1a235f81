// Package encoder turns parsed statements into an object with Go's
// assembler semantics (pseudo-registers, TEXT frames, rewrites, branch
// relaxation); package x86 encodes the instructions, byte-identical to
// go tool asm.
package encoder

import (
	"fmt"
	"sort"

	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// Options control assembly.
type Options struct {
	Pkg string // the package path that "·name" belongs to; "main" if empty
	// NoListing leaves Result.Listing empty: printing every instruction
	// is a good part of the work, and only -S and comparisons read it.
	NoListing bool
	// Consume lets Assemble drop each statement's operands and suffixes
	// (set Args and Suffix to nil) once it has read them, so that what
	// the parser allocated for them can be collected while the rest of
	// the file is encoded. Positions, labels and ops are kept.
	Consume bool
	// Dynlink, Shared and Retpoline are go tool asm's -dynlink, -shared
	// and -spectre=ret: globals through the GOT, TLS by the initial-exec
	// model, indirect calls and jumps through the runtime's retpolines.
	Dynlink, Shared, Retpoline bool
	// MayMoreStack is go tool asm's -d maymorestack=fn: every stack-split
	// prologue calls fn (a linker symbol name, as runtime.f) first, with
	// DX saved around the call in a function that needs its context, as
	// Go's does for testing stack growth.
	MayMoreStack string
}

// Result is an assembled file.
type Result struct {
	Object  *obj.Object
	Listing []Listed
	Funcs   []Func // the functions, in order, for the listing's headers
	// ListRequires makes WriteListing print each function's CPU
	// features under its header, as avo's "// Requires:" comments.
	ListRequires bool
}

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
	stored  int64 // bytes of DATA all symbols hold so far, bounded by maxStored
	order   stmtOrder
	mem     progMem
}

// Assemble assembles one file's statements. source names the file for debug
// information. Every error found is returned, in the order of the
// statements they are about; the result is nil when there are errors.
func Assemble(stmts []parser.Stmt, source string, opts Options) (*Result, parser.ErrorList) {
	as := NewAssembler(source, opts)
	as.Add(stmts)
	return as.Finish()
}

// An Assembler assembles statements given a part at a time, as Assemble
// assembles them given at once: the parts' statements are read while Add
// runs and not after, so a caller can reuse them, and a function is
// encoded once its last statement has been added.
type Assembler struct {
	a  *assembler
	fn *function // the function whose statements are being added
}

// NewAssembler returns an Assembler for the file source (named in debug
// information).
func NewAssembler(source string, opts Options) *Assembler {
	if opts.Pkg == "" {
		opts.Pkg = "main"
	}
	return &Assembler{a: &assembler{
		opts:  opts,
		conv:  convCtx{pkg: opts.Pkg, shared: opts.Shared},
		obj:   &obj.Object{Source: source},
		syms:  map[string]*obj.Symbol{},
		datas: map[string]*dataSym{},
	}}
}

// Add assembles the statements that follow those added before.
func (as *Assembler) Add(stmts []parser.Stmt) {
	a, fn := as.a, as.fn
	for i := range stmts {
		st := &stmts[i]
		a.order.see(st.Pos)
		switch st.Op {
		case "TEXT":
			if fn != nil {
				a.finishFunc(fn)
			}
			fn = a.startFunc(st)
		case "GLOBL":
			a.globl(st)
		case "DATA":
			a.data(st)
		case "PCDATA", "FUNCDATA":
			// Runtime metadata: no code, but they count for off(PC) targets.
			if fn != nil && fn.ok {
				a.addStmt(fn, st)
			}
		default:
			if fn == nil {
				if st.Op == "" {
					a.errorf(st.Pos, "label %s outside of a TEXT symbol", st.Label)
				} else {
					a.errorf(st.Pos, "instruction %s outside of a TEXT symbol", st.Op)
				}
				continue
			}
			if fn.ok {
				a.addStmt(fn, st)
			}
		}
		if a.opts.Consume {
			st.Args, st.Suffix = nil, nil
		}
	}
	as.fn = fn
}

// Finish encodes the last function and returns the object, or every error
// found, in the order of the statements they are about.
func (as *Assembler) Finish() (*Result, parser.ErrorList) {
	a := as.a
	if as.fn != nil {
		a.finishFunc(as.fn)
		as.fn = nil
	}
	a.finishData()
	a.exportUndefinedLocals()
	if len(a.errs) > 0 {
		// Errors are found statement by statement and again as each
		// function is laid out: list them by statement.
		sort.SliceStable(a.errs, func(i, j int) bool {
			return a.order.key(a.errs[i].Pos) < a.order.key(a.errs[j].Pos)
		})
		return nil, a.errs
	}
	return &Result{Object: a.obj, Listing: a.listing, Funcs: a.funcs}, nil
}

// stmtOrder orders positions as the statements written at them came,
// without keeping a record for every statement: a run is a stretch of
// consecutive statements of one file with lines that do not go down,
// which a file makes one of unless an #include interrupts it.
type stmtOrder struct {
	runs []posRun
}

type posRun struct {
	file        string
	first, last int // the lines the run spans
}

// see records that the next statement is at pos.
func (o *stmtOrder) see(pos parser.Pos) {
	if n := len(o.runs); n > 0 {
		r := &o.runs[n-1]
		if r.file == pos.File && pos.Line >= r.last {
			r.last = pos.Line
			return
		}
	}
	o.runs = append(o.runs, posRun{file: pos.File, first: pos.Line, last: pos.Line})
}

// key is pos's place in the order of statements: that of the first run
// that spans it (the first statement at pos), and -1 if none does.
func (o *stmtOrder) key(pos parser.Pos) int64 {
	for i, r := range o.runs {
		if r.file == pos.File && r.first <= pos.Line && pos.Line <= r.last {
			return int64(i)<<32 | int64(pos.Line-r.first)
		}
	}
	return -1
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

// reject reports an error about p, which then emits nothing.
func (a *assembler) reject(p *prog, format string, args ...any) {
	a.errorf(p.pos, format, args...)
	p.noop = true
}

// symKey is ref's name as written, name<> for a file-local symbol: what
// tells it apart from a global of the same name.
func symKey(ref *x86.Sym) string {
	if ref.Local {
		return ref.Name + "<>"
	}
	return ref.Name
}

// symbol returns the object's symbol for ref, creating an undefined one.
func (a *assembler) symbol(ref *x86.Sym) *obj.Symbol {
	key := symKey(ref)
	if s, ok := a.syms[key]; ok {
		return s
	}
	s := &obj.Symbol{Name: ref.Name, Local: ref.Local}
	a.syms[key] = s
	a.obj.Symbols = append(a.obj.Symbols, s)
	return s
}
