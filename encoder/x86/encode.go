package x86

import (
	"debug/elf"
	"fmt"

	"github.com/p9tools/p9/abi"
)

// Fixup is a relocation inside one instruction's bytes.
type Fixup struct {
	Off    int // offset of the field in the instruction
	Size   int
	Type   elf.R_X86_64
	Sym    *Sym
	Addend int64 // the ELF addend
	pcrel  bool  // while encoding: Addend still needs "- (instruction end - field start)"
}

// Inst is one encoded instruction.
type Inst struct {
	Bytes  []byte
	Fixups []Fixup
}

// Encode emits the machine code of f applied to args (which f accepts:
// see Match) with the opcode suffixes, and the relocations it needs.
func (f *Form) Encode(args []Arg, suffix []string) (Inst, error) {
	if !f.vex.evex {
		return encode(f, args)
	}
	s, err := parseSuffix(suffix)
	if err != nil {
		return Inst{}, err
	}
	return encodeEVEX(f, args, s)
}

// encode emits the machine code of form f applied to args.
func encode(f *Form, args []Arg) (Inst, error) {
	if f.vex.on {
		return encodeVEX(f, args)
	}
	var out Inst
	var rex byte
	need40 := false
	if f.rexW {
		rex |= 0x48
	}
	for i, c := range f.args() {
		a := &args[i]
		if !is8(c) || a.Kind != KindReg {
			continue
		}
		// SPB..DIB need a REX prefix. Go encodes AH..BH even when a REX
		// prefix is present (they then mean SPB..DIB); byte identity keeps that.
		if a.Reg.Kind != abi.RegHigh && a.Reg.Num >= 4 && a.Reg.Num <= 7 {
			need40 = true
		}
	}
	reg := 0
	if f.digit >= 0 {
		reg = int(f.digit)
	} else if f.digit == -1 && f.regArg >= 0 {
		reg = int(args[f.regArg].Reg.Num)
	}
	if reg >= 8 {
		rex |= 0x44
	}
	var rm *Arg
	if f.rmArg >= 0 {
		rm = &args[f.rmArg]
		if rm.Kind == KindReg && rm.Reg.Num >= 8 {
			rex |= 0x41
		}
		if rm.Kind == KindMem {
			if rm.Base >= 8 {
				rex |= 0x41
			}
			if rm.Index >= 8 {
				rex |= 0x42
			}
		}
	}
	plus := byte(0)
	if f.plusR {
		n := args[f.regArg].Reg.Num
		if n >= 8 {
			rex |= 0x41
		}
		plus = byte(n & 7)
	}
	if need40 {
		rex |= 0x40
	}
	b := make([]byte, 0, 16)
	if pre := segPrefix(rm, int(f.rmArg), len(args)); pre != 0 {
		b = append(b, pre)
	}
	b = append(b, f.prefixes()...)
	if rex != 0 {
		b = append(b, rex|0x40)
	}
	b = append(b, f.opcode()...)
	b[len(b)-1] += plus
	if f.digit != -2 && rm != nil {
		var err error
		b, err = modrm(b, reg, rm, &out.Fixups, f.wrapDisp)
		if err != nil {
			return out, err
		}
	}
	if f.imm > 0 && f.immArg >= 0 {
		v := args[f.immArg].Imm
		for i := 0; i < int(f.imm); i++ {
			b = append(b, byte(v>>(8*i)))
		}
	}
	out.Bytes = b
	fixPCRel(&out)
	return out, nil
}

// modrm appends the ModRM byte, SIB and displacement for operand rm with
// the given reg field, recording a relocation for symbol references.
// With wrap, a displacement beyond 32 bits is truncated (Go allows that
// for LEAL, whose address arithmetic is 32-bit anyway).
func modrm(b []byte, reg int, rm *Arg, fx *[]Fixup, wrap bool) ([]byte, error) {
	return modrmN(b, reg, rm, fx, wrap, 1)
}

// modrmN is modrm with EVEX's compressed displacement: an 8-bit
// displacement counts units of n bytes.
func modrmN(b []byte, reg int, rm *Arg, fx *[]Fixup, wrap bool, n int64) ([]byte, error) {
	r := byte(reg&7) << 3
	if rm.Kind == KindReg {
		return append(b, 0xC0|r|byte(rm.Reg.Num&7)), nil
	}
	put32 := func(v int64) {
		b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
	disp := rm.Disp
	switch {
	case rm.TLS:
		b = append(b, r|4, 0x25)
		*fx = append(*fx, Fixup{Off: len(b), Size: 4, Type: elf.R_X86_64_TPOFF32, Sym: &Sym{Name: abi.TLSG}, Addend: disp})
		put32(0)
		return b, nil
	case rm.Sym != nil:
		if rm.Base >= 0 || rm.Index >= 0 {
			return b, fmt.Errorf("cannot combine a symbol with registers")
		}
		b = append(b, r|5)
		typ := elf.R_X86_64_PC32
		switch {
		case rm.GOT:
			typ = abi.GOTLoadReloc(b)
		case rm.TLSIE:
			typ = elf.R_X86_64_GOTTPOFF
		}
		*fx = append(*fx, Fixup{Off: len(b), Size: 4, Type: typ, Sym: rm.Sym, Addend: disp, pcrel: true})
		put32(0)
		return b, nil
	}
	if int64(int32(disp)) != disp {
		if !wrap {
			return b, fmt.Errorf("offset too large: %d does not fit in 32 bits", disp)
		}
		disp = int64(int32(disp))
	}
	if rm.Base < 0 {
		idx := byte(4) // no index
		var ss byte
		if rm.Index >= 0 {
			idx = byte(rm.Index & 7)
			ss = scaleBits(rm.Scale)
		}
		b = append(b, r|4, ss<<6|idx<<3|5)
		put32(disp)
		return b, nil
	}
	base := byte(rm.Base & 7)
	var mod byte
	switch {
	case disp == 0 && base != 5:
		mod = 0
	case disp%n == 0 && disp/n >= -128 && disp/n <= 127:
		mod = 1
	default:
		mod = 2
	}
	if rm.Index >= 0 || base == 4 {
		idx, ss := byte(4), byte(0)
		if rm.Index >= 0 {
			idx, ss = byte(rm.Index&7), scaleBits(rm.Scale)
		}
		b = append(b, mod<<6|r|4, ss<<6|idx<<3|base)
	} else {
		b = append(b, mod<<6|r|base)
	}
	switch mod {
	case 1:
		b = append(b, byte(disp/n))
	case 2:
		put32(disp)
	}
	return b, nil
}

func scaleBits(s int8) byte {
	switch s {
	case 2:
		return 1
	case 4:
		return 2
	case 8:
		return 3
	}
	return 0
}
