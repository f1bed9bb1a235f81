package encoder

import (
	"slices"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// progedit applies the rewrites Go's assembler makes before encoding.
func (a *assembler) progedit(fn *function, p *prog) {
	args := p.args
	// With direct TLS access, loading the TLS base is unnecessary: the
	// following off(r)(TLS*1) reference already became off(TLS).
	if a.opts.Shared {
		if a.initialExecTLS(fn, p) {
			return
		}
		if slices.ContainsFunc(args, func(x arg) bool { return x.Kind == x86.KindMem && x.TLS }) {
			// Go's assembler stops here ("unknown TLS base register").
			a.reject(p, "%s: off(TLS) can only be loaded into a register with -shared", progText(p))
			return
		}
	} else if (p.op == "MOVQ" || p.op == "MOVL") && len(args) == 2 && isTLSReg(&args[0]) &&
		args[1].Kind == x86.KindReg && args[1].Reg.Kind == abi.RegGP {
		p.noop = true
		return
	}
	// A bare constant as the predicate of CMPPS and friends is an immediate.
	switch p.op {
	case "CMPPS", "CMPPD", "CMPSS", "CMPSD":
		if n := len(args); n == 3 && args[2].Kind == x86.KindMem && args[2].Base < 0 && args[2].Index < 0 &&
			args[2].Sym == nil && !args[2].TLS && args[2].pseudo == parser.NameNone {
			args[2] = immArg(args[2].Disp)
		}
	}
	// MOVQ $addr, r is LEAQ addr, r.
	if len(args) == 2 && args[0].Kind == aAddr && (p.op == "MOVQ" || p.op == "MOVL") {
		p.op = "LEA" + p.op[len("MOV"):]
		args[0].Kind = x86.KindMem
	}
}
