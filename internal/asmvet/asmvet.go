// Package asmvet checks assembly functions against their Go declarations
// as go vet's asmdecl pass does, with the same messages: (FP) names,
// offsets and access sizes against the frame the declaration gives,
// results never written before RET, the argument size TEXT declares,
// functions Go does not declare, and hardware-SP offsets that reach into
// the argument frame. Without declarations it checks what the assembly
// alone shows: (FP) offsets against the declared argument size, a name
// used at two offsets, and functions that split the stack without an
// argument size, which p9's runtime needs (see checkSplitArgs).
//
// It works on the parser's statements, and checks those written in the
// file: go vet reads the file's lines as written, so neither what an
// #include brings in nor what a macro expands to is checked (a function
// a macro defines ends the one before it and is not checked).
package asmvet

import (
	"fmt"
	"sort"
	"strings"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/diag"
	"github.com/p9tools/p9/parser"
)

// Finding is one problem, printed as go vet prints asmdecl's (without
// the column): "f_amd64.s:4: [amd64] add: invalid offset ...".
type Finding struct {
	Pos  diag.Pos
	Func string // the function, as TEXT names it without its package
	Msg  string
}

func (f Finding) String() string { return fmt.Sprintf("%s: [amd64] %s: %s", f.Pos, f.Func, f.Msg) }

// Config says what to check against.
type Config struct {
	// Pkg is the package path (-p): pkg·name is checked only when pkg
	// is this package or empty (·name), as go vet checks.
	Pkg string
	// Decls are the package's Go declarations; nil means none are known
	// and only the checks that need the assembly alone run.
	Decls *Decls
}

// CheckFile checks the statements parsed from file, in source order; src
// is the file's text.
func CheckFile(file string, src []byte, stmts []parser.Stmt, cfg Config) []Finding {
	c := &checker{cfg: cfg}
	lines := strings.Split(string(src), "\n")
	for i := range stmts {
		st := &stmts[i]
		switch {
		case st.Pos.File != file:
		case written(st, lines):
			c.stmt(st)
		case st.Op == "TEXT":
			c.flush()
			c.fn = nil
		}
	}
	c.flush()
	sort.SliceStable(c.found, func(i, j int) bool { return c.found[i].Pos.Line < c.found[j].Pos.Line })
	return c.found
}

// written reports whether st's line, outside comments, names its op:
// whether st is as written rather than from a macro.
func written(st *parser.Stmt, lines []string) bool {
	if st.Pos.Line < 1 || st.Pos.Line > len(lines) {
		return false
	}
	line, _, _ := strings.Cut(lines[st.Pos.Line-1], "//")
	return strings.Contains(line, st.Op)
}

type checker struct {
	cfg   Config
	fn    *function // the function being checked, nil outside one
	found []Finding
}

// function is what the checks know about the function being read.
type function struct {
	name      string // as messages name it: f, f<> for a file-local one
	abi       string // "ABIInternal" when TEXT selects it
	frame     *Frame // from the Go declaration; nil if none is known
	checkFP   bool   // without declarations: (FP) uses are checked
	argSize   int64  // $frame-argSize, 0 when not written
	hasArgs   bool
	localSize int64 // bytes from SP to the argument frame: frame size and return PC
	noFrame   bool
	wroteSP   bool // SP was assigned: later N(SP) offsets mean something else
	wroteRet  bool // a result was named (or, under ABIInternal, its register)
	rets      []diag.Pos
	uses      map[string]use // without declarations: where each (FP) name was first used
}

// use is one name+off(FP) reference.
type use struct {
	off  int64
	line int
}

