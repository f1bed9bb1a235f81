package encoder

import (
	"strings"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// Under -dynlink a Go symbol may live in another shared object, so code
// reaches global data through the GOT, as Go's assembler rewrites it
// (obj6.go, rewriteToUseGot):
//
//	MOVQ $sym+off(SB), Rx  →  MOVQ sym@GOT(SB), Rx; LEAQ off(Rx), Rx
//	LEAQ sym+off(SB), Rx   →  the same
//	OP   sym+off(SB), ...  →  MOVQ sym@GOT(SB), R15; OP off(R15), ...
//
// Calls and jumps to symbols stay direct: their PLT32 relocations let the
// linker route them through the PLT. R15 is the scratch register, so a
// function that reads R15 after such an access is an error (errorCheck).

// regGOTScratch is R15, the register Go loads a global's address into
// for an instruction that only reads or writes it.
const regGOTScratch = 15

// viaGOT reports whether an operand names a global that -dynlink reaches
// through the GOT: sym(SB), not a file-local sym<>(SB) nor one of the
// float constants, which Go keeps local to the link unit. a may be nil.
func viaGOT(a *arg) bool {
	return a != nil && (a.Kind == x86.KindMem || a.Kind == aAddr) && a.Sym != nil && !a.Sym.Local && !a.Sym.LinkLocal && !a.GOT && !a.TLSIE
}

// goOperands names a prog's operands as Go's Prog holds them on amd64:
// From is the first, To the last, from3 the second of three or more, and
// rest the third of four. An instruction with one operand has it in To
// when it writes it (unaryDst) and in From otherwise.
type goOperands struct {
	from, to, from3, rest *arg
}

func operandsOf(p *prog) goOperands {
	var o goOperands
	args := p.args
	switch n := len(args); {
	case n == 1 && (unaryDst[p.op] || p.op == "RET"):
		o.to = &args[0]
	case n == 1:
		o.from = &args[0]
	case n >= 2:
		o.from, o.to = &args[0], &args[n-1]
		if n >= 3 {
			o.from3 = &args[1]
		}
		if n == 4 {
			o.rest = &args[2]
		}
	}
	return o
}

// rewriteGOT applies -dynlink's rewrite to p, whose operands are final
// (after progedit). The instructions that follow p's first go in
// fn.after; p itself becomes the first.
func (a *assembler) rewriteGOT(fn *function, p *prog) {
	o := operandsOf(p)
	if p.op == "LEAQ" && viaGOT(o.from) && o.from.Kind == x86.KindMem {
		o.from.Kind = aAddr // LEAQ sym(SB) is MOVQ $sym(SB)
		p.op = "MOVQ"
	}
	if viaGOT(o.from) && o.from.Kind == aAddr {
		a.loadAddress(fn, p, o)
		return
	}
	if viaGOT(o.rest) {
		a.errorf(p.pos, "don't know how to handle %s with -dynlink", progText(p))
		return
	}
	var src *arg
	switch {
	case viaGOT(o.from):
		if viaGOT(o.to) {
			a.errorf(p.pos, "cannot handle NAME_EXTERN on both sides in %s with -dynlink", progText(p))
			return
		}
		src = o.from
	case viaGOT(o.to):
		src = o.to
	case viaGOT(o.from3):
		src = o.from3
	default:
		return
	}
	if src != o.from3 && viaGOT(o.from3) {
		a.errorf(p.pos, "cannot handle NAME_EXTERN on multiple operands in %s with -dynlink", progText(p))
		return
	}
	if src.Kind != x86.KindMem {
		a.errorf(p.pos, "don't know how to handle %s with -dynlink", progText(p))
		return
	}
	// p becomes the GOT load; a copy of it, with the global replaced by
	// off(R15), follows.
	use := fn.follow(p, p.op, p.args...)
	use.suffix = p.suffix
	at := &use.args[argIndex(p, src)]
	at.Sym, at.Base = nil, regGOTScratch
	p.op, p.suffix, p.args = "MOVQ", nil, []arg{gotArg(src.Sym), regArg(regGOTScratch)}
}

// loadAddress rewrites MOVQ $sym+off(SB), Rx to a GOT load of sym into
// Rx, then LEAQ off(Rx), Rx when off is not 0.
func (a *assembler) loadAddress(fn *function, p *prog, o goOperands) {
	if p.op != "MOVQ" || len(p.args) != 2 || o.to.Kind != x86.KindReg {
		a.errorf(p.pos, "do not know how to handle LEA-type insn to non-register in %s with -dynlink", progText(p))
		return
	}
	sym, off, dst := o.from.Sym, o.from.Disp, *o.to
	p.args[0] = gotArg(sym)
	if off != 0 {
		fn.follow(p, "LEAQ", memArg(int(dst.Reg.Num), off), dst)
	}
}

// gotArg is sym@GOT(SB): the GOT slot holding sym's address.
func gotArg(sym *x86.Sym) arg {
	return arg{Arg: x86.Arg{Kind: x86.KindMem, Base: -1, Index: -1, Sym: sym, GOT: true}}
}

// argIndex is the index of a among p's operands.
func argIndex(p *prog, a *arg) int {
	for i := range p.args {
		if &p.args[i] == a {
			return i
		}
	}
	panic("operand not in prog")
}

// follow adds the instruction op args after p (and after those already
// added): one statement that became several. It returns the new prog.
func (fn *function) follow(p *prog, op string, args ...arg) *prog {
	q := fn.newProg(len(args))
	*q = prog{pos: p.pos, op: op, args: append(q.args, args...)}
	if fn.after == nil {
		fn.after = map[*prog][]*prog{}
	}
	fn.after[p] = append(fn.after[p], q)
	return q
}

// expand returns progs with the instructions recorded by follow in place.
// Branch targets stay on the first instruction of each statement, as in
// Go, where a rewritten statement starts where it was written.
func (fn *function) expand(progs []*prog) []*prog {
	if len(fn.after) == 0 {
		return progs
	}
	out := make([]*prog, 0, len(progs)+len(fn.after))
	for _, p := range progs {
		out = append(out, p)
		out = append(out, fn.after[p]...)
	}
	fn.after = nil
	return out
}

// r15Use is what Go's R15 check needs to know of one statement, taken
// before -dynlink rewrites it.
type r15Use struct {
	global   bool // reaches a global through the GOT, clobbering R15
	mentions bool // names R15 at all
	reads    bool
	writes   bool
}

// r15UseOf classifies p as Go's errorCheck does (obj6.go: progUsesGlobal,
// progMentionsR15, progReadsR15, progWritesR15).
func r15UseOf(p *prog) r15Use {
	o := operandsOf(p)
	var u r15Use
	rw := goRW(p, o)
	u.global = p.op != "LEAQ" && p.branch == bNone && p.sym == nil &&
		(viaGOT(o.from) || viaGOT(o.to) || viaGOT(o.from3))
	for _, x := range []*arg{o.from, o.to, o.from3} {
		u.mentions = u.mentions || mentionsR15(x)
		u.reads = u.reads || x != nil && x.Kind == x86.KindMem && mentionsR15(x)
	}
	u.reads = u.reads || rw&readFrom != 0 && isR15Reg(o.from) || rw&readTo != 0 && isR15Reg(o.to) ||
		rw&readFrom3 != 0 && isR15Reg(o.from3)
	u.writes = rw&writeTo != 0 && isR15Reg(o.to) || rw&writeFrom3 != 0 && isR15Reg(o.from3)
	return u
}

func isR15Reg(a *arg) bool {
	return a != nil && a.Kind == x86.KindReg && (a.Reg.Kind == abi.RegGP || a.Reg.Kind == abi.RegByte) && a.Reg.Num == 15
}

func mentionsR15(a *arg) bool {
	if a == nil {
		return false
	}
	if a.Kind == x86.KindReg {
		return isR15Reg(a)
	}
	return (a.Kind == x86.KindMem || a.Kind == aAddr) && (a.Base == 15 || a.Index == 15 && a.IxKind == abi.RegNone)
}

// rwMask says which operands an instruction reads and writes.
type rwMask uint8

const (
	readFrom rwMask = 1 << iota
	readTo
	readFrom3
	writeTo
	writeFrom3
)

// goRW is Go's progRW: by default an instruction reads its operands and
// writes its last; moves do not read their destination, a few
// instructions only write it, XOR of a register with itself reads
// nothing, and MULX writes its second operand as well.
func goRW(p *prog, o goOperands) rwMask {
	var m rwMask
	if o.from != nil {
		m |= readFrom
	}
	if o.to != nil {
		m |= readTo | writeTo
	}
	if o.from3 != nil {
		m |= readFrom3
	}
	if strings.HasPrefix(p.op, "MOV") || strings.HasPrefix(p.op, "PMOV") || pureWrite[p.op] {
		m &^= readTo
	}
	switch p.op {
	case "XORL", "XORQ":
		if o.from != nil && o.to != nil && o.from.Kind == x86.KindReg && o.to.Kind == x86.KindReg && o.from.Reg == o.to.Reg {
			m &^= readFrom | readTo
		}
	case "MULXL", "MULXQ":
		m &^= readTo | readFrom3
		m |= writeFrom3
	}
	return m
}

// pureWrite lists the instructions whose destination Go's R15 check
// treats as written without being read.
var pureWrite = nameSet(`POPW POPL POPQ LEAL LEAQ IMUL3W IMUL3L IMUL3Q
	PEXTRB PEXTRW PEXTRD PEXTRQ VPEXTRB VPEXTRW VPEXTRD VPEXTRQ EXTRACTPS
	BSFW BSFL BSFQ BSRW BSRL BSRQ POPCNTW POPCNTL POPCNTQ LZCNTW LZCNTL LZCNTQ
	SHLXL SHLXQ SHRXL SHRXQ SARXL SARXQ`)

// unaryDst lists the one-operand instructions whose operand Go's parser
// makes the destination (arch.UnaryDst): they write it.
var unaryDst = nameSet(`BSWAPL BSWAPQ CLDEMOTE CLFLUSH CLFLUSHOPT CLWB CMPXCHG16B CMPXCHG8B
	DECB DECL DECQ DECW FBSTP FFREE FLDENV FSAVE FSTCW FSTENV FSTSW FXSAVE64 FXSAVE
	INCB INCL INCQ INCW NEGB NEGL NEGQ NEGW NOTB NOTL NOTQ NOTW POPL POPQ POPW
	RDFSBASEL RDFSBASEQ RDGSBASEL RDGSBASEQ RDPID RDRANDL RDRANDQ RDRANDW RDSEEDL RDSEEDQ RDSEEDW
	SETCC SETCS SETEQ SETGE SETGT SETHI SETLE SETLS SETLT SETMI SETNE SETOC SETOS SETPC SETPL SETPS
	SGDT SIDT SLDTL SLDTQ SLDTW SMSWL SMSWQ SMSWW STMXCSR STRL STRQ STRW
	XSAVE64 XSAVE XSAVEC64 XSAVEC XSAVEOPT64 XSAVEOPT XSAVES64 XSAVES`)

// nameSet is the set of the names in a space-separated list.
func nameSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, n := range strings.Fields(list) {
		set[n] = true
	}
	return set
}

