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
	genGP    = []int8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	genIndex = []int8{0, 1, 2, 3, 5, 6, 7, 8, 9, 12, 13, 15} // no SP; R10, R11, R14 spare
	genByte  = []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R12B", "R13B", "R15B"}
	genDisp  = []int64{0, 8, -8, 127, 128, -128, -129, 0x12345678, -0x80000000, 0x7fffffff}
)

func reg(kind RegKind, n int) Arg {
	return Arg{Kind: KindReg, Reg: Reg{kind, uint8(n)}, Base: -1, Index: -1}
}

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
		a.Index, a.Scale = oneOf(c, genIndex...), oneOf[int8](c, 1, 2, 4, 8)
	}
	return a
}

func genVSIB(c chooser, vec RegKind, n int) Arg {
	return Arg{Kind: KindMem, Disp: oneOf(c, genDisp...), Base: oneOf(c, genGP...),
		Index: int8(c.pick(n)), IxKind: vec, Scale: oneOf[int8](c, 1, 2, 4, 8)}
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
		return reg(abi.RegGP, c.pick(16)), true
	case cRM8:
		return oneOf(c, named(oneOf(c, genByte...)), genMem(c)), true
	case cRM:
		return regOrMem(c, abi.RegGP, 16), true
	case cM:
		return genMem(c), true
	case cAL:
		return named("AL"), true
	case cAX:
		return reg(abi.RegGP, 0), true
	case cCL:
		return oneOf(c, named("CL"), reg(abi.RegGP, 1)), true
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
		return reg(abi.RegSeg, c.pick(6)), true
	case cCtl:
		return reg(abi.RegCtl, oneOf(c, 0, 2, 3, 4, 8)), true
	case cFS:
		return reg(abi.RegSeg, 4), true
	case cGS:
		return reg(abi.RegSeg, 5), true
	case cDbg, cDbgL:
		return reg(abi.RegDbg, c.pick(8)), true
	case cX:
		return reg(abi.RegX, c.pick(16)), true
	case cXM:
		return regOrMem(c, abi.RegX, 16), true
	case cY:
		return reg(abi.RegY, c.pick(16)), true
	case cYM:
		return regOrMem(c, abi.RegY, 16), true
	case cMM:
		return reg(abi.RegMMX, c.pick(8)), true
	case cMMM:
		return regOrMem(c, abi.RegMMX, 8), true
	case cRMM:
		return oneOf(c, reg(abi.RegGP, c.pick(16)), reg(abi.RegMMX, c.pick(8)), genMem(c)), true
	case cX0:
		return reg(abi.RegX, 0), true
	case cF0:
		return reg(abi.RegF, 0), true
	case cF:
		return reg(abi.RegF, c.pick(8)), true
	case cVX:
		return genVSIB(c, abi.RegX, 16), true
	case cVY:
		return genVSIB(c, abi.RegY, 16), true
	case cDX:
		return reg(abi.RegGP, 2), true
	case cXE:
		return reg(abi.RegX, c.pick(32)), true
	case cXME:
		return regOrMem(c, abi.RegX, 32), true
	case cYE:
		return reg(abi.RegY, c.pick(32)), true
	case cYME:
		return regOrMem(c, abi.RegY, 32), true
	case cZ:
		return reg(abi.RegZ, c.pick(32)), true
	case cZM:
		return regOrMem(c, abi.RegZ, 32), true
	case cK:
		return reg(abi.RegK, c.pick(8)), true
	case cKM:
		return regOrMem(c, abi.RegK, 8), true
	case cKN0:
		return reg(abi.RegK, 1+c.pick(7)), true
	case cVXE:
		return genVSIB(c, abi.RegX, 32), true
	case cVYE:
		return genVSIB(c, abi.RegY, 32), true
	case cVZ:
		return genVSIB(c, abi.RegZ, 32), true
	case cZ4, cXE4:
		a := reg(abi.RegZ, c.pick(8)*4)
		if k == cXE4 {
			a.Reg.Kind = abi.RegX
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
		s += "(" + Reg{abi.RegGP, uint8(a.Base)}.String() + ")"
		if a.Index >= 0 {
			kind := a.IxKind
			if kind == abi.RegNone {
				kind = abi.RegGP
			}
			s += fmt.Sprintf("(%s*%d)", Reg{kind, uint8(a.Index)}, a.Scale)
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
