package encoder

import (
	"fmt"
	"math"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// Instructions whose $float source Go turns into a read-only constant
// symbol, by the width of the constant.
var (
	float32Ops = map[string]bool{
		"MOVSS": true, "VMOVSS": true, "ADDSS": true, "SUBSS": true, "MULSS": true, "DIVSS": true,
		"COMISS": true, "UCOMISS": true, "FMOVF": true, "FADDF": true, "FSUBF": true, "FSUBRF": true,
		"FMULF": true, "FDIVF": true, "FDIVRF": true, "FCOMF": true, "FCOMFP": true,
	}
	float64Ops = map[string]bool{
		"MOVSD": true, "VMOVSD": true, "ADDSD": true, "SUBSD": true, "MULSD": true, "DIVSD": true,
		"COMISD": true, "UCOMISD": true, "FMOVD": true, "FADDD": true, "FSUBD": true, "FSUBRD": true,
		"FMULD": true, "FDIVD": true, "FDIVRD": true, "FCOMD": true, "FCOMDP": true,
	}
)

// floatConst rewrites an instruction with a $float first operand as Go
// does: a zero moved into an X register becomes XORPS X, X, and any other
// constant is read from a symbol $f32.<bits> or $f64.<bits>. It reports
// whether st was handled; p.args then holds the converted operands.
func (a *assembler) floatConst(p *prog, st *parser.Stmt) bool {
	if len(st.Args) < 2 || st.Args[0].Kind != parser.KindFloat {
		return false
	}
	is32, is64 := float32Ops[p.op], float64Ops[p.op]
	if !is32 && !is64 {
		return false
	}
	f := st.Args[0].Float
	last := st.Args[len(st.Args)-1]
	if (p.op == "MOVSS" || p.op == "VMOVSS" || p.op == "MOVSD" || p.op == "VMOVSD") && math.Float64bits(f) == 0 &&
		last.Kind == parser.KindReg {
		if r, ok := x86.LookupReg(last.Reg); ok && r.Kind == abi.RegX && r.Num < 16 {
			x := arg{Arg: x86.Arg{Kind: x86.KindReg, Reg: r, Base: -1, Index: -1}}
			p.op, p.args = "XORPS", []arg{x, x}
			return true
		}
	}
	var name string
	var data []byte
	if is32 {
		bits := math.Float32bits(float32(f))
		name = fmt.Sprintf("$f32.%08x", bits)
		data = []byte{byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)}
	} else {
		bits := math.Float64bits(f)
		name = fmt.Sprintf("$f64.%016x", bits)
		for i := 0; i < 8; i++ {
			data = append(data, byte(bits>>(8*i)))
		}
	}
	if a.datas[name] == nil {
		a.datas[name] = &dataSym{ref: x86.Sym{Name: name}, pos: st.Pos, globl: true,
			flags: abi.RoData | abi.DupOK, size: int64(len(data)), bytes: data,
			hasData: true}
		a.dataOrd = append(a.dataOrd, name)
	}
	p.args = append(p.args, arg{Arg: x86.Arg{Kind: x86.KindMem, Base: -1, Index: -1, Sym: &x86.Sym{Name: name, LinkLocal: true}}})
	for i := 1; i < len(st.Args); i++ {
		ar, err := a.conv.convert(&st.Args[i])
		if err != nil {
			a.errorf(st.Pos, "%v", err)
			p.noop = true
			return true
		}
		p.args = append(p.args, ar)
	}
	return true
}