func (c *checker) report(pos diag.Pos, format string, args ...any) {
	c.found = append(c.found, Finding{Pos: pos, Func: c.fn.name, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) stmt(st *parser.Stmt) {
	if st.Op == "TEXT" {
		c.flush()
		c.fn = c.text(st)
		return
	}
	fn := c.fn
	if fn == nil || st.Op == "" {
		return
	}
	if isReturn(st) {
		fn.rets = append(fn.rets, st.Pos)
	}
	if st.Op == "DATA" || st.Op == "GLOBL" {
		// go vet stops checking (FP) names when data is declared
		// inside a function.
		fn.frame, fn.checkFP = nil, false
		return
	}
	if writesSP(st) {
		fn.wroteSP = true
		return
	}
	if fn.abi == "ABIInternal" && usesResultRegister(st) {
		fn.wroteRet = true
	}
	for i, a := range st.Args {
		c.checkSP(st.Pos, a)
		if a.Name == parser.NameParam && (a.Kind == parser.KindMem || a.Kind == parser.KindAddr) && a.Offset >= 0 {
			c.checkParam(st, i, a)
		}
	}
}

// text starts a function at its TEXT statement. It returns nil for one
// that is not checked: without a name Go can declare (no '·'), or of
// another package.
func (c *checker) text(st *parser.Stmt) *function {
	if st.Bad || len(st.Args) == 0 {
		return nil
	}
	sym := st.Args[0]
	pkg, name, dotted := splitSymbol(sym.Sym)
	if sym.Name == parser.NameStatic {
		name += "<>"
	}
	fn := &function{name: name, abi: sym.ABI, checkFP: c.cfg.Decls == nil, uses: map[string]use{}}
	c.fn = fn // the function findings name, even one that is not checked further
	flags, frameSize := textFlags(st)
	fn.argSize, fn.hasArgs = frameSize.Args, frameSize.HasArgs
	fn.localSize = frameSize.Offset + intSize
	fn.noFrame = flags&abi.NoFrame != 0
	nosplit := flags&abi.NoSplit != 0
	if c.cfg.Decls == nil && !nosplit && !fn.hasArgs {
		c.checkSplitArgs(st.Pos, frameSize.Offset)
	}
	if !dotted || pkg != "" && pkg != c.cfg.Pkg {
		return nil
	}
	if c.cfg.Decls == nil {
		return fn
	}
	frame, declared := c.cfg.Decls.frames[name]
	switch {
	case frame != nil:
		if fn.argSize != frame.Size && (!nosplit || fn.argSize != 0) {
			c.report(st.Pos, "wrong argument size %d; expected $...-%d", fn.argSize, frame.Size)
		}
	case !declared && sym.Name != parser.NameStatic && !fn.noFrame:
		c.report(st.Pos, "function %s missing Go declaration", name)
	}
	fn.frame = frame
	return fn
}

// checkSplitArgs is p9's own check. Go's assembler records an argument
// size it is not told as unknown, which Go's runtime copes with; p9's
// runtime grows a goroutine's stack by starting a new segment, and copies
// exactly the declared argument size into it, so a function that may
// split the stack must declare its arguments.
func (c *checker) checkSplitArgs(pos diag.Pos, frame int64) {
	c.report(pos, "no argument size in $%d: a stack split copies exactly the declared argument size to the new stack segment; "+
		"write $%d-N (N the bytes of arguments and results, 0 if none) or mark the function NOSPLIT", frame, frame)
}

// textFlags reads TEXT's flags and $frame-args operands.
func textFlags(st *parser.Stmt) (flags int64, size parser.Operand) {
	for _, a := range st.Args[1:] {
		switch a.Kind {
		case parser.KindImm:
			flags = a.Offset
		case parser.KindTextSize:
			size = a
		}
	}
	return flags, size
}

// splitSymbol splits pkg·name at its last '·', the package path with
// '∕' read as '/'.
func splitSymbol(sym string) (pkg, name string, dotted bool) {
	i := strings.LastIndex(sym, "·")
	if i < 0 {
		return "", sym, false
	}
	pkg = strings.ReplaceAll(strings.TrimSpace(sym[:i]), "∕", "/")
	return pkg, sym[i+len("·"):], true
}

// flush reports, at the end of a function, each RET of one that never
// names its result, when the result is the unnamed first one ("ret"):
// named results are not checked, as go vet does not.
func (c *checker) flush() {
	fn := c.fn
	if fn == nil || fn.frame == nil || fn.wroteRet {
		return
	}
	ret := fn.frame.vars["ret"]
	if ret == nil {
		return
	}
	what := fmt.Sprintf("%d-byte ret+%d(FP)", ret.size, ret.off)
	if fn.abi == "ABIInternal" {
		what = "result register"
	}
	for _, pos := range fn.rets {
		c.report(pos, "RET without writing to %s", what)
	}
}

// isReturn reports a RET that is not a tail call (RET f(SB)).
func isReturn(st *parser.Stmt) bool {
	if !strings.HasPrefix(st.Op, "RET") {
		return false
	}
	for _, a := range st.Args {
		if a.Name == parser.NameExtern || a.Name == parser.NameStatic {
			return false
		}
	}
	return true
}

// writesSP reports an instruction that assigns SP (its register is a
// later operand, or NOP SP, which marks SP as changed), after which go vet
// checks no N(SP) offsets in the function, nor this line.
func writesSP(st *parser.Stmt) bool {
	for i, a := range st.Args {
		if a.Kind == parser.KindReg && a.Reg == "SP" && (i > 0 || st.Op == "NOP") {
			return true
		}
	}
	return false
}

// usesResultRegister reports an instruction that may set an ABIInternal
// result: one naming the first integer or floating-point result register,
// or a system call.
func usesResultRegister(st *parser.Stmt) bool {
	if st.Op == "SYSCALL" {
		return true
	}
	for _, a := range st.Args {
		for _, r := range []string{a.Reg, a.Reg2, a.Index} {
			if r == "AX" || r == "X0" {
				return true
			}
		}
	}
	return false
}

// checkSP checks a hardware N(SP) operand that reaches past the frame
// into the arguments, which should be named with (FP).
func (c *checker) checkSP(pos diag.Pos, a parser.Operand) {
	fn := c.fn
	if fn.wroteSP || fn.noFrame || a.Name != parser.NameNone || a.Reg != "SP" || a.Offset < fn.localSize ||
		(a.Kind != parser.KindMem && a.Kind != parser.KindAddr) {
		return
	}
	off := a.Offset - fn.localSize
	if fn.frame != nil {
		if v := fn.frame.at(off); v != nil {
			c.report(pos, "%d(SP) should be %s+%d(FP)", a.Offset, v.name, off)
			return
		}
	}
	if off >= fn.argSize {
		c.report(pos, "use of %d(SP) points beyond argument frame", a.Offset)
		return
	}
	c.report(pos, "use of %d(SP) to access argument frame", a.Offset)
}

// paramText is a name+off(FP) operand as written.
func paramText(a parser.Operand) string {
	s := fmt.Sprintf("%s+%d(FP)", a.Sym, a.Offset)
	if a.Kind == parser.KindAddr {
		s = "$" + s
	}
	return s
}

// checkParam checks operand i of st, a name+off(FP).
func (c *checker) checkParam(st *parser.Stmt, i int, a parser.Operand) {
	fn := c.fn
	if c.cfg.Decls == nil {
		if fn.checkFP {
			c.checkDeclaredSize(st, i, a)
			c.checkSameOffset(st.Pos, a)
		}
		return
	}
	if fn.frame == nil {
		return
	}
	if a.Sym == "ret" || strings.HasPrefix(a.Sym, "ret_") {
		fn.wroteRet = true
	}
	v := fn.frame.vars[a.Sym]
	if v == nil {
		c.unknownName(st.Pos, a)
		return
	}
	c.checkVar(st, i, a, v)
}

// unknownName reports a name the declaration does not have, with what
// the offset holds. argframe+0(FP), the whole frame, is allowed.
func (c *checker) unknownName(pos diag.Pos, a parser.Operand) {
	if a.Sym == "argframe" && a.Offset == 0 {
		return
	}
	if v := c.fn.frame.at(a.Offset); v != nil {
		c.report(pos, "unknown variable %s; offset %d is %s+%d(FP)", a.Sym, a.Offset, v.name, v.off)
		return
	}
	c.report(pos, "unknown variable %s", a.Sym)
}

// checkVar checks the offset and access size of a known name.
func (c *checker) checkVar(st *parser.Stmt, i int, a parser.Operand, v *variable) {
	size, addr := operandSize(st, i)
	addr = addr || a.Kind == parser.KindAddr
	want := *v // what an access must match: v, or its first word
	switch v.kind {
	case kindString, kindSlice, kindInterface, kindEmptyInterface:
		// The first word (the pointer) may be read by the whole's name.
		want = *v.parts[0]
	case kindComplex:
		// One instruction may load both halves.
		if int64(size) == v.size {
			size = kindComplex
		}
	}
	if addr {
		want.kind, want.size, want.typ = kind(ptrSize), ptrSize, "address"
	}
	if a.Offset != v.off {
		c.report(st.Pos, "invalid offset %s; expected %s+%d(FP)%s", paramText(a), v.name, v.off, partsOr(v.parts))
		return
	}
	if size != 0 && size != want.kind {
		c.report(st.Pos, "invalid %s of %s; %s is %d-byte value%s", opcode(st.Op), paramText(a), want.typ, want.size, partsAnd(v.parts))
	}
}

// partsOr lists parts as alternatives: ", s_base+0(FP), or s_len+8(FP)".
func partsOr(parts []*variable) string {
	var b strings.Builder
	for i, p := range parts {
		if len(parts) > 1 {
			b.WriteString(",")
		}
		b.WriteString(" ")
		if i == len(parts)-1 {
			b.WriteString("or ")
		}
		fmt.Fprintf(&b, "%s+%d(FP)", p.name, p.off)
	}
	return b.String()
}

// partsAnd lists what a value contains: " containing s_base+0(FP) and
// s_len+8(FP)".
func partsAnd(parts []*variable) string {
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" containing")
	for i, p := range parts {
		if i > 0 && len(parts) > 2 {
			b.WriteString(",")
		}
		b.WriteString(" ")
		if i > 0 && i == len(parts)-1 {
			b.WriteString("and ")
		}
		fmt.Fprintf(&b, "%s+%d(FP)", p.name, p.off)
	}
	return b.String()
}

// checkDeclaredSize checks, without a Go declaration, that an (FP)
// access stays inside the argument size TEXT declares.
func (c *checker) checkDeclaredSize(st *parser.Stmt, i int, a parser.Operand) {
	fn := c.fn
	if !fn.hasArgs {
		return
	}
	size, addr := operandSize(st, i)
	if addr || a.Kind == parser.KindAddr || size == 0 {
		size = 1 // an address, or an access of unknown size: its first byte
	}
	if a.Offset+int64(size) > fn.argSize {
		c.report(st.Pos, "use of %s points beyond argument frame ($...-%d)", paramText(a), fn.argSize)
	}
}

// checkSameOffset checks, without a Go declaration, that a name means
// one offset throughout a function.
func (c *checker) checkSameOffset(pos diag.Pos, a parser.Operand) {
	first, seen := c.fn.uses[a.Sym]
	if !seen {
		c.fn.uses[a.Sym] = use{off: a.Offset, line: pos.Line}
		return
	}
	if first.off != a.Offset {
		c.report(pos, "invalid offset %s; %s is %s+%d(FP) at line %d", paramText(a), a.Sym, a.Sym, first.off, first.line)
	}
}
