package x86

import "github.com/p9tools/p9/abi"

// accepts reports whether operand a fits class c.
func accepts(c class, a *Arg) bool {
	if a.Kind == KindMem && a.Sym != nil && (a.Base >= 0 || a.Index >= 0) {
		return false // sym(SB) cannot take registers on amd64, as in Go
	}
	if a.Kind == KindMem && a.IxKind != 0 {
		switch c {
		case cVX:
			return a.IxKind == abi.RegX && a.Index < 16
		case cVY:
			return a.IxKind == abi.RegY && a.Index < 16
		case cVXE:
			return a.IxKind == abi.RegX
		case cVYE:
			return a.IxKind == abi.RegY
		case cVZ:
			return a.IxKind == abi.RegZ
		}
		return false
	}
	isReg := func(k RegKind, max int) bool { return a.Kind == KindReg && a.Reg.Kind == k && int(a.Reg.Num) < max }
	switch c {
	case cDbg:
		// Go's MOVQ knows DR0, DR2, DR3, DR6 and DR7 only, its MOVL DR0, DR6, DR7.
		return isReg(abi.RegDbg, 8) && a.Reg.Num != 1 && a.Reg.Num != 4 && a.Reg.Num != 5
	case cDbgL:
		return isReg(abi.RegDbg, 8) && (a.Reg.Num == 0 || a.Reg.Num >= 6)
	case cX:
		return isReg(abi.RegX, 16)
	case cXM:
		return a.Kind == KindMem || isReg(abi.RegX, 16)
	case cY:
		return isReg(abi.RegY, 16)
	case cYM:
		return a.Kind == KindMem || isReg(abi.RegY, 16)
	case cMM:
		return isReg(abi.RegMMX, 8)
	case cMMM:
		return a.Kind == KindMem || isReg(abi.RegMMX, 8)
	case cRMM:
		return a.Kind == KindMem || isReg(abi.RegMMX, 8) || isReg(abi.RegGP, 16)
	case cX0:
		return isReg(abi.RegX, 1)
	case cF0:
		return isReg(abi.RegF, 1)
	case cF:
		return isReg(abi.RegF, 8)
	case cVX, cVY, cVXE, cVYE, cVZ:
		return false
	case cXE:
		return isReg(abi.RegX, 32)
	case cXME:
		return a.Kind == KindMem || isReg(abi.RegX, 32)
	case cYE:
		return isReg(abi.RegY, 32)
	case cYME:
		return a.Kind == KindMem || isReg(abi.RegY, 32)
	case cZ:
		return isReg(abi.RegZ, 32)
	case cZM:
		return a.Kind == KindMem || isReg(abi.RegZ, 32)
	case cK:
		return isReg(abi.RegK, 8)
	case cKM:
		return a.Kind == KindMem || isReg(abi.RegK, 8)
	case cKN0:
		return isReg(abi.RegK, 8) && a.Reg.Num != 0
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
	case cR:
		return a.Kind == KindReg && a.Reg.Kind == abi.RegGP
	case cRM8:
		return a.Kind == KindMem || accepts(cR8, a)
	case cRM:
		return a.Kind == KindMem || accepts(cR, a)
	case cM:
		return a.Kind == KindMem
	case cAL:
		// AL only: AX reaches the AL forms once renamed (renameByteRegs).
		return a.Kind == KindReg && a.Reg.Num == 0 && a.Reg.Kind == abi.RegByte
	case cAX:
		return a.Kind == KindReg && a.Reg.Num == 0 && a.Reg.Kind == abi.RegGP
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
	if len(suffix) == 0 {
		return match(name, args)
	}
	fs := formsOf(name)
	for i := range fs {
		f := &fs[i]
		if f.vex.evex && int(f.nargs) == len(args) && acceptsAll(f, args) {
			return f
		}
	}
	return nil
}

// match returns the first form of name that accepts args, in table order.
func match(name string, args []Arg) *Form {
	fs := formsOf(name)
	for i := range fs {
		f := &fs[i]
		if int(f.nargs) == len(args) && acceptsAll(f, args) {
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
