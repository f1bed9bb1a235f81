package encoder

import (
	"slices"
	"sort"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// function collects one TEXT symbol's statements.
type function struct {
	pos   parser.Pos
	sym   *x86.Sym
	abi   string // the ABI selector written on TEXT, if any
	flags int64
	frame int64
	args  int64
	// hasArgs: the TEXT line gave the argument size ($frame-args).
	hasArgs bool
	ok      bool

	// The progs, one a statement (addStmt), and what resolving their
	// branches needs.
	progs   []*prog
	mem     *progMem // where progs and their operands come from
	labels  map[string]int
	pending []string // labels waiting for their instruction
	uses    []labelUse
	lastPos parser.Pos
	// after holds the instructions a statement became past its first
	// (-dynlink's GOT accesses, -shared's TLS loads); r15 and stmtText
	// what -dynlink's R15 check needs of each statement as written.
	after    map[*prog][]*prog
	r15      map[*prog]r15Use
	stmtText map[*prog]string

	framesize int64 // the frame after layout, with the saved frame pointer
	listFlags int64 // flags as the listing shows them, with those Go adds
}

// startFunc starts the function whose TEXT statement is st.
func (a *assembler) startFunc(st *parser.Stmt) *function {
	fn := &function{pos: st.Pos}
	n := len(st.Args)
	if n < 2 || n > 3 || st.Args[0].Kind != parser.KindMem ||
		(st.Args[0].Name != parser.NameExtern && st.Args[0].Name != parser.NameStatic) {
		a.errorf(st.Pos, "TEXT needs sym(SB), [flags,] $frame[-args]")
		return fn
	}
	if n == 3 {
		if st.Args[1].Kind != parser.KindImm {
			a.errorf(st.Pos, "TEXT flags must be a constant")
			return fn
		}
		fn.flags = st.Args[1].Offset
	}
	last := st.Args[n-1]
	switch last.Kind {
	case parser.KindTextSize:
		fn.frame, fn.args, fn.hasArgs = last.Offset, last.Args, last.HasArgs
	case parser.KindImm:
		fn.frame = last.Offset
	default:
		a.errorf(st.Pos, "TEXT needs a frame size $frame[-args]")
		return fn
	}
	if fn.frame > maxFrame {
		a.errorf(st.Pos, "TEXT: frame size %d is too large: expected at most %d", fn.frame, maxFrame)
		return fn
	}
	if fn.args > maxFrame {
		a.errorf(st.Pos, "TEXT: argument size %d is too large: expected at most %d", fn.args, maxFrame)
		return fn
	}
	fn.abi = st.Args[0].ABI
	fn.sym = a.conv.sym(&st.Args[0])
	fn.ok = true
	// The last function is done with the progs: this one reuses them.
	a.mem.progs.Reset()
	a.mem.args.Reset()
	fn.mem, fn.progs = &a.mem, a.mem.list[:0]
	return fn
}

// maxFrame bounds frame and argument sizes to what 32-bit displacements
// can address; Go's own runtime has a frame of 1<<30 (runtime·call1073741824).
const maxFrame = 1<<31 - 1

// maxCode bounds the machine code of one file, which the assembler holds
// in memory: only PCALIGN padding can make it large.
const maxCode = 1 << 26

// finishFunc assembles a function and appends it to .text.
func (a *assembler) finishFunc(fn *function) {
	if !fn.ok {
		return
	}
	nerr := len(a.errs)
	progs := a.buildProgs(fn)
	progs = a.layoutFrame(fn, progs)
	size, ok := a.span(progs)
	if !ok || len(a.errs) > nerr {
		return
	}
	if text := a.obj.Sections[obj.Text]; text != nil && len(text.Data)+size > maxCode {
		a.errorf(fn.pos, "too much code: more than %d bytes in one file", maxCode)
		return
	}
	sym := a.symbol(fn.sym)
	if sym.Defined {
		a.errorf(fn.pos, "symbol %s redeclared", fn.sym.Name)
		return
	}
	// PCALIGN n only aligns code if the function itself is n-aligned.
	align := funcAlign
	for _, p := range progs {
		align = max(align, int(p.align))
	}
	text := a.obj.Section(obj.Text)
	text.Align = max(text.Align, uint64(align))
	for len(text.Data)%align != 0 {
		text.Data = append(text.Data, 0xCC)
	}
	start := len(text.Data)
	text.Data = slices.Grow(text.Data, size)
	sym.Defined, sym.Type, sym.Section = true, obj.SymFunc, obj.Text
	sym.Value, sym.Size = uint64(start), uint64(size)
	sym.TextFlags, sym.Frame, sym.Args = fn.flags, fn.frame, fn.args
	sym.ArgsUnknown = !fn.hasArgs
	sym.DupOK = fn.flags&abi.DupOK != 0
	sym.SP = spDepths(progs, size)
	sym.Lines = make([]obj.Line, 0, lineCount(progs))
	var lastLine parser.Pos
	for _, p := range progs {
		if p.noop && len(p.bytes) == 0 && p.op != "NOP" {
			continue
		}
		if p.op == "CALL" && len(p.args) == 1 && (p.args[0].Kind == x86.KindReg || p.args[0].Kind == x86.KindMem) && len(p.bytes) > 0 {
			sym.IndirectCalls = append(sym.IndirectCalls, uint32(p.pc))
		}
		if len(p.bytes) > 0 && p.pos != lastLine {
			sym.Lines = append(sym.Lines, obj.Line{Offset: uint32(p.pc), File: p.pos.File, Line: int32(p.pos.Line)})
			lastLine = p.pos
		}
		for _, fx := range p.fixups {
			s := a.symbol(fx.Sym)
			text.Relocs = append(text.Relocs, obj.Reloc{
				Offset: uint64(start + p.pc + fx.Off), Type: uint32(fx.Type), Sym: s, Addend: fx.Addend})
		}
		if !a.opts.NoListing {
			a.listing = append(a.listing, Listed{Symbol: fn.sym.Name, Offset: p.pc, Pos: p.pos, Text: progText(p), Bytes: p.bytes})
		}
		text.Data = append(text.Data, p.bytes...)
	}
	text.Size = uint64(len(text.Data))
	a.mem.list = fn.progs[:0]
	a.funcs = append(a.funcs, Func{Name: fn.sym.Name, Pos: fn.pos, Flags: fn.listFlags,
		Frame: fn.framesize, Args: fn.args, Size: size, Requires: requires(progs)})
}

// lineCount is how many entries the line table of progs has: one for each
// prog with code whose position is not the last one's.
func lineCount(progs []*prog) int {
	n := 0
	var last parser.Pos
	for _, p := range progs {
		if len(p.bytes) > 0 && p.pos != last {
			n++
			last = p.pos
		}
	}
	return n
}

// funcAlign is the alignment of each function in .text, as Go's linker
// aligns functions on amd64; the gaps are filled with INT3.
const funcAlign = 32

// requires lists the CPU features a function's instructions need, sorted,
// each once.
func requires(progs []*prog) []string {
	var seen [1 << 8]bool // by x86.Features
	var out []string
	for _, p := range progs {
		if p.feat == 0 || seen[p.feat] {
			continue
		}
		seen[p.feat] = true
		out = append(out, p.feat.Names()...)
	}
	sort.Strings(out) // out stays nil without features
	return slices.Compact(out)
}
