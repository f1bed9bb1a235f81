package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// classDef is one operand class: its name in a spec entry, its constant
// in the encoder, how an error message names it, and what it accepts.
type classDef struct {
	spec, ident, text, doc string
}

// classes lists the operand classes in the order of their constants; the
// generator writes the constants and their message names from it, so a
// class is declared here only.
var classes = []classDef{
	{"", "cNone", "", "no operand"},
	{"r8", "cR8", "r8", "byte register (AL..R15B, AH..BH; AX..R15 name their low byte)"},
	{"r", "cR", "r", "general register AX..R15 (the width is the instruction's)"},
	{"rm8", "cRM8", "r8/m", "cR8 or memory"},
	{"rm", "cRM", "r/m", "cR or memory"},
	{"m", "cM", "m", "memory only"},
	{"al", "cAL", "AL", "AL"},
	{"ax", "cAX", "AX", "AX (the accumulator short forms)"},
	{"cl", "cCL", "CL", "CL or CX (shift counts)"},
	{"1", "cOne", "$1", "$1"},
	{"u2", "cU2", "$imm2", "$0..$3"},
	{"i8", "cI8", "$imm8", "-128..127"},
	{"u8", "cU8", "$imm8", "0..255"},
	{"s32", "cS32", "$imm32", "fits in a sign-extended 32-bit field"},
	{"i32", "cI32", "$imm32", "fits in 32 bits, signed or unsigned"},
	{"i64", "cI64", "$imm64", "any constant"},
	{"seg", "cSeg", "sreg", "segment register"},
	{"ctl", "cCtl", "CRn", "CR0, CR2, CR3, CR4 or CR8: the control registers Go moves"},
	{"fs", "cFS", "FS", "FS"},
	{"gs", "cGS", "GS", "GS"},
	{"dbg", "cDbg", "DRn", "DR0, DR2, DR3, DR6 or DR7: the debug registers Go's MOVQ moves"},
	{"x", "cX", "X", "X0..X15"},
	{"xm", "cXM", "X/m", "cX or memory"},
	{"y", "cY", "Y", "Y0..Y15"},
	{"ym", "cYM", "Y/m", "cY or memory"},
	{"mm", "cMM", "M", "MMX register M0..M7"},
	{"mmm", "cMMM", "M/m", "cMM or memory"},
	{"x0", "cX0", "X0", "X0, an implied operand"},
	{"f0", "cF0", "F0", "F0, the x87 stack top"},
	{"f", "cF", "F", "F0..F7"},
	{"vx", "cVX", "vsib", "VSIB memory with an X index register"},
	{"vy", "cVY", "vsib", "VSIB memory with a Y index register"},
	{"dx", "cDX", "DX", "DX, the port of IN and OUT"},
	{"u16", "cU16", "$imm16", "0..65535"},
	{"b8", "cB8", "$imm8", "-128..255: an 8-bit immediate, signed or not"},
	{"rmm", "cRMM", "r/M/m", "general register, MMX register or memory"},
	{"xe", "cXE", "X", "X0..X31 (EVEX)"},
	{"xme", "cXME", "X/m", "cXE or memory"},
	{"ye", "cYE", "Y", "Y0..Y31"},
	{"yme", "cYME", "Y/m", "cYE or memory"},
	{"z", "cZ", "Z", "Z0..Z31"},
	{"zm", "cZM", "Z/m", "cZ or memory"},
	{"k", "cK", "K", "K0..K7"},
	{"km", "cKM", "K/m", "cK or memory"},
	{"kn0", "cKN0", "K", "K1..K7: a write mask"},
	{"vxe", "cVXE", "vsib", "VSIB memory with an X0..X31 index"},
	{"vye", "cVYE", "vsib", "VSIB memory with a Y0..Y31 index"},
	{"vz", "cVZ", "vsib", "VSIB memory with a Z index"},
	{"z4", "cZ4", "[Z-Z+3]", "[Zn-Zn+3]: four consecutive registers"},
	{"xe4", "cXE4", "[X-X+3]", "[Xn-Xn+3]"},
	{"dbgl", "cDbgL", "DRn", "DR0, DR6, DR7: the debug registers Go's MOVL moves"},
}

