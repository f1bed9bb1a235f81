package x86

import (
	"debug/elf"
	"encoding/binary"
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
// Legacy, VEX and EVEX forms differ only in what comes before the opcode.
func (f *Form) Encode(args []Arg, suffix []string) (Inst, error) {
	var out Inst
	var rm *Arg
	if f.rmArg >= 0 {
		rm = &args[f.rmArg]
	}
	reg := f.regField(args)
	b := make([]byte, 0, 16)
	if pre := segPrefix(rm, int(f.rmArg), len(args)); pre != 0 {
		b = append(b, pre)
	}
	dispScale := int64(1)
	var err error
	switch {
	case f.vex.evex:
		b, dispScale, err = f.evexPrefix(b, args, rm, reg, suffix)
	case f.vex.on:
		b, err = f.vexPrefix(b, args, rm, reg)
	default:
		b = f.legacyPrefix(b, args, rm, reg)
	}
	if err != nil {
		return out, err
	}
	b = append(b, f.opcode()...)
	if f.plusR {
		b[len(b)-1] += args[f.regArg].Reg.Num & 7
	}
	if rm != nil {
		if b, err = modrm(b, reg, rm, &out.Fixups, f.wrapDisp, dispScale); err != nil {
			return out, err
		}
	}
	switch {
	case f.is4Arg >= 0:
		b = append(b, args[f.is4Arg].Reg.Num<<4)
	case f.immArg >= 0:
		v := args[f.immArg].Imm
		for i := range int(f.imm) {
			b = append(b, byte(v>>(8*i)))
		}
	}
	out.Bytes = b
	// The PC-relative fixups' addends count from the instruction's end,
	// known now.
	for i := range out.Fixups {
		fx := &out.Fixups[i]
		if fx.pcrel {
			fx.Addend -= int64(len(out.Bytes) - fx.Off)
			fx.pcrel = false
		}
	}
	return out, nil
}

// regField is the ModRM.reg field of f: its /digit, the register operand
// of a /r form, or 0.
func (f *Form) regField(args []Arg) int {
	switch {
	case f.digit >= 0:
		return int(f.digit)
	case f.digit == -1 && f.regArg >= 0:
		return int(args[f.regArg].Reg.Num)
	}
	return 0
}

// rexBits returns the R, X and B extension bits (4, 2, 1, as in REX) of
// ModRM.reg field reg and operand rm: bit 3 of reg, of rm's index and of
// its base or register.
func rexBits(reg int, rm *Arg) byte {
	x := byte(reg>>3&1) << 2
	switch {
	case rm == nil:
	case rm.Kind == KindReg:
		x |= rm.Reg.Num >> 3 & 1
	case rm.Kind == KindMem:
		if rm.Base >= 0 {
			x |= byte(rm.Base >> 3 & 1)
		}
		if rm.Index >= 0 {
			x |= byte(rm.Index>>3&1) << 1
		}
	}
	return x
}

// legacyPrefix appends the legacy prefixes and REX of a form without VEX.
func (f *Form) legacyPrefix(b []byte, args []Arg, rm *Arg, reg int) []byte {
	b = append(b, f.prefixes()...)
	rex := rexBits(reg, rm)
	if f.rexW {
		rex |= 8
	}
	if f.plusR {
		rex |= args[f.regArg].Reg.Num >> 3 & 1
	}
	for i, c := range f.args() {
		a := &args[i]
		// SPB..DIB need a REX prefix. Go encodes AH..BH even when a REX
		// prefix is present (they then mean SPB..DIB); byte identity keeps that.
		if is8(c) && a.Kind == KindReg && a.Reg.Kind != abi.RegHigh && a.Reg.Num >= 4 && a.Reg.Num <= 7 {
			rex |= 0x40
		}
	}
	if rex != 0 {
		b = append(b, rex|0x40)
	}
	return b
}

// modrm appends the ModRM byte, SIB and displacement for operand rm with
// the given reg field, recording a relocation for symbol references.
// With wrap, a displacement beyond 32 bits is truncated (Go allows that
// for LEAL, whose address arithmetic is 32-bit anyway). An 8-bit
// displacement counts units of n bytes (EVEX's compressed displacement;
// 1 otherwise).
func modrm(b []byte, reg int, rm *Arg, fx *[]Fixup, wrap bool, n int64) ([]byte, error) {
	r := byte(reg&7) << 3
	if rm.Kind == KindReg {
		return append(b, 0xC0|r|rm.Reg.Num&7), nil
	}
	disp := rm.Disp
	switch {
	case rm.TLS:
		b = append(b, r|4, 0x25)
		*fx = append(*fx, Fixup{Off: len(b), Size: 4, Type: elf.R_X86_64_TPOFF32, Sym: &Sym{Name: abi.TLSG}, Addend: disp})
		return binary.LittleEndian.AppendUint32(b, 0), nil
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
		return binary.LittleEndian.AppendUint32(b, 0), nil
	}
	if int64(int32(disp)) != disp {
		if !wrap {
			return b, fmt.Errorf("offset too large: %d does not fit in 32 bits", disp)
		}
		disp = int64(int32(disp))
	}
	if rm.Base < 0 {
		b = append(b, r|4, sib(rm, 5))
		return binary.LittleEndian.AppendUint32(b, uint32(disp)), nil
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
		b = append(b, mod<<6|r|4, sib(rm, base))
	} else {
		b = append(b, mod<<6|r|base)
	}
	switch mod {
	case 1:
		b = append(b, byte(disp/n))
	case 2:
		b = binary.LittleEndian.AppendUint32(b, uint32(disp))
	}
	return b, nil
}

// sib is the SIB byte of memory operand rm with the given base field:
// rm's index and scale, or none (4).
func sib(rm *Arg, base byte) byte {
	if rm.Index < 0 {
		return 4<<3 | base
	}
	return scaleBits(rm.Scale)<<6 | byte(rm.Index&7)<<3 | base
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
