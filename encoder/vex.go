package encoder

import "fmt"

// encodeVEX emits a VEX-encoded form. Like Go, it uses the two-byte C5
// prefix whenever no field needs the three-byte one (an 0F map, W0, and no
// X or B extension).
func encodeVEX(f *form, args []arg) (inst, error) {
	var out inst
	if f.rmArg >= 0 && args[f.rmArg].kind == aMem && args[f.rmArg].ixKind != 0 && f.vArg >= 0 {
		ix, mask, dst := args[f.rmArg].index, args[f.vArg].reg.num, args[f.regArg].reg.num
		if ix == mask || ix == dst || mask == dst {
			return out, fmt.Errorf("mask, index, and destination registers should be distinct")
		}
	}
	reg := 0
	switch {
	case f.digit >= 0:
		reg = int(f.digit)
	case f.regArg >= 0:
		reg = args[f.regArg].reg.num
	}
	var rxb byte // R, X, B as in REX (set means extended)
	if reg >= 8 {
		rxb |= 4
	}
	var rm *arg
	if f.rmArg >= 0 {
		rm = &args[f.rmArg]
		switch {
		case rm.kind == aReg && rm.reg.num >= 8:
			rxb |= 1
		case rm.kind == aMem:
			if rm.base >= 8 {
				rxb |= 1
			}
			if rm.index >= 8 {
				rxb |= 2
			}
		}
	}
	vvvv := byte(0)
	if f.vArg >= 0 {
		vvvv = byte(args[f.vArg].reg.num & 15)
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
		b, err = modrm(b, reg, rm, &out.fixups, false)
		if err != nil {
			return out, err
		}
	}
	switch {
	case f.is4Arg >= 0:
		b = append(b, byte(args[f.is4Arg].reg.num)<<4)
	case f.imm > 0 && f.immArg >= 0:
		b = append(b, byte(args[f.immArg].imm))
	}
	out.bytes = b
	fixPCRel(&out)
	return out, nil
}

// fixPCRel turns the PC-relative fixups' displacements into final addends
// now that the instruction's length is known.
func fixPCRel(out *inst) {
	for i := range out.fixups {
		fx := &out.fixups[i]
		if fx.pcrel {
			fx.addend -= int64(len(out.bytes) - fx.off)
			fx.pcrel = false
		}
	}
}
