package encoder

import (
	"slices"

	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/internal/arena"
	"github.com/p9tools/p9/parser"
)

// labelUse is a branch waiting for its target to be resolved.
type labelUse struct {
	p     *prog
	label string
	pc    int64
	rel   bool
}

// progMem is where a function's progs come from. A file's functions
// are encoded one after the other and nothing keeps a prog once its
// function is in the object, so each function reuses the memory of the
// last: what the largest needed is all a file allocates.
type progMem struct {
	progs arena.Arena[prog]
	args  arena.Arena[arg]
	list  []*prog // the last function's progs slice, for the next
	// data holds the bytes of BYTE, WORD, LONG and QUAD, a few bytes
	// a statement; it is not reused, as listings keep the bytes.
	data arena.Arena[byte]
}

// newProg returns a zeroed prog, with room for n operands.
func (fn *function) newProg(n int) *prog {
	p := fn.mem.progs.New()
	p.args = fn.mem.args.Alloc(n)[:0]
	return p
}

// addStmt converts one of a function's statements into a prog, applying
// Go's instruction rewrites; branches are resolved in buildProgs.
func (a *assembler) addStmt(fn *function, st *parser.Stmt) {
	fn.lastPos = st.Pos
	if st.Op == "" {
		if _, dup := fn.labels[st.Label]; dup || slices.Contains(fn.pending, st.Label) {
			a.errorf(st.Pos, "label %s multiply defined", st.Label)
			return
		}
		fn.pending = append(fn.pending, st.Label)
		return
	}
	nargs := len(st.Args)
	if dataWidth(st.Op) > 0 {
		nargs = 0 // its constant is kept in the prog
	}
	p := fn.newProg(nargs)
	p.pos, p.op = st.Pos, st.Op
	if canon := aliases[st.Op]; canon != "" {
		p.op = canon
	}
	if len(fn.pending) > 0 {
		if fn.labels == nil {
			fn.labels = map[string]int{}
		}
		for _, l := range fn.pending {
			fn.labels[l] = len(fn.progs)
		}
		fn.pending = fn.pending[:0]
	}
	fn.progs = append(fn.progs, p)
	if len(st.Suffix) > 0 && !x86.TakesSuffix(p.op) {
		a.errorf(st.Pos, "%s does not take suffixes", st.Op)
		fn.progs = fn.progs[:len(fn.progs)-1] // reported once, not again as unencodable
		p.noop = true
		return
	}
	if len(st.Suffix) > 0 {
		sfx := st.Suffix
		p.suffix = &sfx
	}
	if st.Op == "NOP" && len(st.Args) > 0 && a.opts.Dynlink {
		a.dynlinkNOP(fn, p, st)
		return
	}
	if a.buildPseudo(p, st) {
		return
	}
	if st.Op == "RET" && len(st.Args) == 1 && isSymOperand(&st.Args[0]) {
		// RET sym(SB) becomes a tail JMP once the epilogue is in place.
		o := st.Args[0]
		p.sym = a.conv.sym(&o)
		p.symOff = o.Offset
		return
	}
	if kind, cc, name := branchOf(st.Op); kind != bNone && len(st.Args) == 1 {
		o := st.Args[0]
		switch {
		case o.Kind == parser.KindBranch:
			if kind == bCall {
				a.reject(p, "CALL to a label is not supported: call a symbol, sym(SB)")
				return
			}
			p.op, p.branch, p.cc = name, kind, cc
			if o.Reg != "PC" && o.Sym != "" {
				fn.uses = append(fn.uses, labelUse{p: p, label: o.Sym})
			} else {
				fn.uses = append(fn.uses, labelUse{p: p, pc: int64(len(fn.progs)-1) + o.Offset, rel: true})
			}
			return
		case o.Kind == parser.KindMem && (o.Name == parser.NameExtern || o.Name == parser.NameStatic):
			if kind != bJmp && kind != bCall {
				a.reject(p, "%s to a symbol is not supported: only JMP and CALL can target %s(SB)", st.Op, o.Sym)
				return
			}
			p.op, p.branch = name, kind
			p.sym = a.conv.sym(&o)
			p.symOff = o.Offset
			return
		}
	}
	for i := a.floatConst(p, st); i < len(st.Args); i++ {
		ar, err := a.conv.convert(&st.Args[i])
		if err != nil {
			a.reject(p, "%v", err)
			break
		}
		p.args = append(p.args, ar)
	}
	if p.noop {
		return
	}
	if a.opts.Dynlink {
		a.noteR15(fn, p, st) // Go checks R15 on the statements as written
	}
	if a.opts.Retpoline && a.retpoline(p) {
		return
	}
	a.progedit(fn, p)
	if kind, _, _ := branchOf(st.Op); !p.noop && !x86.Known(p.op) && kind != bNone {
		a.reject(p, "invalid instruction: %s%s", stmtText(st), formHint(st.Op))
	} else if !p.noop && !x86.Known(p.op) && p.op != "ADJSP" {
		a.reject(p, "unrecognized instruction %q", st.Op)
	} else if a.opts.Dynlink && !p.noop {
		a.rewriteGOT(fn, p)
	}
}

