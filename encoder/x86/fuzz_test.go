package x86

import (
	"strings"
	"testing"

	"github.com/p9tools/p9/abi"
	"golang.org/x/arch/x86/x86asm"
)

// FuzzEncode encodes a table form with operands the input chooses and
// checks that x86asm decodes the bytes whole, as the same instruction
// (where its Go spelling can be compared: see sameMnemonic) with the same
// registers, memory operands and immediates. x86asm knows no VEX or EVEX
// encoding and not every legacy instruction; those are only encoded.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{10, 3, 7, 1, 2, 200})
	f.Add([]byte{0xff, 0x10, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, in []byte) {
		c := &byteChooser{b: in}
		i := c.pick(len(formTable))
		name := formOp(i).String()
		args, ok := genArgs(c, &formTable[i])
		if !ok {
			return
		}
		form := Match(name, args, nil)
		if form == nil {
			return // an earlier form's class rules it out (SPB is no r8 operand)
		}
		enc, err := form.Encode(args, nil)
		if err != nil {
			return // VSIB registers not distinct, and the like
		}
		d, err := x86asm.Decode(enc.Bytes, 64)
		if err != nil || d.Op == 0 || d.Op == x86asm.NOP || x86asmMisreads[name] {
			return // x86asm does not know it, or it is XCHGL AX, AX as 90
		}
		if d.Len != len(enc.Bytes) {
			t.Fatalf("%s: % x decodes %d bytes as %v", syntaxOf(name, args), enc.Bytes, d.Len, d)
		}
		if !sameMnemonic(name, d) {
			t.Fatalf("%s: % x decodes as %v", syntaxOf(name, args), enc.Bytes, x86asm.GoSyntax(d, 0, nil))
		}
		for j := range args {
			if !decodedHas(d, form, j, &args[j]) {
				t.Fatalf("%s: % x decodes as %v, without operand %s", syntaxOf(name, args), enc.Bytes, x86asm.GoSyntax(d, 0, nil), syntax(&args[j]))
			}
		}
	})
}

func syntaxOf(name string, args []Arg) string {
	s := make([]string, len(args))
	for i := range args {
		s[i] = syntax(&args[i])
	}
	return name + " " + strings.Join(s, ", ")
}

// goCond maps Go's condition suffixes to Intel's.
var goCond = map[string]string{
	"CC": "AE", "CS": "B", "EQ": "E", "HI": "A", "LS": "BE", "LT": "L", "GT": "G", "GE": "GE",
	"LE": "LE", "MI": "S", "PL": "NS", "OC": "NO", "OS": "O", "PC": "NP", "PS": "P", "NE": "NE",
}