// class is an index into classes.
type class uint8

// classBySpec finds a class by its spec name.
var classBySpec = func() map[string]class {
	m := map[string]class{}
	for i, c := range classes {
		if c.spec != "" {
			m[c.spec] = class(i)
		}
	}
	return m
}()

// The classes the field inference below singles out.
var (
	cR8, cR, cRM8, cRM, cM       = classBySpec["r8"], classBySpec["r"], classBySpec["rm8"], classBySpec["rm"], classBySpec["m"]
	cAL, cAX, cCL, cOne          = classBySpec["al"], classBySpec["ax"], classBySpec["cl"], classBySpec["1"]
	cSeg, cCtl, cDbg, cDbgL      = classBySpec["seg"], classBySpec["ctl"], classBySpec["dbg"], classBySpec["dbgl"]
	cFS, cGS                     = classBySpec["fs"], classBySpec["gs"]
	noArg                   int8 = -1
)

// vexInfo mirrors the encoder's vexInfo.
type vexInfo struct {
	on, evex   bool
	l, pp, mmm byte
	w          bool
	n, bcst    int8
	sae, rc    bool
	zero       bool
}

// form mirrors the encoder's form, with slices where the encoder has
// fixed-size arrays.
type form struct {
	args     []class
	prefix   []byte
	rexW     bool
	op       []byte
	digit    int8
	plusR    bool
	imm      int8
	vex      vexInfo
	wrapDisp bool

	regArg, rmArg, immArg, vArg, is4Arg, kArg int8
}

// parseForm reads one table entry: "args: encoding". Args are classes in
// Go order separated by commas; the encoding is a sequence of tokens: 66 F2
// F3 (prefixes before the opcode), W (REX.W), hex opcode bytes, /r, /0../7,
// +r, ib, iw, id, iq, VEX.L.pp.map.W or EVEX.L.pp.map.W (as Intel writes
// them), /is4, and for EVEX N=n (the disp8 scale), bcst=n (the scale with
// broadcast, which it permits), sae, rc and z (the suffixes it permits).
// A class may name its field explicitly as class@field, field being r
// (ModRM.reg), m (ModRM.rm), v (VEX.vvvv), i (immediate), 4 (imm8[7:4]),
// k (EVEX.aaa), o (added to the opcode) or - (implied); without any,
// fields are inferred.
func parseForm(spec string) (form, error) {
	f := form{digit: -2, regArg: noArg, rmArg: noArg, immArg: noArg, vArg: noArg, is4Arg: noArg, kArg: noArg}
	argPart, encPart, ok := strings.Cut(spec, ":")
	if !ok {
		return f, fmt.Errorf("missing ':' in %q", spec)
	}
	var roles []byte
	if s := strings.TrimSpace(argPart); s != "" {
		for _, a := range strings.Split(s, ",") {
			name, role, _ := strings.Cut(strings.TrimSpace(a), "@")
			c, ok := classBySpec[name]
			if !ok || len(role) > 1 {
				return f, fmt.Errorf("unknown class %q in %q", a, spec)
			}
			f.args = append(f.args, c)
			if role != "" {
				roles = append(roles, role[0])
			}
		}
	}
	if len(roles) != 0 && len(roles) != len(f.args) {
		return f, fmt.Errorf("some but not all operands name their field in %q", spec)
	}
	for _, t := range strings.Fields(encPart) {
		switch {
		case strings.HasPrefix(t, "VEX."), strings.HasPrefix(t, "EVEX."):
			v, err := parseVEX(t)
			if err != nil {
				return f, fmt.Errorf("%v in %q", err, spec)
			}
			f.vex = v
		case strings.HasPrefix(t, "N="), strings.HasPrefix(t, "bcst="):
			k, v, _ := strings.Cut(t, "=")
			n, err := strconv.ParseUint(v, 10, 7)
			if err != nil {
				return f, fmt.Errorf("bad token %q in %q", t, spec)
			}
			if k == "N" {
				f.vex.n = int8(n)
			} else {
				f.vex.bcst = int8(n)
			}
		case t == "sae":
			f.vex.sae = true
		case t == "rc":
			f.vex.rc = true
		case t == "z":
			f.vex.zero = true
		case immSize[t] != 0:
			f.imm = immSize[t]
		case t == "W":
			f.rexW = true
		case t == "/r":
			f.digit = -1
		case len(t) == 2 && t[0] == '/' && t[1] >= '0' && t[1] <= '7':
			f.digit = int8(t[1] - '0')
		case t == "+r":
			f.plusR = true
		case len(t) == 2:
			b, err := strconv.ParseUint(t, 16, 8)
			if err != nil {
				return f, fmt.Errorf("bad token %q in %q", t, spec)
			}
			if len(f.op) == 0 && (b == 0x66 || b == 0xF2 || b == 0xF3) {
				f.prefix = append(f.prefix, byte(b))
			} else {
				f.op = append(f.op, byte(b))
			}
		default:
			return f, fmt.Errorf("bad token %q in %q", t, spec)
		}
	}
	if len(f.op) == 0 && len(f.prefix) > 0 {
		// A lone prefix byte is itself the instruction (REP, REPN).
		f.op, f.prefix = f.prefix[len(f.prefix)-1:], f.prefix[:len(f.prefix)-1]
	}
	if len(f.op) == 0 {
		return f, fmt.Errorf("no opcode in %q", spec)
	}
	if f.vex.on && len(f.prefix) > 0 {
		return f, fmt.Errorf("legacy prefix with a VEX or EVEX prefix in %q", spec)
	}
	if roles != nil {
		return f, f.assignRoles(roles, spec)
	}
	f.inferRoles()
	return f, nil
}

