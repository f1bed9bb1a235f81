package encoder

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/p9tools/p9/encoder/internal/mnemonic"
)

// class is an operand class in a form: what an operand must look like.
type class uint8

const (
	cNone class = iota
	cR8         // byte register (AL..R15B, AH..BH; AX..R15 name their low byte)
	cR          // general register AX..R15 (the width is the instruction's)
	cRM8        // cR8 or memory
	cRM         // cR or memory
	cM          // memory only
	cAL         // AL
	cAX         // AX (the accumulator short forms)
	cCL         // CL or CX (shift counts)
	cOne        // $1
	cU2         // $0..$3
	cI8         // -128..127
	cU8         // 0..255
	cS32        // fits in a sign-extended 32-bit field
	cI32        // fits in 32 bits, signed or unsigned
	cI64        // any constant
	cSeg        // segment register
	cCtl        // CR0, CR2, CR3, CR4 or CR8: the control registers Go moves
	cFS         // FS
	cGS         // GS
	cDbg        // DR0, DR2, DR3, DR6 or DR7: the debug registers Go's MOVQ moves
	cX          // X0..X15
	cXM         // cX or memory
	cY          // Y0..Y15
	cYM         // cY or memory
	cMM         // MMX register M0..M7
	cMMM        // cMM or memory
	cX0         // X0, an implied operand
	cF0         // F0, the x87 stack top
	cF          // F0..F7
	cVX         // VSIB memory with an X index register
	cVY         // VSIB memory with a Y index register
	cDX         // DX, the port of IN and OUT
	cU16        // 0..65535
	cB8         // -128..255: an 8-bit immediate, signed or not
	cRMM        // general register, MMX register or memory
	cXE         // X0..X31 (EVEX)
	cXME        // cXE or memory
	cYE         // Y0..Y31
	cYME        // cYE or memory
	cZ          // Z0..Z31
	cZM         // cZ or memory
	cK          // K0..K7
	cKM         // cK or memory
	cKN0        // K1..K7: a write mask
	cVXE        // VSIB memory with an X0..X31 index
	cVYE        // VSIB memory with a Y0..Y31 index
	cVZ         // VSIB memory with a Z index
	cZ4         // [Zn-Zn+3]: four consecutive registers
	cXE4        // [Xn-Xn+3]
	cDbgL       // DR0, DR6, DR7: the debug registers Go's MOVL moves
)

var classNames = map[string]class{
	"r8": cR8, "r": cR, "rm8": cRM8, "rm": cRM, "m": cM, "al": cAL, "ax": cAX,
	"cl": cCL, "1": cOne, "u2": cU2, "i8": cI8, "u8": cU8, "s32": cS32,
	"i32": cI32, "i64": cI64, "seg": cSeg, "ctl": cCtl, "fs": cFS, "gs": cGS,
	"dbg": cDbg, "x": cX, "xm": cXM, "y": cY, "ym": cYM, "mm": cMM, "mmm": cMMM,
	"x0": cX0, "f0": cF0, "f": cF, "vx": cVX, "vy": cVY, "dx": cDX, "u16": cU16, "b8": cB8, "rmm": cRMM,
	"xe": cXE, "xme": cXME, "ye": cYE, "yme": cYME, "z": cZ, "zm": cZM, "k": cK, "km": cKM,
	"kn0": cKN0, "vxe": cVXE, "vye": cVYE, "vz": cVZ, "z4": cZ4, "xe4": cXE4, "dbgl": cDbgL,
}

// vexInfo is the VEX or EVEX prefix of a form: vector length, implied
// legacy prefix, opcode map and REX.W equivalent, and for EVEX the
// compressed displacement scale and the features the form permits.
type vexInfo struct {
	on   bool
	evex bool
	l    byte // VEX.L, or EVEX.L'L
	pp   byte // 0: none, 1: 66, 2: F3, 3: F2
	mmm  byte // 1: 0F, 2: 0F38, 3: 0F3A
	w    bool
	n    int8 // disp8 scale
	bcst int8 // disp8 scale with broadcast; 0 if broadcast is not permitted
	sae  bool // {sae} permitted
	rc   bool // embedded rounding permitted
	zero bool // zeroing permitted
}

