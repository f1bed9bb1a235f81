package encoder

import (
	"fmt"
	"strconv"
	"strings"
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
	cCtl        // control register
	cFS         // FS
	cGS         // GS
)

var classNames = map[string]class{
	"r8": cR8, "r": cR, "rm8": cRM8, "rm": cRM, "m": cM, "al": cAL, "ax": cAX,
	"cl": cCL, "1": cOne, "u2": cU2, "i8": cI8, "u8": cU8, "s32": cS32,
	"i32": cI32, "i64": cI64, "seg": cSeg, "ctl": cCtl, "fs": cFS, "gs": cGS,
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
	// Argument positions (indexes into args, -1 if none).
	regArg, rmArg, immArg int
}

// parseForm reads one table entry: "args: encoding". Args are classes in
// Go order separated by commas; the encoding is a sequence of tokens: 66 F2
// F3 (prefixes before the opcode), W (REX.W), hex opcode bytes, /r, /0../7,
// +r, ib, iw, id, iq.
func parseForm(spec string) (form, error) {
	f := form{digit: -2, regArg: -1, rmArg: -1, immArg: -1}
	argPart, encPart, ok := strings.Cut(spec, ":")
	if !ok {
		return f, fmt.Errorf("missing ':' in %q", spec)
	}
	if s := strings.TrimSpace(argPart); s != "" {
		for _, a := range strings.Split(s, ",") {
			c, ok := classNames[strings.TrimSpace(a)]
			if !ok {
				return f, fmt.Errorf("unknown class %q in %q", a, spec)
			}
			f.args = append(f.args, c)
		}
	}
	for _, t := range strings.Fields(encPart) {
		switch {
		case t == "W":
			f.rexW = true
		case t == "/r":
			f.digit = -1
		case len(t) == 2 && t[0] == '/' && t[1] >= '0' && t[1] <= '7':
			f.digit = int8(t[1] - '0')
		case t == "+r":
			f.plusR = true
		case t == "ib", t == "iw", t == "id", t == "iq":
			f.imm = map[string]int{"ib": 1, "iw": 2, "id": 4, "iq": 8}[t]
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
	// Assign operands to fields: memory-capable classes go to ModRM.rm,
	// plain registers to ModRM.reg (or the opcode for +r); the first register
	// goes to reg when two plain registers appear.
	for i, c := range f.args {
		if c == cSeg || c == cCtl {
			f.regArg = i // segment and control registers live in ModRM.reg
		}
	}
	for i, c := range f.args {
		switch c {
		case cSeg, cCtl, cFS, cGS:
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

// forms maps a Go mnemonic to its encodings in the order Go tries them.
var forms = map[string][]form{}

func addForms(name string, specs ...string) {
	for _, s := range specs {
		f, err := parseForm(s)
		if err != nil {
			panic("encoder table: " + name + ": " + err.Error())
		}
		forms[name] = append(forms[name], f)
	}
}
