package encoder

import (
	"slices"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// zeroArgRuntimeCalls do not stop a function from being a leaf (obj6.go).
var zeroArgRuntimeCalls = map[string]bool{
	"runtime.panicdivide": true, "runtime.panicwrap": true, "runtime.panicshift": true,
	"runtime.panicBounds": true, "runtime.panicExtend": true,
}

func regArg(n int) arg {
	return arg{Arg: x86.Arg{Kind: x86.KindReg, Reg: x86.Reg{Kind: abi.RegGP, Num: uint8(n)}, Base: -1, Index: -1}}
}
func immArg(v int64) arg { return arg{Arg: x86.Arg{Kind: x86.KindImm, Imm: v, Base: -1, Index: -1}} }

// layoutFrame inserts the prologue and epilogues and resolves FP and
// pseudo-SP offsets, as Go's preprocess does for amd64.
func (a *assembler) layoutFrame(fn *function, progs []*prog) []*prog {
	autoffset := max(fn.frame, 0)
	hasCall := slices.ContainsFunc(progs, func(p *prog) bool { return p.op == "CALL" })
	var bpsize int64
	if fn.flags&abi.NoFrame == 0 && !(autoffset == 0 && !hasCall) {
		bpsize = 8
		autoffset += 8
	}
	// A frame smaller than StackSmall whose calls are all to
	// zeroArgRuntimeCalls is a leaf, which needs no stack check.
	if autoffset < abi.StackSmall && fn.flags&abi.NoSplit == 0 && !slices.ContainsFunc(progs, func(p *prog) bool {
		return p.op == "CALL" && (p.sym == nil || !zeroArgRuntimeCalls[p.sym.Name] || autoffset >= abi.StackSmall-8)
	}) {
		fn.flags |= abi.NoSplit
	}
	if autoffset%8 != 0 {
		a.errorf(fn.pos, "unaligned stack size %d", autoffset)
		return progs
	}
	localoffset := autoffset - bpsize
	fn.framesize, fn.listFlags = autoffset, fn.flags
	if bpsize == 0 {
		fn.listFlags |= abi.NoFrame
	}
	mk := func(pos parser.Pos, op string, args ...arg) *prog {
		return &prog{pos: pos, op: op, args: args}
	}
	out := make([]*prog, 0, len(progs)+16)
	var splitCall []*prog // the call to morestack, after the body
	if fn.flags&abi.NoSplit == 0 {
		var check []*prog
		check, splitCall = newStackSplit(fn, autoffset, a.opts.Shared, a.opts.MayMoreStack)
		out = append(out, check...)
	}
	if bpsize > 0 {
		out = append(out, mk(fn.pos, "PUSHQ", regArg(5)), mk(fn.pos, "MOVQ", regArg(4), regArg(5)))
	}
	if localoffset != 0 {
		op, v := adjsp(localoffset)
		out = append(out, mk(fn.pos, op, immArg(v), regArg(4)))
	}
	deltasp := autoffset
	for _, p := range progs {
		for i := range p.args {
			ar := &p.args[i]
			switch ar.pseudo {
			case parser.NameAuto:
				ar.Disp += deltasp - bpsize
			case parser.NameParam:
				ar.Disp += deltasp + 8
			}
		}
		deltasp += pushEffect(p.op)
		if p.op == "ADJSP" {
			deltasp += a.rewriteADJSP(p)
		}
		if p.op != "RET" || p.noop {
			out = append(out, p)
			continue
		}
		if deltasp != autoffset {
			a.errorf(p.pos, "unbalanced PUSH/POP")
		}
		if autoffset == 0 {
			if p.sym != nil {
				p.op, p.branch = "JMP", bJmp
			}
			out = append(out, p)
			continue
		}
		// The RET's prog becomes the epilogue's first instruction, so
		// branches to the RET run the whole epilogue.
		ret := *p
		first := true
		emit := func(op string, args ...arg) {
			if first {
				p.op, p.args, p.sym, p.symOff = op, args, nil, 0
				out = append(out, p)
				first = false
				return
			}
			out = append(out, mk(ret.pos, op, args...))
		}
		if localoffset != 0 {
			op, v := adjsp(-localoffset)
			emit(op, immArg(v), regArg(4))
		}
		if bpsize > 0 {
			emit("POPQ", regArg(5))
		}
		if ret.sym != nil {
			// RET sym(SB) returns through a tail jump after the epilogue.
			emit("JMP")
			last := out[len(out)-1]
			last.branch, last.sym, last.symOff = bJmp, ret.sym, ret.symOff
			continue
		}
		emit("RET", ret.args...)
	}
	return append(out, splitCall...)
}

// rewriteADJSP turns ADJSP $n, which moves SP down by n, into SUBQ $n,
// SP, or ADDQ for a negative n, and returns n; go tool asm rejects zero.
// Without operands it is Go's NOP SP, which emits nothing.
func (a *assembler) rewriteADJSP(p *prog) int64 {
	msg := ""
	switch {
	case len(p.args) == 0:
	case len(p.args) > 2 || p.args[0].Kind != x86.KindImm:
		msg = "ADJSP needs a constant"
	case len(p.args) == 2 && !adjspDest(&p.args[1]):
		msg = "invalid instruction: ADJSP's second operand must be SP, as in ADJSP $n, SP"
	case p.args[0].Imm == 0:
		msg = "invalid instruction: ADJSP $0"
	default:
		v := p.args[0].Imm
		op, imm := adjsp(v)
		p.op, p.args = op, []arg{immArg(imm), regArg(4)}
		return v
	}
	if msg != "" {
		a.errorf(p.pos, "%s", msg)
	}
	p.noop = true
	return 0
}

// adjspDest reports whether go tool asm accepts a as ADJSP's second
// operand, SP as written: it overwrites the operand with SP but keeps a
// displacement, which no longer encodes. So any register passes, and so
// does memory without a displacement.
func adjspDest(a *arg) bool {
	return a.Kind == x86.KindReg || a.Kind == x86.KindMem && a.Disp == 0
}

// adjsp returns the instruction Go uses to move SP down by v bytes (up for
// a negative v): SUBQ $v or ADDQ $-v, whichever keeps the immediate
// positive, except that -128 fits in a byte where 128 does not.
func adjsp(v int64) (string, int64) {
	if v == 0x80 || (v < 0 && v != -0x80) {
		return "ADDQ", -v
	}
	return "SUBQ", v
}