// immSize is the size of the immediate each token says follows the
// opcode (/is4: a register in a byte).
var immSize = map[string]int8{"ib": 1, "iw": 2, "id": 4, "iq": 8, "/is4": 1}

// inferRoles assigns operands to fields: memory-capable classes go to
// ModRM.rm, plain registers to ModRM.reg (or the opcode for +r); the first
// register goes to reg when two plain registers appear.
func (f *form) inferRoles() {
	for i, c := range f.args {
		if c == cSeg || c == cCtl || c == cDbg || c == cDbgL {
			f.regArg = int8(i) // segment and control registers live in ModRM.reg
		}
	}
	for i, c := range f.args {
		switch c {
		case cSeg, cCtl, cDbg, cFS, cGS, cOne:
		case cRM8, cRM, cM:
			f.rmArg = int8(i)
		case cAL, cAX, cCL:
			// implied by the opcode
		case cR8, cR:
			switch {
			case f.regArg < 0:
				f.regArg = int8(i)
			case f.rmArg < 0:
				f.rmArg = int8(i)
			}
		default:
			if f.imm > 0 {
				f.immArg = int8(i)
			}
		}
	}
	if f.digit >= 0 && f.rmArg < 0 && f.regArg >= 0 {
		f.rmArg, f.regArg = f.regArg, noArg
	}
	if f.digit == -1 && f.rmArg < 0 && f.regArg >= 0 {
		// IMULQ $i, r: one register is both the source and the destination.
		f.rmArg = f.regArg
	}
}

// assignRoles sets the argument positions from explicit field names.
func (f *form) assignRoles(roles []byte, spec string) error {
	fields := map[byte]*int8{'r': &f.regArg, 'm': &f.rmArg, 'v': &f.vArg, 'i': &f.immArg, '4': &f.is4Arg, 'o': &f.regArg, 'k': &f.kArg}
	for i, r := range roles {
		p, ok := fields[r]
		switch {
		case r == '-':
			continue
		case !ok:
			return fmt.Errorf("unknown field %q in %q", r, spec)
		case r == 'o':
			f.plusR = true
		}
		if *p >= 0 {
			return fmt.Errorf("two operands in one field in %q", spec)
		}
		*p = int8(i)
	}
	if f.is4Arg >= 0 || (f.immArg >= 0 && f.imm == 0) {
		f.imm = 1 // a register in imm8[7:4], or an imm8 the spec leaves implied
	}
	return nil
}

