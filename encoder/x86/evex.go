package x86

import (
	"errors"
	"slices"
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

// evexPrefix appends the EVEX prefix of f with the opcode suffixes, and
// returns the unit of its compressed 8-bit displacement.
func (f *Form) evexPrefix(b []byte, args []Arg, rm *Arg, reg int, suffix []string) ([]byte, int64, error) {
	s, err := parseSuffix(suffix)
	if err != nil {
		return b, 0, err
	}
	v := &f.vex
	isMem := rm != nil && rm.Kind == KindMem
	ll, bc := v.l, byte(0)
	switch {
	case s.rounding >= 0:
		if isMem {
			return b, 0, errors.New("illegal rounding with memory argument")
		}
		if !v.rc {
			return b, 0, errors.New("unsupported rounding")
		}
		ll, bc = byte(s.rounding), 1
	case s.bcst:
		if !isMem {
			return b, 0, errors.New("illegal broadcast without memory argument")
		}
		if v.bcst == 0 {
			return b, 0, errors.New("unsupported broadcast")
		}
		bc = 1
	case s.sae:
		if isMem {
			return b, 0, errors.New("illegal SAE with memory argument")
		}
		if !v.sae {
			return b, 0, errors.New("unsupported SAE")
		}
		bc = 1
	}
	var z, aaa byte
	if f.kArg >= 0 {
		aaa = args[f.kArg].Reg.Num & 7
	}
	if s.zero {
		if !v.zero {
			return b, 0, errors.New("unsupported zeroing")
		}
		if f.kArg < 0 {
			return b, 0, errors.New("mask register must be specified for .Z instructions")
		}
		z = 1
	}
	// A gather (VSIB source, not the last operand) must not overwrite its index.
	if isMem && rm.IxKind != 0 && int(f.rmArg) != len(args)-1 && f.regArg >= 0 && int(rm.Index) == int(args[f.regArg].Reg.Num) {
		return b, 0, errors.New("index and destination registers should be distinct")
	}
	// P0 = R X B R' 0 0 m m, with R, X, B and R' inverted; bit 4 of a
	// register in ModRM.rm goes in X, of a VSIB index or of VEX.vvvv in V'.
	rxb, r2, v2 := rexBits(reg, rm), byte(reg>>4&1), byte(0)
	switch {
	case rm == nil:
	case rm.Kind == KindReg:
		rxb |= rm.Reg.Num >> 4 & 1 << 1
	case isMem && rm.Index >= 0 && rm.IxKind != 0:
		v2 = byte(rm.Index >> 4 & 1)
	}
	vvvv := f.vvvv(args)
	if v2 == 0 {
		v2 = vvvv >> 4 & 1
	}
	p0 := (^rxb&7)<<5 | (^r2&1)<<4 | v.mmm
	p1 := v.wBit() | (^vvvv&15)<<3 | 4 | v.pp
	p2 := z<<7 | ll<<5 | bc<<4 | (^v2&1)<<3 | aaa
	n := int64(v.n)
	if s.bcst {
		n = int64(v.bcst)
	}
	return append(b, 0x62, p0, p1, p2), max(n, 1), nil
}

// TakesSuffix reports whether a mnemonic has EVEX forms, the only ones
// that take opcode suffixes.
func TakesSuffix(name string) bool {
	return slices.ContainsFunc(formsOf(name), func(f Form) bool { return f.vex.evex })
}
