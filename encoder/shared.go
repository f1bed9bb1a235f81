package encoder

import (
	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
)

// Under -shared the code may end up in a shared library, where the
// thread-local g is not at a fixed offset from FS: Go then uses the
// initial-exec model (obj6.go's progedit, asm6.go's movTLSReg), with its
// one TLS variable, g:
//
//	MOVQ TLS, Rx              →  MOVQ runtime.tlsg@GOTTPOFF(IP), Rx
//	MOVQ off(Rx)(TLS*1), Ry   →  MOVQ %fs:off(Rx), Ry
//	MOVQ off(TLS), Rx         →  the two above
//
// Without -shared, Go reaches g in one instruction, off(TLS), and the
// linker fills in its offset from FS (local exec).

// tlsOffsetArg is the GOT slot holding g's offset from the thread
// pointer, read PC-relative (R_X86_64_GOTTPOFF).
func tlsOffsetArg() arg {
	return arg{Arg: x86.Arg{Kind: x86.KindMem, Base: -1, Index: -1, Sym: &x86.Sym{Name: abi.TLSG}, TLSIE: true}}
}

// tlsIndexed is off(Rx)(TLS*n) under -shared: off(Rx) with the FS
// override, Rx holding g's offset from the thread pointer.
func tlsIndexed(base int, disp int64) arg {
	return arg{Arg: x86.Arg{Kind: x86.KindMem, Base: int8(base), Index: -1, Disp: disp, Seg: 0x64}, text: "TLS*1"}
}

// isTLSReg reports whether a is the TLS pseudo-register.
func isTLSReg(a *arg) bool { return a.Kind == x86.KindReg && a.Reg.Kind == abi.RegTLS }

// initialExecTLS rewrites, under -shared, the loads of TLS and off(TLS)
// into general registers; it reports whether p was one.
func (a *assembler) initialExecTLS(fn *function, p *prog) bool {
	if p.op != "MOVQ" && p.op != "MOVL" || len(p.args) != 2 || p.args[1].Kind != x86.KindReg || p.args[1].Reg.Kind != abi.RegGP {
		return false
	}
	src, dst := &p.args[0], p.args[1]
	switch {
	case isTLSReg(src):
	case src.Kind == x86.KindMem && src.TLS:
		// MOVQ off(TLS), Rx: load the offset, then g through it.
		fn.follow(p, p.op, tlsIndexed(int(dst.Reg.Num), src.Disp), dst)
	default:
		return false
	}
	if p.op != "MOVQ" {
		a.reject(p, "invalid load of TLS: %s", progText(p))
		return true
	}
	*src = tlsOffsetArg()
	return true
}

// tlsLoads are the instructions that load g into register dst: off(TLS)
// directly, or under -shared through g's GOT slot.
func tlsLoads(fn *function, shared bool, dst int) []*prog {
	pos := fn.pos
	if !shared {
		tls := arg{Arg: x86.Arg{Kind: x86.KindMem, Base: -1, Index: -1, TLS: true}}
		return []*prog{{pos: pos, op: "MOVQ", args: []arg{tls, regArg(dst)}}}
	}
	return []*prog{
		{pos: pos, op: "MOVQ", args: []arg{tlsOffsetArg(), regArg(dst)}},
		{pos: pos, op: "MOVQ", args: []arg{tlsIndexed(dst, 0), regArg(dst)}},
	}
}
