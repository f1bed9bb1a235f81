package x86

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/p9tools/p9/abi"
)

// chooser picks among alternatives, from a fuzz input's bytes or from a
// random source.
type chooser interface{ pick(n int) int }

type byteChooser struct{ b []byte }

func (c *byteChooser) pick(n int) int {
	if len(c.b) == 0 || n <= 1 {
		return 0
	}
	v := int(c.b[0])
	if n > 256 && len(c.b) > 1 {
		v, c.b = v<<8|int(c.b[1]), c.b[1:]
	}
	c.b = c.b[1:]
	return v % n
}

type randChooser struct{ r *rand.Rand }

func (c randChooser) pick(n int) int { return c.r.Intn(max(n, 1)) }

func oneOf[T any](c chooser, xs ...T) T { return xs[c.pick(len(xs))] }

var (
	genGP    = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	genIndex = []int{0, 1, 2, 3, 5, 6, 7, 8, 9, 12, 13, 15} // no SP; R10, R11, R14 spare
	genByte  = []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R12B", "R13B", "R15B"}
	genDisp  = []int64{0, 8, -8, 127, 128, -128, -129, 0x12345678, -0x80000000, 0x7fffffff}
)

func reg(kind RegKind, n int) Arg { return Arg{Kind: KindReg, Reg: Reg{kind, n}, Base: -1, Index: -1} }

func named(name string) Arg {
	r, ok := LookupReg(name)
	if !ok {
		panic("no register " + name)
	}
	return Arg{Kind: KindReg, Reg: r, Base: -1, Index: -1}
}

func imm(c chooser, vals ...int64) Arg {
	return Arg{Kind: KindImm, Imm: oneOf(c, vals...), Base: -1, Index: -1}
}

func genMem(c chooser) Arg {
	a := Arg{Kind: KindMem, Disp: oneOf(c, genDisp...), Base: oneOf(c, genGP...), Index: -1}
	if c.pick(2) == 1 {
		a.Index, a.Scale = oneOf(c, genIndex...), oneOf[int64](c, 1, 2, 4, 8)
	}
	return a
}

func genVSIB(c chooser, vec RegKind, n int) Arg {
	return Arg{Kind: KindMem, Disp: oneOf(c, genDisp...), Base: oneOf(c, genGP...),
		Index: c.pick(n), IxKind: vec, Scale: oneOf[int64](c, 1, 2, 4, 8)}
}

func regOrMem(c chooser, kind RegKind, n int) Arg {
	return oneOf(c, reg(kind, c.pick(n)), genMem(c))
}

