package encoder

import (
	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/obj"
)

// spDepths follows the stack pointer through a function's progs once they
// are laid out (obj.TrackSP), recording for the call frame information
// what the object writer would otherwise recover by decoding the machine
// code.
func spDepths(progs []*prog, size int) []obj.SPDepth {
	i := 0
	return obj.TrackSP(size, func() (obj.SPStep, bool) {
		for i < len(progs) && len(progs[i].bytes) == 0 {
			i++
		}
		if i == len(progs) {
			return obj.SPStep{}, false
		}
		p := progs[i]
		i++
		st := obj.SPStep{Off: p.pc, Len: len(p.bytes), Delta: spEffect(p), Target: -1}
		switch p.op {
		case "RET", "JMP", "HLT", "UD2", "INT":
			st.Stops = true
		}
		if p.branch != bNone && p.branch != bCall && p.target != nil {
			st.Target = p.target.pc
		}
		return st, true
	})
}

// pushEffect is how many bytes a push moves SP down (a pop, up), and 0
// for any other op.
func pushEffect(op string) int64 {
	switch op {
	case "PUSHQ", "PUSHFQ":
		return 8
	case "POPQ", "POPFQ":
		return -8
	case "PUSHW", "PUSHFW":
		return 2
	case "POPW", "POPFW":
		return -2
	}
	return 0
}

// spEffect is how many bytes an instruction moves SP down.
func spEffect(p *prog) int64 {
	if d := pushEffect(p.op); d != 0 {
		return d
	}
	if len(p.args) != 2 || !isSP(&p.args[1]) {
		return 0
	}
	src := &p.args[0]
	switch p.op {
	case "SUBQ":
		if src.Kind == x86.KindImm {
			return src.Imm
		}
	case "ADDQ":
		if src.Kind == x86.KindImm {
			return -src.Imm
		}
	case "LEAQ":
		if src.Kind == x86.KindMem && src.Base == 4 && src.Index < 0 && src.Sym == nil && !src.TLS {
			return -src.Disp
		}
	}
	return 0
}

// isSP reports whether a is the SP register itself.
func isSP(a *arg) bool {
	return a.Kind == x86.KindReg && a.Reg.Kind == abi.RegGP && a.Reg.Num == 4
}
