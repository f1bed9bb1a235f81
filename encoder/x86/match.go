package x86

import "github.com/p9tools/p9/abi"

// regClasses describes the classes that take a register of one kind
// numbered below n, or memory as well (mem), and the VSIB classes: memory
// whose vector index is of that kind and below n.
var regClasses = [numClasses]struct {
	kind      RegKind
	n         int8
	mem, vsib bool
}{
	cR: {kind: abi.RegGP, n: 16}, cRM: {kind: abi.RegGP, n: 16, mem: true},
	cX: {kind: abi.RegX, n: 16}, cXM: {kind: abi.RegX, n: 16, mem: true},
	cXE: {kind: abi.RegX, n: 32}, cXME: {kind: abi.RegX, n: 32, mem: true},
	cY: {kind: abi.RegY, n: 16}, cYM: {kind: abi.RegY, n: 16, mem: true},
	cYE: {kind: abi.RegY, n: 32}, cYME: {kind: abi.RegY, n: 32, mem: true},
	cZ: {kind: abi.RegZ, n: 32}, cZM: {kind: abi.RegZ, n: 32, mem: true},
	cMM: {kind: abi.RegMMX, n: 8}, cMMM: {kind: abi.RegMMX, n: 8, mem: true},
	cK: {kind: abi.RegK, n: 8}, cKM: {kind: abi.RegK, n: 8, mem: true},
	cX0: {kind: abi.RegX, n: 1}, cF0: {kind: abi.RegF, n: 1}, cF: {kind: abi.RegF, n: 8},
	// AL only (AX reaches the AL forms once renamed: renameByteRegs), and AX.
	cAL: {kind: abi.RegByte, n: 1}, cAX: {kind: abi.RegGP, n: 1},
	cVX: {kind: abi.RegX, n: 16, vsib: true}, cVY: {kind: abi.RegY, n: 16, vsib: true},
	cVXE: {kind: abi.RegX, n: 32, vsib: true}, cVYE: {kind: abi.RegY, n: 32, vsib: true}, cVZ: {kind: abi.RegZ, n: 32, vsib: true},
}

// accepts reports whether operand a fits class c.
func accepts(c class, a *Arg) bool {
	if a.Kind == KindMem && a.Sym != nil && (a.Base >= 0 || a.Index >= 0) {
		return false // sym(SB) cannot take registers on amd64, as in Go
	}
	rc := &regClasses[c]
	if a.Kind == KindMem && a.IxKind != 0 || rc.vsib {
		return rc.vsib && a.Kind == KindMem && a.IxKind == rc.kind && a.Index < rc.n
	}
	if rc.kind != abi.RegNone {
		return rc.mem && a.Kind == KindMem || a.Kind == KindReg && a.Reg.Kind == rc.kind && int8(a.Reg.Num) < rc.n
	}
	switch c {
	case cDbg:
		// Go's MOVQ knows DR0, DR2, DR3, DR6 and DR7 only, its MOVL DR0, DR6, DR7.
		return a.Kind == KindReg && a.Reg.Kind == abi.RegDbg && a.Reg.Num != 1 && a.Reg.Num != 4 && a.Reg.Num != 5
	case cDbgL:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegDbg && (a.Reg.Num == 0 || a.Reg.Num >= 6)
	case cRMM:
		return accepts(cMMM, a) || accepts(cR, a)
	case cKN0:
		return accepts(cK, a) && a.Reg.Num != 0
	case cZ4:
		return a.Kind == KindRegList && a.Reg.Kind == abi.RegZ
	case cXE4:
		return a.Kind == KindRegList && a.Reg.Kind == abi.RegX
	case cDX:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegGP && a.Reg.Num == 2
	case cU16:
		return a.Kind == KindImm && a.Imm >= 0 && a.Imm <= 0xFFFF
	case cR8:
		// Go's assembler accepts SP for the byte register but never SPB.
		if a.Kind == KindReg && a.Reg.Kind == abi.RegByte && a.Reg.Num == 4 {
			return false
		}
		return a.Kind == KindReg && (a.Reg.Kind == abi.RegByte || a.Reg.Kind == abi.RegHigh || a.Reg.Kind == abi.RegGP)
	case cRM8:
		return a.Kind == KindMem || accepts(cR8, a)
	case cM:
		return a.Kind == KindMem
	case cCL:
		return a.Kind == KindReg && a.Reg.Num == 1 && (a.Reg.Kind == abi.RegByte || a.Reg.Kind == abi.RegGP)
	case cSeg:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegSeg
	case cCtl:
		// Go knows CR0, CR2, CR3, CR4 and CR8 only.
		return a.Kind == KindReg && a.Reg.Kind == abi.RegCtl && (a.Reg.Num == 0 || a.Reg.Num >= 2 && a.Reg.Num <= 4 || a.Reg.Num == 8)
	case cFS:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegSeg && a.Reg.Num == 4
	case cGS:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegSeg && a.Reg.Num == 5
	}
	if a.Kind != KindImm {
		return false
	}
	// The ranges of Go's classes of constants (asm6.go's oclass), which
	// the classes a form accepts are unions of.
	v := a.Imm
	switch c {
	case cOne:
		return v == 1
	case cU2:
		return v >= 0 && v <= 3
	case cI8:
		return v >= -128 && v <= 127
	case cU8:
		return v >= 0 && v <= 255
	case cB8:
		return v >= -128 && v <= 255
	case cS32:
		return int64(int32(v)) == v
	case cI32:
		return int64(int32(v)) == v || v>>32 == 0
	case cI64:
		return true
	}
	return false
}

// Match returns the form of mnemonic name that encodes args with the
// AVX-512 opcode suffixes (Z, BCST, SAE, RN_SAE...; only EVEX forms take
// them): the first that accepts them, in the order Go tries its forms, or
// nil.
func Match(name string, args []Arg, suffix []string) *Form {
	fs := formsOf(name)
	for i := range fs {
		f := &fs[i]
		if (len(suffix) == 0 || f.vex.evex) && int(f.nargs) == len(args) && acceptsAll(f, args) {
			return f
		}
	}
	return nil
}

func acceptsAll(f *Form, args []Arg) bool {
	for j, c := range f.args() {
		if !accepts(c, &args[j]) {
			return false
		}
	}
	return true
}

// is8 reports whether class c names a byte operand (for the REX rules).
func is8(c class) bool { return c == cR8 || c == cRM8 || c == cAL }