// genArg makes an operand of class k, favouring the edges of each range.
func genArg(c chooser, k class) (Arg, bool) {
	switch k {
	case cR8:
		return named(oneOf(c, genByte...)), true
	case cR:
		return reg(rkGP, c.pick(16)), true
	case cRM8:
		return oneOf(c, named(oneOf(c, genByte...)), genMem(c)), true
	case cRM:
		return regOrMem(c, rkGP, 16), true
	case cM:
		return genMem(c), true
	case cAL:
		return named("AL"), true
	case cAX:
		return reg(rkGP, 0), true
	case cCL:
		return oneOf(c, named("CL"), reg(rkGP, 1)), true
	case cOne:
		return imm(c, 1), true
	case cU2:
		return imm(c, 0, 1, 2, 3), true
	case cI8:
		return imm(c, -128, -1, 0, 1, 2, 127), true
	case cU8, cB8:
		return imm(c, 0, 1, 127, 128, 255), true
	case cU16:
		return imm(c, 0, 255, 256, 4096, 65535), true
	case cS32, cI32:
		return imm(c, -1<<31, -129, 128, 1<<31-1, 0x12345678), true
	case cI64:
		return imm(c, -1<<63, -1<<31-1, 1<<32, 1<<63-1, 0x123456789abcdef), true
	case cSeg:
		return reg(rkSeg, c.pick(6)), true
	case cCtl:
		return reg(rkCtl, oneOf(c, 0, 2, 3, 4, 8)), true
	case cFS:
		return reg(rkSeg, 4), true
	case cGS:
		return reg(rkSeg, 5), true
	case cDbg, cDbgL:
		return reg(rkDbg, c.pick(8)), true
	case cX:
		return reg(rkX, c.pick(16)), true
	case cXM:
		return regOrMem(c, rkX, 16), true
	case cY:
		return reg(rkY, c.pick(16)), true
	case cYM:
		return regOrMem(c, rkY, 16), true
	case cMM:
		return reg(rkMMX, c.pick(8)), true
	case cMMM:
		return regOrMem(c, rkMMX, 8), true
	case cRMM:
		return oneOf(c, reg(rkGP, c.pick(16)), reg(rkMMX, c.pick(8)), genMem(c)), true
	case cX0:
		return reg(rkX, 0), true
	case cF0:
		return reg(rkF, 0), true
	case cF:
		return reg(rkF, c.pick(8)), true
	case cVX:
		return genVSIB(c, rkX, 16), true
	case cVY:
		return genVSIB(c, rkY, 16), true
	case cDX:
		return reg(rkGP, 2), true
	case cXE:
		return reg(rkX, c.pick(32)), true
	case cXME:
		return regOrMem(c, rkX, 32), true
	case cYE:
		return reg(rkY, c.pick(32)), true
	case cYME:
		return regOrMem(c, rkY, 32), true
	case cZ:
		return reg(rkZ, c.pick(32)), true
	case cZM:
		return regOrMem(c, rkZ, 32), true
	case cK:
		return reg(rkK, c.pick(8)), true
	case cKM:
		return regOrMem(c, rkK, 8), true
	case cKN0:
		return reg(rkK, 1+c.pick(7)), true
	case cVXE:
		return genVSIB(c, rkX, 32), true
	case cVYE:
		return genVSIB(c, rkY, 32), true
	case cVZ:
		return genVSIB(c, rkZ, 32), true
	case cZ4, cXE4:
		a := reg(rkZ, c.pick(8)*4)
		if k == cXE4 {
			a.Reg.Kind = rkX
		}
		a.Kind = KindRegList
		return a, true
	}
	return Arg{}, false
}

// genArgs makes operands for form f.
func genArgs(c chooser, f *Form) ([]Arg, bool) {
	args := make([]Arg, f.nargs)
	for i, k := range f.args() {
		var ok bool
		if args[i], ok = genArg(c, k); !ok {
			return nil, false
		}
	}
	return args, true
}

// syntax writes a in Go's assembler syntax.
func syntax(a *Arg) string {
	switch a.Kind {
	case KindReg:
		return a.Reg.String()
	case KindImm:
		return fmt.Sprintf("$%d", a.Imm)
	case KindRegList:
		r := a.Reg
		r2 := r
		r2.Num += 3
		return "[" + r.String() + "-" + r2.String() + "]"
	case KindMem:
		s := ""
		if a.Disp != 0 {
			s = fmt.Sprint(a.Disp)
		}
		s += "(" + Reg{abi.RegGP, a.Base}.String() + ")"
		if a.Index >= 0 {
			kind := a.IxKind
			if kind == rkNone {
				kind = rkGP
			}
			s += fmt.Sprintf("(%s*%d)", Reg{kind, a.Index}, a.Scale)
		}
		return s
	}
	return "?"
}

// genInstruction writes an instruction of form f of mnemonic name.
func genInstruction(c chooser, name string, f *Form) (string, bool) {
	args, ok := genArgs(c, f)
	if !ok {
		return "", false
	}
	ops := make([]string, len(args))
	for i := range args {
		ops[i] = syntax(&args[i])
	}
	return strings.TrimSpace(name + " " + strings.Join(ops, ", ")), true
}
