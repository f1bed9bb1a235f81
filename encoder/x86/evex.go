package x86

import (
	"errors"
	"strings"
)

// evexSuffix is what an AVX-512 opcode suffix asks for: .Z, .BCST, .SAE
// or a rounding mode (RN_SAE, RD_SAE, RU_SAE, RZ_SAE), as in VADDPD.RU_SAE.Z.
type evexSuffix struct {
	any      bool
	zero     bool
	bcst     bool
	sae      bool
	rounding int8 // EVEX.L'L value, or -1
}

var roundingModes = map[string]int8{"RN_SAE": 0, "RD_SAE": 1, "RU_SAE": 2, "RZ_SAE": 3}

// parseSuffix checks a suffix list the way Go's assembler does: at most
// one of broadcast, SAE or rounding, optionally followed by Z.
func parseSuffix(list []string) (evexSuffix, error) {
	s := evexSuffix{rounding: -1, any: len(list) > 0}
	for i, x := range list {
		if x == "Z" {
			if i != len(list)-1 || s.zero {
				return s, errors.New("Z suffix should be the last")
			}
			s.zero = true
			continue
		}
		if i > 0 {
			return s, errors.New("can't combine rounding/SAE and broadcast")
		}
		switch x {
		case "BCST":
			s.bcst = true
		case "SAE":
			s.sae = true
		default:
			r, ok := roundingModes[x]
			if !ok {
				return s, errors.New("bad suffix ." + strings.Join(list, "."))
			}
			s.rounding = r
		}
	}
	return s, nil
}

// encodeEVEX emits an EVEX-encoded form.
func encodeEVEX(f *Form, args []Arg, s evexSuffix) (Inst, error) {
	var out Inst
	v := &f.vex
	var rm *Arg
	if f.rmArg >= 0 {
		rm = &args[f.rmArg]
	}
	isMem := rm != nil && rm.Kind == KindMem
	ll, b := v.l, byte(0)
	switch {
	case s.rounding >= 0:
		if isMem {
			return out, errors.New("illegal rounding with memory argument")
		}
		if !v.rc {
			return out, errors.New("unsupported rounding")
		}
		ll, b = byte(s.rounding), 1
	case s.bcst:
		if !isMem {
			return out, errors.New("illegal broadcast without memory argument")
		}
		if v.bcst == 0 {
			return out, errors.New("unsupported broadcast")
		}
		b = 1
	case s.sae:
		if isMem {
			return out, errors.New("illegal SAE with memory argument")
		}
		if !v.sae {
			return out, errors.New("unsupported SAE")
		}
		b = 1
	}
	var z, aaa byte
	if f.kArg >= 0 {
		aaa = byte(args[f.kArg].Reg.Num & 7)
	}
	if s.zero {
		if !v.zero {
			return out, errors.New("unsupported zeroing")
		}
		if f.kArg < 0 {
			return out, errors.New("mask register must be specified for .Z instructions")
		}
		z = 1
	}
	// A gather (VSIB source, not the last operand) must not overwrite its index.
	if isMem && rm.IxKind != 0 && int(f.rmArg) != len(args)-1 && f.regArg >= 0 && int(rm.Index) == int(args[f.regArg].Reg.Num) {
		return out, errors.New("index and destination registers should be distinct")
	}
	reg := f.vexReg(args)
	// P0 = R X B R' 0 0 m m, with R, X, B and R' inverted.
	var rxb, r2, v2 byte
	rxb = byte(reg>>3&1) << 2
	r2 = byte(reg >> 4 & 1)
	if rm != nil {
		switch {
		case rm.Kind == KindReg:
			rxb |= byte(rm.Reg.Num>>3&1) | byte(rm.Reg.Num>>4&1)<<1
		case isMem:
			if rm.Base >= 0 {
				rxb |= byte(rm.Base >> 3 & 1)
			}
			if rm.Index >= 0 {
				rxb |= byte(rm.Index>>3&1) << 1
				if rm.IxKind != 0 {
					v2 = byte(rm.Index >> 4 & 1)
				}
			}
		}
	}
	vvvv := 0
	if f.vArg >= 0 {
		vvvv = int(args[f.vArg].Reg.Num)
		if v2 == 0 {
			v2 = byte(vvvv >> 4 & 1)
		}
	}
	p0 := (^rxb&7)<<5 | (^r2&1)<<4 | v.mmm
	var w byte
	if v.w {
		w = 0x80
	}
	p1 := w | byte(^vvvv&15)<<3 | 4 | v.pp
	p2 := z<<7 | ll<<5 | b<<4 | (^v2&1)<<3 | aaa
	b0 := make([]byte, 0, 16)
	if pre := segPrefix(rm, int(f.rmArg), len(args)); pre != 0 {
		b0 = append(b0, pre)
	}
	b0 = append(b0, 0x62, p0, p1, p2)
	b0 = append(b0, f.opcode()...)
	if rm != nil {
		n := int64(v.n)
		if s.bcst {
			n = int64(v.bcst)
		}
		var err error
		b0, err = modrmN(b0, reg, rm, &out.Fixups, false, max(n, 1))
		if err != nil {
			return out, err
		}
	}
	if f.imm > 0 && f.immArg >= 0 {
		b0 = append(b0, byte(args[f.immArg].Imm))
	}
	out.Bytes = b0
	fixPCRel(&out)
	return out, nil
}

// TakesSuffix reports whether a mnemonic has EVEX forms, the only ones
// that take opcode suffixes.
func TakesSuffix(name string) bool {
	fs := formsOf(name)
	for i := range fs {
		if fs[i].vex.evex {
			return true
		}
	}
	return false
}