// parseVEX reads a VEX prefix description such as VEX.NDS.256.66.0F38.W0.
func parseVEX(t string) (vexInfo, error) {
	v := vexInfo{on: true, evex: strings.HasPrefix(t, "EVEX."), n: 1}
	_, rest, _ := strings.Cut(t, ".")
	for _, p := range strings.Split(rest, ".") {
		switch p {
		case "NDS", "NDD", "DDS", "128", "L0", "LZ", "LIG", "WIG", "W0":
		case "256", "L1":
			v.l = 1
		case "512":
			v.l = 2
		case "W1":
			v.w = true
		case "66":
			v.pp = 1
		case "F3":
			v.pp = 2
		case "F2":
			v.pp = 3
		case "0F":
			v.mmm = 1
		case "0F38":
			v.mmm = 2
		case "0F3A":
			v.mmm = 3
		default:
			return v, fmt.Errorf("bad VEX field %q", p)
		}
	}
	if v.mmm == 0 {
		return v, fmt.Errorf("VEX prefix %q has no opcode map", t)
	}
	return v, nil
}

// check rejects a form the encoder could not encode: a +r register that
// is not in the opcode's low bits, or a VEX immediate wider than a byte.
func (f *form) check(spec string) error {
	if f.plusR && (f.regArg < 0 || f.digit != -2) {
		return fmt.Errorf("+r without a register operand, or with ModRM, in %q", spec)
	}
	if f.vex.on && f.imm > 1 {
		return fmt.Errorf("VEX form with a %d-byte immediate in %q", f.imm, spec)
	}
	return nil
}

// literal writes f as a composite literal of the encoder's form type,
// leaving out fields at their zero value.
func (f *form) literal() string {
	ids := make([]string, len(f.args))
	for i, c := range f.args {
		ids[i] = classes[c].ident
	}
	vex := ""
	if v := f.vex; v.on {
		vex = "vex: vexInfo{" + join("on: true", opt(v.evex, "evex: true"), opt(v.l != 0, "l: %d", v.l),
			opt(v.pp != 0, "pp: %d", v.pp), opt(v.mmm != 0, "mmm: %d", v.mmm), opt(v.w, "w: true"),
			opt(v.n != 0, "n: %d", v.n), opt(v.bcst != 0, "bcst: %d", v.bcst),
			opt(v.sae, "sae: true"), opt(v.rc, "rc: true"), opt(v.zero, "zero: true")) + "}"
	}
	return "{" + join(
		opt(len(f.args) > 0, "argv: [maxFormArgs]class{%s}, nargs: %d", strings.Join(ids, ", "), len(f.args)),
		opt(len(f.prefix) > 0, "prefix: [maxFormPrefix]byte{%s}, nprefix: %d", hexBytes(f.prefix), len(f.prefix)),
		opt(f.rexW, "rexW: true"),
		fmt.Sprintf("op: [maxFormOp]byte{%s}, nop: %d, digit: %d", hexBytes(f.op), len(f.op), f.digit),
		opt(f.plusR, "plusR: true"), opt(f.imm != 0, "imm: %d", f.imm), vex, opt(f.wrapDisp, "wrapDisp: true"),
		fmt.Sprintf("regArg: %d, rmArg: %d, immArg: %d, vArg: %d, is4Arg: %d, kArg: %d", f.regArg, f.rmArg, f.immArg, f.vArg, f.is4Arg, f.kArg),
	) + "}"
}

// opt formats a field of a literal, or returns "" if show is false.
func opt(show bool, format string, a ...any) string {
	if !show {
		return ""
	}
	return fmt.Sprintf(format, a...)
}

// join joins the non-empty fields of a literal.
func join(fields ...string) string {
	return strings.Join(slices.DeleteFunc(fields, func(f string) bool { return f == "" }), ", ")
}

func hexBytes(b []byte) string {
	s := make([]string, len(b))
	for i, x := range b {
		s[i] = fmt.Sprintf("0x%02X", x)
	}
	return strings.Join(s, ", ")
}