// form is one encoding of a Go mnemonic.
type form struct {
	args   []class
	prefix []byte // legacy prefixes in the order Go emits them (66, F2, F3)
	rexW   bool
	op     []byte
	digit  int8 // ModRM reg field: 0..7, or -1 for /r, -2 for no ModRM
	plusR  bool // register number added to the last opcode byte
	imm    int  // immediate size in bytes
	vex    vexInfo
	// wrapDisp: a displacement may exceed 32 bits and is truncated (LEAL).
	wrapDisp bool
	// Argument positions (indexes into args, -1 if none): ModRM.reg,
	// ModRM.rm, the immediate, VEX.vvvv and a register in imm8[7:4].
	regArg, rmArg, immArg, vArg, is4Arg int
	kArg                                int // the EVEX write mask
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
	f := form{digit: -2, regArg: -1, rmArg: -1, immArg: -1, vArg: -1, is4Arg: -1, kArg: -1}
	argPart, encPart, ok := strings.Cut(spec, ":")
	if !ok {
		return f, fmt.Errorf("missing ':' in %q", spec)
	}
	var roles []byte
	if s := strings.TrimSpace(argPart); s != "" {
		f.args = make([]class, 0, strings.Count(s, ",")+1)
		for rest, more := s, true; more; {
			var a string
			a, rest, more = strings.Cut(rest, ",")
			name, role, _ := strings.Cut(strings.TrimSpace(a), "@")
			c, ok := classNames[name]
			if !ok || len(role) > 1 {
				return f, fmt.Errorf("unknown class %q in %q", a, spec)
			}
			f.args = append(f.args, c)
			if role != "" {
				if roles == nil {
					roles = make([]byte, 0, cap(f.args))
				}
				roles = append(roles, role[0])
			}
		}
	}
	if len(roles) != 0 && len(roles) != len(f.args) {
		return f, fmt.Errorf("some but not all operands name their field in %q", spec)
	}
	f.op = make([]byte, 0, 4)
	for rest := encPart; ; {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		var t string
		t, rest, _ = strings.Cut(rest, " ")
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
		case t == "/is4":
			f.imm = 1
		case t == "W":
			f.rexW = true
		case t == "/r":
			f.digit = -1
		case len(t) == 2 && t[0] == '/' && t[1] >= '0' && t[1] <= '7':
			f.digit = int8(t[1] - '0')
		case t == "+r":
			f.plusR = true
		case t == "ib":
			f.imm = 1
		case t == "iw":
			f.imm = 2
		case t == "id":
			f.imm = 4
		case t == "iq":
			f.imm = 8
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
	if roles != nil {
		return f, f.assignRoles(roles, spec)
	}
	// Assign operands to fields: memory-capable classes go to ModRM.rm,
	// plain registers to ModRM.reg (or the opcode for +r); the first register
	// goes to reg when two plain registers appear.
	for i, c := range f.args {
		if c == cSeg || c == cCtl || c == cDbg || c == cDbgL {
			f.regArg = i // segment and control registers live in ModRM.reg
		}
	}
	for i, c := range f.args {
		switch c {
		case cSeg, cCtl, cDbg, cFS, cGS:
		case cRM8, cRM, cM:
			f.rmArg = i
		case cR8, cR, cAL, cAX, cCL:
			if c == cAL || c == cAX || c == cCL {
				continue // implied by the opcode
			}
			switch {
			case f.regArg < 0:
				f.regArg = i
			case f.rmArg < 0:
				f.rmArg = i
			}
		case cOne:
		default:
			if f.imm > 0 {
				f.immArg = i
			}
		}
	}
	if f.digit >= 0 && f.rmArg < 0 && f.regArg >= 0 {
		f.rmArg, f.regArg = f.regArg, -1
	}
	if f.digit == -1 && f.rmArg < 0 && f.regArg >= 0 {
		// IMULQ $i, r: one register is both the source and the destination.
		f.rmArg = f.regArg
	}
	return f, nil
}

// formGroup is one mnemonic's entries in generatedForms, parsed.
type formGroup struct {
	forms []form
	err   error
}

// parsedForms holds each mnemonic's parsed group at the index of its first
// entry in generatedForms. Groups are parsed on first use, so a process
// pays only for the mnemonics it assembles, and the index costs nothing at
// start-up: it is zeroed memory, and formIndex is generated.
var parsedForms [len(generatedForms)]atomic.Pointer[formGroup]

// formRange returns the range of name's entries in generatedForms; lo ==
// hi when there are none. It probes the generated hash index.
func formRange(name string) (lo, hi int) {
	const mask = 1<<mnemonic.IndexBits - 1
	for h := mnemonic.Hash(name) & mask; ; h = (h + 1) & mask {
		e := formIndex[h]
		if e[0] == 0 {
			return 0, 0
		}
		if generatedForms[e[0]-1].name == name {
			return int(e[0]) - 1, int(e[1])
		}
	}
}

// formGroupOf returns name's parsed group, or nil for an unknown mnemonic.
// Goroutines encoding in parallel may race to parse a group; the first to
// publish it wins and the others use its copy.
func formGroupOf(name string) *formGroup {
	lo, hi := formRange(name)
	if lo == hi {
		return nil
	}
	if g := parsedForms[lo].Load(); g != nil {
		return g
	}
	g := &formGroup{forms: make([]form, 0, hi-lo)}
	for _, e := range generatedForms[lo:hi] {
		f, err := parseForm(e.spec)
		if err != nil {
			g.err = fmt.Errorf("%s: %v", name, err)
			continue
		}
		f.wrapDisp = name == "LEAL"
		g.forms = append(g.forms, f)
	}
	if parsedForms[lo].CompareAndSwap(nil, g) {
		return g
	}
	return parsedForms[lo].Load()
}

// formsOf returns the encodings of a Go mnemonic in the order Go tries
// them, or nil for an unknown mnemonic.
func formsOf(name string) []form {
	if g := formGroupOf(name); g != nil {
		return g.forms
	}
	return nil
}

// mnemonics yields the table's mnemonics in sorted order, each once.
func mnemonics(yield func(string) bool) {
	for i, e := range generatedForms {
		if (i == 0 || generatedForms[i-1].name != e.name) && !yield(e.name) {
			return
		}
	}
}

// assignRoles sets the argument positions from explicit field names.
func (f *form) assignRoles(roles []byte, spec string) error {
	for i, r := range roles {
		var p *int
		switch r {
		case 'r':
			p = &f.regArg
		case 'm':
			p = &f.rmArg
		case 'v':
			p = &f.vArg
		case 'i':
			p = &f.immArg
		case '4':
			p = &f.is4Arg
		case 'o':
			p, f.plusR = &f.regArg, true
		case 'k':
			p = &f.kArg
		case '-':
			continue
		default:
			return fmt.Errorf("unknown field %q in %q", r, spec)
		}
		if *p >= 0 {
			return fmt.Errorf("two operands in one field in %q", spec)
		}
		*p = i
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
	for more := true; more; {
		var p string
		p, rest, more = strings.Cut(rest, ".")
		switch p {
		case "NDS", "NDD", "DDS", "128", "L0", "LZ", "LIG", "WIG", "W0", "66", "F3", "F2", "0F", "0F38", "0F3A":
		case "256", "L1":
			v.l = 1
		case "512":
			v.l = 2
		case "W1":
			v.w = true
		default:
			return v, fmt.Errorf("bad VEX field %q", p)
		}
		switch p {
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
		}
	}
	if v.mmm == 0 {
		return v, fmt.Errorf("VEX prefix %q has no opcode map", t)
	}
	return v, nil
}
