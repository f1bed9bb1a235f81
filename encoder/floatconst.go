package encoder

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// floatOps are the instructions whose $float source Go turns into a
// read-only constant symbol, with the width of the constant.
var floatOps = map[string]int{
	"MOVSS": 4, "VMOVSS": 4, "ADDSS": 4, "SUBSS": 4, "MULSS": 4, "DIVSS": 4,
	"COMISS": 4, "UCOMISS": 4, "FMOVF": 4, "FADDF": 4, "FSUBF": 4, "FSUBRF": 4,
	"FMULF": 4, "FDIVF": 4, "FDIVRF": 4, "FCOMF": 4, "FCOMFP": 4,
	"MOVSD": 8, "VMOVSD": 8, "ADDSD": 8, "SUBSD": 8, "MULSD": 8, "DIVSD": 8,
	"COMISD": 8, "UCOMISD": 8, "FMOVD": 8, "FADDD": 8, "FSUBD": 8, "FSUBRD": 8,
	"FMULD": 8, "FDIVD": 8, "FDIVRD": 8, "FCOMD": 8, "FCOMDP": 8,
}

// floatBits is f in IEEE 754 binary32 (width 4) or binary64 (width 8).
func floatBits(f float64, width int) uint64 {
	if width == 4 {
		return uint64(math.Float32bits(float32(f)))
	}
	return math.Float64bits(f)
}

// floatConst rewrites an instruction with a $float first operand as Go
// does: a zero moved into an X register becomes XORPS X, X, and any other
// constant is read from a symbol $f32.<bits> or $f64.<bits>. It returns
// how many of st's operands it has converted into p.args: none when it
// does not apply, the first for a constant symbol, all for XORPS.
func (a *assembler) floatConst(p *prog, st *parser.Stmt) int {
	if len(st.Args) < 2 || st.Args[0].Kind != parser.KindFloat {
		return 0
	}
	width := floatOps[p.op]
	if width == 0 {
		return 0
	}
	f := st.Args[0].Float
	last := st.Args[len(st.Args)-1]
	if (p.op == "MOVSS" || p.op == "VMOVSS" || p.op == "MOVSD" || p.op == "VMOVSD") && math.Float64bits(f) == 0 &&
		last.Kind == parser.KindReg {
		if r, ok := x86.LookupReg(last.Reg); ok && r.Kind == abi.RegX && r.Num < 16 {
			x := arg{Arg: x86.Arg{Kind: x86.KindReg, Reg: r, Base: -1, Index: -1}}
			p.op, p.args = "XORPS", []arg{x, x}
			return len(st.Args)
		}
	}
	bits := floatBits(f, width)
	name := fmt.Sprintf("$f%d.%0*x", 8*width, 2*width, bits)
	data := binary.LittleEndian.AppendUint64(nil, bits)[:width]
	if a.datas[name] == nil {
		a.datas[name] = &dataSym{ref: x86.Sym{Name: name}, pos: st.Pos, globl: true,
			flags: abi.RoData | abi.DupOK, size: int64(len(data)), bytes: data,
			hasData: true}
		a.dataOrd = append(a.dataOrd, name)
	}
	p.args = append(p.args, arg{Arg: x86.Arg{Kind: x86.KindMem, Base: -1, Index: -1, Sym: &x86.Sym{Name: name, LinkLocal: true}}})
	return 1
}