// aliases maps other spellings Go's assembler accepts to the table's
// mnemonics (UNDEF is Go's portable spelling of the undefined
// instruction).
var aliases = map[string]string{
	"MOVBEWW": "MOVBEW", "MOVBELL": "MOVBEL", "MOVBEQQ": "MOVBEQ", "MOVD": "MOVQ", "MOVDQ2Q": "MOVQ",
	"MASKMOVDQU": "MASKMOVOU", "MOVNTDQ": "MOVNTO", "MOVOA": "MOVO", "PSLLDQ": "PSLLO", "PSRLDQ": "PSRLO",
	"PADDD": "PADDL", "UNDEF": "UD2",
}

// buildPseudo handles the pseudo-instructions that live among code.
func (a *assembler) buildPseudo(p *prog, st *parser.Stmt) bool {
	switch st.Op {
	case "PCDATA", "FUNCDATA", "NOP":
		// NOP is a placeholder in Go's assembler: it emits no code.
		p.noop = true
	case "PCALIGN":
		if len(st.Args) != 1 || st.Args[0].Kind != parser.KindImm {
			a.reject(p, "PCALIGN needs $alignment")
			return true
		}
		n := st.Args[0].Offset
		if n&(n-1) != 0 || n < 8 || n > 2048 {
			a.reject(p, "alignment value of an instruction must be a power of two and in the range [8, 2048], got %d", n)
			return true
		}
		p.align = int32(n)
	case "BYTE", "WORD", "LONG", "QUAD":
		if len(st.Args) != 1 || st.Args[0].Kind != parser.KindImm {
			a.reject(p, "invalid instruction: %s needs one $constant operand", st.Op)
			return true
		}
		v := st.Args[0].Offset
		p.isData, p.value = true, v
		p.bytes = a.mem.data.Alloc(dataWidth(st.Op))
		for i := range p.bytes {
			p.bytes[i] = byte(v >> (8 * i))
		}
	default:
		return false
	}
	return true
}

// dataWidth is the width of a BYTE, WORD, LONG or QUAD, and 0 for any
// other op.
func dataWidth(op string) int {
	switch op {
	case "BYTE":
		return 1
	case "WORD":
		return 2
	case "LONG":
		return 4
	case "QUAD":
		return 8
	}
	return 0
}

// IsInstruction reports whether op is an instruction this assembler knows
// (a table mnemonic, an alias Go accepts, a branch, or one of the
// pseudo-instructions that live among code), as opposed to a word go tool
// asm calls an unrecognized instruction.
func IsInstruction(op string) bool {
	switch op {
	case "ADJSP", "PCDATA", "FUNCDATA", "NOP", "PCALIGN", "BYTE", "WORD", "LONG", "QUAD":
		return true
	}
	if kind, _, _ := branchOf(op); kind != bNone {
		return true
	}
	if a := aliases[op]; a != "" {
		op = a
	}
	return x86.Known(op)
}
