package encoder

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
	return arg{kind: aMem, base: -1, index: -1, sym: &symRef{name: tlsSymbol}, tlsIE: true}
}

// tlsIndexed is off(Rx)(TLS*n) under -shared: off(Rx) with the FS
// override, Rx holding g's offset from the thread pointer.
func tlsIndexed(base int, disp int64) arg {
	return arg{kind: aMem, base: base, index: -1, disp: disp, seg: 0x64, segText: "TLS*1"}
}

// isTLSReg reports whether a is the TLS pseudo-register.
func isTLSReg(a *arg) bool { return a.kind == aReg && a.reg.kind == rkTLS }

// initialExecTLS rewrites, under -shared, the loads of TLS and off(TLS)
// into general registers; it reports whether p was one.
func (a *assembler) initialExecTLS(fn *function, p *prog) bool {
	if p.op != "MOVQ" && p.op != "MOVL" || len(p.args) != 2 || p.args[1].kind != aReg || p.args[1].reg.kind != rkGP {
		return false
	}
	src, dst := &p.args[0], p.args[1]
	switch {
	case isTLSReg(src):
	case src.kind == aMem && src.tls:
		// MOVQ off(TLS), Rx: load the offset, then g through it.
		load := fn.newProg(2)
		*load = prog{pos: p.pos, op: p.op, args: append(load.args, tlsIndexed(dst.reg.num, src.disp), dst)}
		fn.follow(p, load)
	default:
		return false
	}
	if p.op != "MOVQ" {
		a.errorf(p.pos, "invalid load of TLS: %s", progText(p))
		p.noop = true
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
		tls := arg{kind: aMem, base: -1, index: -1, tls: true}
		return []*prog{{pos: pos, op: "MOVQ", args: []arg{tls, regArg(dst)}}}
	}
	return []*prog{
		{pos: pos, op: "MOVQ", args: []arg{tlsOffsetArg(), regArg(dst)}},
		{pos: pos, op: "MOVQ", args: []arg{tlsIndexed(dst, 0), regArg(dst)}},
	}
}
