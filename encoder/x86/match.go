package x86

// immClass is Go's classification of a constant (asm6.go's oclass): the
// classes a form accepts are supersets of these.
type immClass uint8

const (
	ic0 immClass = iota
	ic1
	icU2
	icU7
	icU8
	icI8
	icS32
	icI32
	icI64
)

func classifyImm(v int64) immClass {
	switch {
	case v == 0:
		return ic0
	case v == 1:
		return ic1
	case v >= 0 && v <= 3:
		return icU2
	case v >= 0 && v <= 127:
		return icU7
	case v >= 0 && v <= 255:
		return icU8
	case v >= -128 && v <= 127:
		return icI8
	case int64(int32(v)) == v:
		return icS32
	case v>>32 == 0:
		return icI32
	}
	return icI64
}

// accepts reports whether operand a fits class c.
func accepts(c class, a *Arg) bool {
	if a.Kind == KindMem && a.Sym != nil && (a.Base >= 0 || a.Index >= 0) {
		return false // sym(SB) cannot take registers on amd64, as in Go
	}
	if a.Kind == KindMem && a.IxKind != 0 {
		switch c {
		case cVX:
			return a.IxKind == rkX && a.Index < 16
		case cVY:
			return a.IxKind == rkY && a.Index < 16
		case cVXE:
			return a.IxKind == rkX
		case cVYE:
			return a.IxKind == rkY
		case cVZ:
			return a.IxKind == rkZ
		}
		return false
	}
	isReg := func(k RegKind, max int) bool { return a.Kind == KindReg && a.Reg.Kind == k && a.Reg.Num < max }
	switch c {
	case cDbg:
		// Go's MOVQ knows DR0, DR2, DR3, DR6 and DR7 only, its MOVL DR0, DR6, DR7.
		return isReg(rkDbg, 8) && a.Reg.Num != 1 && a.Reg.Num != 4 && a.Reg.Num != 5
	case cDbgL:
		return isReg(rkDbg, 8) && (a.Reg.Num == 0 || a.Reg.Num >= 6)
	case cX:
		return isReg(rkX, 16)
	case cXM:
		return a.Kind == KindMem || isReg(rkX, 16)
	case cY:
		return isReg(rkY, 16)
	case cYM:
		return a.Kind == KindMem || isReg(rkY, 16)
	case cMM:
		return isReg(rkMMX, 8)
	case cMMM:
		return a.Kind == KindMem || isReg(rkMMX, 8)
	case cRMM:
		return a.Kind == KindMem || isReg(rkMMX, 8) || isReg(rkGP, 16)
	case cX0:
		return isReg(rkX, 1)
	case cF0:
		return isReg(rkF, 1)
	case cF:
		return isReg(rkF, 8)
	case cVX, cVY, cVXE, cVYE, cVZ:
		return false
	case cXE:
		return isReg(rkX, 32)
	case cXME:
		return a.Kind == KindMem || isReg(rkX, 32)
	case cYE:
		return isReg(rkY, 32)
	case cYME:
		return a.Kind == KindMem || isReg(rkY, 32)
	case cZ:
		return isReg(rkZ, 32)
	case cZM:
		return a.Kind == KindMem || isReg(rkZ, 32)
	case cK:
		return isReg(rkK, 8)
	case cKM:
		return a.Kind == KindMem || isReg(rkK, 8)
	case cKN0:
		return isReg(rkK, 8) && a.Reg.Num != 0
	case cZ4:
		return a.Kind == KindRegList && a.Reg.Kind == rkZ
	case cXE4:
		return a.Kind == KindRegList && a.Reg.Kind == rkX
	case cDX:
		return a.Kind == KindReg && a.Reg.Kind == rkGP && a.Reg.Num == 2
	case cU16:
		return a.Kind == KindImm && a.Imm >= 0 && a.Imm <= 0xFFFF
	}
	switch c {
	case cR8:
		// Go's assembler accepts SP for the byte register but never SPB.
		if a.Kind == KindReg && a.Reg.Kind == rkByte && a.Reg.Num == 4 {
			return false
		}
		return a.Kind == KindReg && (a.Reg.Kind == rkByte || a.Reg.Kind == rkHigh || a.Reg.Kind == rkGP)
	case cR:
		return a.Kind == KindReg && a.Reg.Kind == rkGP
	case cRM8:
		return a.Kind == KindMem || accepts(cR8, a)
	case cRM:
		return a.Kind == KindMem || accepts(cR, a)
	case cM:
		return a.Kind == KindMem
	case cAL:
		// AL only: AX reaches the AL forms once renamed (renameByteRegs).
		return a.Kind == KindReg && a.Reg.Num == 0 && a.Reg.Kind == rkByte
	case cAX:
		return a.Kind == KindReg && a.Reg.Num == 0 && a.Reg.Kind == rkGP
	case cCL:
		return a.Kind == KindReg && a.Reg.Num == 1 && (a.Reg.Kind == rkByte || a.Reg.Kind == rkGP)
	case cSeg:
		return a.Kind == KindReg && a.Reg.Kind == rkSeg
	case cCtl:
		// Go knows CR0, CR2, CR3, CR4 and CR8 only.
		return a.Kind == KindReg && a.Reg.Kind == rkCtl && (a.Reg.Num == 0 || a.Reg.Num >= 2 && a.Reg.Num <= 4 || a.Reg.Num == 8)
	case cFS:
		return a.Kind == KindReg && a.Reg.Kind == rkSeg && a.Reg.Num == 4
	case cGS:
		return a.Kind == KindReg && a.Reg.Kind == rkSeg && a.Reg.Num == 5
	}
	if a.Kind != KindImm {
		return false
	}
	ic := classifyImm(a.Imm)
	switch c {
	case cOne:
		return ic == ic1
	case cU2:
		return ic <= icU2
	case cI8:
		return ic <= icU7 || ic == icI8
	case cU8:
		return ic <= icU8
	case cB8:
		return ic <= icI8
	case cS32:
		return ic != icI32 && ic != icI64
	case cI32:
		return ic != icI64
	case cI64:
		return true
	}
	return false
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
