package x86

import "fmt"

// encodeVEX emits a VEX-encoded form. Like Go, it uses the two-byte C5
// prefix whenever no field needs the three-byte one (an 0F map, W0, and no
// X or B extension).
func encodeVEX(f *Form, args []Arg) (Inst, error) {
	var out Inst
	if f.rmArg >= 0 && args[f.rmArg].Kind == KindMem && args[f.rmArg].IxKind != 0 && f.vArg >= 0 {
		ix, mask, dst := int(args[f.rmArg].Index), int(args[f.vArg].Reg.Num), int(args[f.regArg].Reg.Num)
		if ix == mask || ix == dst || mask == dst {
			return out, fmt.Errorf("mask, index, and destination registers should be distinct")
		}
	}
	reg := f.vexReg(args)
	var rxb byte // R, X, B as in REX (set means extended)
	if reg >= 8 {
		rxb |= 4
	}
	var rm *Arg
	if f.rmArg >= 0 {
		rm = &args[f.rmArg]
		switch {
		case rm.Kind == KindReg && rm.Reg.Num >= 8:
			rxb |= 1
		case rm.Kind == KindMem:
			if rm.Base >= 8 {
				rxb |= 1
			}
			if rm.Index >= 8 {
				rxb |= 2
			}
		}
	}
	vvvv := byte(0)
	if f.vArg >= 0 {
		vvvv = byte(args[f.vArg].Reg.Num & 15)
	}
	v := &f.vex
	last := byte(^vvvv&15)<<3 | v.l<<2 | v.pp
	b := make([]byte, 0, 16)
	if pre := segPrefix(rm, int(f.rmArg), len(args)); pre != 0 {
		b = append(b, pre)
	}
	if v.mmm == 1 && rxb&3 == 0 && !v.w {
		b = append(b, 0xC5, (^rxb&4)<<5|last)
	} else {
		w := byte(0)
		if v.w {
			w = 0x80
		}
		b = append(b, 0xC4, (^rxb&7)<<5|v.mmm, w|last)
	}
	b = append(b, f.opcode()...)
	if rm != nil {
		var err error
		b, err = modrm(b, reg, rm, &out.Fixups, false)
		if err != nil {
			return out, err
		}
	}
	switch {
	case f.is4Arg >= 0:
		b = append(b, byte(args[f.is4Arg].Reg.Num)<<4)
	case f.imm > 0 && f.immArg >= 0:
		b = append(b, byte(args[f.immArg].Imm))
	}
	out.Bytes = b
	fixPCRel(&out)
	return out, nil
}

// fixPCRel turns the PC-relative fixups' displacements into final addends
// now that the instruction's length is known.
func fixPCRel(out *Inst) {
	for i := range out.Fixups {
		fx := &out.Fixups[i]
		if fx.pcrel {
			fx.Addend -= int64(len(out.Bytes) - fx.Off)
			fx.pcrel = false
		}
	}
}

// vexReg is the ModRM.reg field of a VEX or EVEX form: its /digit, or
// the register operand's number.
func (f *Form) vexReg(args []Arg) int {
	if f.digit >= 0 {
		return int(f.digit)
	}
	if f.regArg >= 0 {
		return int(args[f.regArg].Reg.Num)
	}
	return 0
}
