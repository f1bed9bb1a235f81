package x86

import "errors"

// vexPrefix appends the VEX prefix of f. Like Go, it uses the two-byte C5
// prefix whenever no field needs the three-byte one (an 0F map, W0, and no
// X or B extension).
func (f *Form) vexPrefix(b []byte, args []Arg, rm *Arg, reg int) ([]byte, error) {
	if rm != nil && rm.Kind == KindMem && rm.IxKind != 0 && f.vArg >= 0 {
		ix, mask, dst := int(rm.Index), int(args[f.vArg].Reg.Num), int(args[f.regArg].Reg.Num)
		if ix == mask || ix == dst || mask == dst {
			return b, errors.New("mask, index, and destination registers should be distinct")
		}
	}
	rxb := rexBits(reg, rm)
	v := &f.vex
	last := (^f.vvvv(args)&15)<<3 | v.l<<2 | v.pp
	if v.mmm == 1 && rxb&3 == 0 && !v.w {
		return append(b, 0xC5, (^rxb&4)<<5|last), nil
	}
	return append(b, 0xC4, (^rxb&7)<<5|v.mmm, v.wBit()|last), nil
}

// vvvv is the register operand f encodes in VEX.vvvv, or 0.
func (f *Form) vvvv(args []Arg) byte {
	if f.vArg < 0 {
		return 0
	}
	return args[f.vArg].Reg.Num
}

// wBit is VEX.W or EVEX.W in its place in the prefix's last byte.
func (v *vexInfo) wBit() byte {
	if v.w {
		return 0x80
	}
	return 0
}
