package encoder

import (
	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
)

// retpoline applies -spectre=ret to an indirect CALL or JMP: through a
// register it becomes a direct one to the runtime's thunk for that
// register (runtime·retpolineAX ... R15), which reaches the target by a
// return the CPU cannot speculate through; through memory it is an error,
// as in Go (asm6.go, span6). It reports whether p was rewritten or
// rejected.
func (a *assembler) retpoline(p *prog) bool {
	if p.op != "CALL" && p.op != "JMP" || len(p.args) != 1 {
		return false
	}
	t := &p.args[0]
	switch {
	case t.Kind == x86.KindMem:
		a.reject(p, "non-retpoline-compatible: %s", progText(p))
	case t.Kind == x86.KindReg && t.Reg.Kind == abi.RegGP:
		p.branch, _, _ = branchOf(p.op)
		p.sym = &x86.Sym{Name: abi.Retpoline(t.Reg.String())}
		p.args = nil
	default:
		return false
	}
	return true
}