// checkR15 is Go's errorCheck under -dynlink: from every statement that
// reaches a global through the GOT, follow the flow (fall-through and
// branch targets) until R15 is written again; a statement on the way
// that reads R15 reads a clobbered value. One error a function, as Go.
func (a *assembler) checkR15(fn *function, progs []*prog) {
	if fn.r15 == nil {
		return
	}
	uses := fn.r15
	fn.r15 = nil
	mentioned := false
	var work []int
	seen := make([]bool, len(progs))
	index := make(map[*prog]int, len(progs))
	for i, p := range progs {
		index[p] = i
		u := uses[p]
		mentioned = mentioned || u.mentions
		if u.global {
			work, seen[i] = append(work, i), true
		}
	}
	if !mentioned {
		return
	}
	push := func(i int) {
		if i < len(progs) && !seen[i] {
			seen[i] = true
			work = append(work, i)
		}
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		p := progs[i]
		u := uses[p]
		if u.reads {
			a.errorf(p.pos, "when dynamic linking, R15 is clobbered by a global variable access and is used here: %s", fn.stmtText[p])
			return
		}
		if u.writes {
			continue
		}
		if p.target != nil {
			push(index[p.target])
		}
		if p.op == "JMP" || p.op == "RET" {
			continue
		}
		push(i + 1)
	}
}

// noteR15 records, under -dynlink, what Go's R15 check needs of p before
// it is rewritten.
func (a *assembler) noteR15(fn *function, p *prog, st *parser.Stmt) {
	if fn.r15 == nil {
		fn.r15 = map[*prog]r15Use{}
		fn.stmtText = map[*prog]string{}
	}
	u := r15UseOf(p)
	fn.r15[p] = u
	if u.reads {
		fn.stmtText[p] = stmtText(st)
	}
}

// dynlinkNOP handles NOP with operands under -dynlink: it emits nothing,
// but Go rewrites it as any other instruction, so NOP sym(SB) loads sym's
// GOT slot into R15 (and clobbers it).
func (a *assembler) dynlinkNOP(fn *function, p *prog, st *parser.Stmt) {
	p.noop = true
	for i := range st.Args {
		ar, err := a.conv.convert(&st.Args[i])
		if err != nil {
			return // Go ignores what a NOP's operands say
		}
		p.args = append(p.args, ar)
	}
	a.noteR15(fn, p, st)
	a.rewriteGOT(fn, p)
	if p.op == "MOVQ" {
		p.noop = false
		for _, q := range fn.after[p] {
			q.noop = true
		}
	}
}