// sameMnemonic reports whether x86asm's instruction is Go's mnemonic
// name. x86asm's Go syntax does not spell every mnemonic as Go's
// assembler does: names agree but for an operand-size suffix, Intel's
// name begins Go's (ADC, ADCB), or a CMOV or SET condition is Intel's.
// The families in spelledOtherwise pass unchecked; their operands are
// still compared.
func sameMnemonic(name string, d x86asm.Inst) bool {
	trim := func(s string) string {
		if strings.ContainsAny(s[len(s)-1:], "BWLQ") {
			return s[:len(s)-1]
		}
		return s
	}
	g, intel := strings.Fields(x86asm.GoSyntax(d, 0, nil))[0], d.Op.String()
	if trim(g) == trim(name) || strings.HasPrefix(name, intel) {
		return true
	}
	// Go's L is Intel's D (PSLLL, PACKSSLW), its O Intel's DQ (MOVOU,
	// MOVO for MOVDQA).
	for _, c := range []string{strings.ReplaceAll(name, "L", "D"), name[:len(name)-1] + "D"} {
		if c == intel || strings.HasSuffix(c, "O") && c[:len(c)-1]+"DQA" == intel ||
			strings.HasSuffix(c, "OU") && c[:len(c)-2]+"DQU" == intel {
			return true
		}
	}
	for _, p := range []string{"CMOV", "SET"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if p == "CMOV" && len(rest) == 3 {
				rest = rest[1:] // CMOVLEQ: the size, then the condition
			}
			return intel == p+goCond[rest]
		}
	}
	for _, p := range spelledOtherwise {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// spelledOtherwise are the mnemonic families x86asm's Go syntax names
// otherwise than Go's assembler: x87 (FMOVD is FLD or FST), conversions
// (CVTPL2PD is CVTDQ2PD), string instructions by operand size (CMPSL is
// CMPSD), sign and zero extension (MOVBLZX is MOVZX), and CLWB, which
// x86asm takes for XSAVEOPT; and the encodings with two names (SAL is
// SHL, RETF LRET, XCHGL AX, AX NOP, WAIT FWAIT).
var spelledOtherwise = []string{"F", "CVT", "CMPS", "INS", "LODS", "MOVS", "OUTS", "SCAS", "STOS",
	"MOVB", "MOVW", "MOVL", "IRET", "MASKMOV", "CLWB", "SAL", "RETF", "XCHG", "WAIT",
	"MOVNTO", "MOVQ", "MOVZWW", "PMULULQ", "PSLLO", "PSRLO", "PUNPCKLLQ"}

// x86asmMisreads are the mnemonics x86asm decodes wrongly: as MFENCE
// (UMWAIT, TPAUSE, UMONITOR), without their register operand (RDRANDQ),
// or without the implied F0 and F1 (FUCOMPP, FCOMDPP); and MOVQ, which
// go tool asm encodes from an MMX register M1 as from CX (48 0f 6e e9
// for MOVQ M1, M5), as p9 does to stay byte-identical.
var x86asmMisreads = map[string]bool{"UMWAIT": true, "TPAUSE": true, "UMONITOR": true,
	"RDRANDQ": true, "RDRANDL": true, "RDRANDW": true, "FUCOMPP": true, "FCOMDPP": true, "MOVQ": true}

// decodedHas reports whether x86asm's instruction has a, operand i of f.
func decodedHas(d x86asm.Inst, f *Form, i int, a *Arg) bool {
	for _, x := range d.Args {
		if x == nil {
			break
		}
		switch x := x.(type) {
		case x86asm.Reg:
			if (a.Kind == KindReg || a.Kind == KindRegList) && sameReg(x, a.Reg) {
				return true
			}
		case x86asm.Mem:
			if a.Kind == KindMem && a.Sym == nil && sameReg(x.Base, Reg{abi.RegGP, uint8(a.Base)}) &&
				(a.Index < 0 && x.Index == 0 || a.Index >= 0 && sameReg(x.Index, Reg{indexKind(a), uint8(a.Index)}) && int64(x.Scale) == int64(a.Scale)) &&
				x.Disp == a.Disp {
				return true
			}
		case x86asm.Imm:
			if a.Kind == KindImm {
				mask := uint64(1)<<(8*uint(f.imm)) - 1
				if f.imm == 8 {
					mask = ^uint64(0)
				}
				if uint64(x)&mask == uint64(a.Imm)&mask {
					return true
				}
			}
		}
	}
	// Operands the encoding implies (SHLL $1, the accumulator, F0)
	// x86asm may leave out.
	for _, at := range []int8{f.regArg, f.rmArg, f.vArg, f.is4Arg, f.kArg} {
		if int(at) == i && !(at == f.rmArg && f.digit == -2) { // -2: no ModRM, rm implied
			return false
		}
	}
	return a.Kind != KindImm || f.imm == 0
}

// sameReg reports whether x86asm's register is r, a general register
// matching any width.
func sameReg(x x86asm.Reg, r Reg) bool {
	n := int(r.Num)
	switch {
	case x >= x86asm.AL && x <= x86asm.BL:
		return (r.Kind == abi.RegGP || r.Kind == abi.RegByte) && n == int(x-x86asm.AL)
	case x >= x86asm.AH && x <= x86asm.BH:
		return r.Kind == abi.RegHigh && n == int(x-x86asm.AH)+4
	case x >= x86asm.SPB && x <= x86asm.R15B:
		return (r.Kind == abi.RegGP || r.Kind == abi.RegByte) && n == int(x-x86asm.SPB)+4
	case x >= x86asm.AX && x <= x86asm.R15W:
		// Go's MOVSWW takes a byte register for its word source.
		return (r.Kind == abi.RegGP || r.Kind == abi.RegByte) && n == int(x-x86asm.AX)
	case x >= x86asm.EAX && x <= x86asm.R15L:
		return r.Kind == abi.RegGP && n == int(x-x86asm.EAX)
	case x >= x86asm.RAX && x <= x86asm.R15:
		return r.Kind == abi.RegGP && n == int(x-x86asm.RAX)
	case x >= x86asm.F0 && x <= x86asm.F7:
		return r.Kind == abi.RegF && n == int(x-x86asm.F0)
	case x >= x86asm.M0 && x <= x86asm.M7:
		return r.Kind == abi.RegMMX && n == int(x-x86asm.M0)
	// Vector registers by number only: the width is the form's, and
	// x86asm gives some EVEX operands another (VCVTPS2PD X16, X0 decodes
	// as VCVTPS2PD Y16, X0).
	case x >= x86asm.X0 && x <= x86asm.X31:
		return isVec(r.Kind) && n == int(x-x86asm.X0)
	case x >= x86asm.Y0 && x <= x86asm.Y31:
		return isVec(r.Kind) && n == int(x-x86asm.Y0)
	case x >= x86asm.Z0 && x <= x86asm.Z31:
		return isVec(r.Kind) && n == int(x-x86asm.Z0)
	case x >= x86asm.K0 && x <= x86asm.K7:
		return r.Kind == abi.RegK && n == int(x-x86asm.K0)
	case x >= x86asm.ES && x <= x86asm.GS:
		return r.Kind == abi.RegSeg && n == int(x-x86asm.ES)
	case x >= x86asm.CR0 && x <= x86asm.CR15:
		return r.Kind == abi.RegCtl && n == int(x-x86asm.CR0)
	case x >= x86asm.DR0 && x <= x86asm.DR15:
		return r.Kind == abi.RegDbg && n == int(x-x86asm.DR0)
	}
	return false
}

// indexKind is the kind of a's index register: general, or a vector
// register for VSIB.
func indexKind(a *Arg) RegKind {
	if a.IxKind != abi.RegNone {
		return a.IxKind
	}
	return abi.RegGP
}

func isVec(k RegKind) bool { return k == abi.RegX || k == abi.RegY || k == abi.RegZ }
