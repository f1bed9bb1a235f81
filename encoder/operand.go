package encoder

import (
	"fmt"

	"github.com/p9tools/p9/parser"
)

// argKind is the shape of an operand after pseudo-registers are resolved.
type argKind uint8

const (
	aNone    argKind = iota
	aReg             // a register
	aImm             // $constant
	aMem             // memory reference
	aAddr            // $mem: an address (only valid where rewritten to LEA)
	aBranch          // label, off(PC) or sym(SB) as a branch target
	aRegList         // [R0-R3]: reg is the first of four consecutive registers
)

// symRef names a symbol referenced by an operand, with its final ELF name.
type symRef struct {
	name  string
	local bool
	// linkLocal: a symbol Go keeps local to the link unit (its float
	// constants), which -dynlink reaches directly, not through the GOT.
	linkLocal bool
}

// arg is an operand in the encoder's terms.
type arg struct {
	kind argKind
	// tls: the TLS-relative form, off(TLS). seg is the segment-override
	// prefix of a memory operand written with a segment register, 8(GS)
	// or (AX)(FS*1), or 0 (also for SS, which Go gives none).
	tls    bool
	seg    byte
	ixKind regKind     // rkX, rkY or rkZ for a VSIB index; otherwise general
	pseudo parser.Name // NameParam or NameAuto until the frame pass resolves it
	pcRel  bool        // aBranch: off(PC): disp is in instructions
	got    bool        // sym@GOT(SB): the GOT slot holding sym's address
	tlsIE  bool        // the GOT slot holding g's offset from the thread pointer (-shared)
	// (The one-byte fields sit together: a function holds an arg for
	// each operand of each statement.)

	reg regInfo // aReg
	imm int64   // aImm

	// aMem and aAddr: base and index are hardware register numbers or -1.
	base, index int
	scale       int64
	disp        int64
	sym         *symRef // non-nil for sym(SB) references
	// segText is the segment register part as written, "GS" or "FS*1",
	// for listings.
	segText    string
	pseudoName string // the name written before the offset, for listings

	// aBranch: a label, a PC-relative target or a symbol (sym above).
	label string
}

// segOverride is the override prefix go tool asm emits for a memory
// operand on each segment register (ES, CS, SS, DS, FS, GS): none for SS.
var segOverride = [6]byte{0x26, 0x2E, 0, 0x3E, 0x64, 0x65}

// segPrefix returns the segment-override prefix memory operand rm needs
// as operand i of n, or 0. Go emits one only for its first and last
// operands (a Prog's From and To): a memory operand in the middle, as in
// IMUL3Q or VPERM2F128, gets none.
func segPrefix(rm *arg, i, n int) byte {
	if rm == nil || rm.kind != aMem || i != 0 && i != n-1 {
		return 0
	}
	if rm.tls {
		return 0x64
	}
	return rm.seg
}

// resolveName maps a source name to its ELF name per the object conventions.
func resolveName(s, pkg string) string {
	out := make([]rune, 0, len(s)+len(pkg))
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '·':
			if i == 0 {
				out = append(out, []rune(pkg)...)
			}
			out = append(out, '.')
		case '∕':
			out = append(out, '/')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// convCtx is what operand conversion needs to know about the file.
type convCtx struct {
	pkg    string
	shared bool // -shared: TLS by the initial-exec model
}

// convert turns a parser operand into an arg. FP and pseudo-SP references
// keep their written offsets; the frame pass adds the adjustments.
func (c *convCtx) convert(o *parser.Operand) (arg, error) {
	a := arg{base: -1, index: -1}
	switch o.Kind {
	case parser.KindReg:
		r, ok := lookupReg(o.Reg)
		if !ok {
			return a, fmt.Errorf("unknown register %s", o.Reg)
		}
		a.kind, a.reg = aReg, r
	case parser.KindImm:
		a.kind, a.imm = aImm, o.Offset
	case parser.KindRegList:
		r0, ok0 := lookupReg(o.Reg)
		r1, ok1 := lookupReg(o.Reg2)
		if !ok0 || !ok1 || r0.kind != r1.kind || r1.num != r0.num+3 {
			return a, fmt.Errorf("invalid register list: want four consecutive registers")
		}
		a.kind, a.reg = aRegList, r0
	case parser.KindMem, parser.KindAddr:
		a.kind = aMem
		if o.Kind == parser.KindAddr {
			a.kind = aAddr
		}
		if err := c.mem(o, &a); err != nil {
			return a, err
		}
	case parser.KindBranch:
		a.kind = aBranch
		if o.Reg != "PC" && o.Sym != "" {
			a.label = o.Sym
		} else {
			a.pcRel = true
			a.disp = o.Offset
		}
	default:
		return a, fmt.Errorf("unsupported operand")
	}
	return a, nil
}

func (c *convCtx) mem(o *parser.Operand, a *arg) error {
	a.disp = o.Offset
	switch o.Name {
	case parser.NameExtern, parser.NameStatic:
		a.sym = &symRef{name: resolveName(o.Sym, c.pkg), local: o.Name == parser.NameStatic}
	case parser.NameParam, parser.NameAuto:
		if o.Sym == "" {
			return fmt.Errorf("%s reference needs a name, as in x+0(%s)", map[bool]string{true: "FP", false: "SP"}[o.Name == parser.NameParam], map[bool]string{true: "FP", false: "SP"}[o.Name == parser.NameParam])
		}
		// Recorded as SP-based; the frame pass adjusts disp.
		a.base = 4
		a.pseudo, a.pseudoName = o.Name, o.Sym
	case parser.NameGOTREF:
		a.sym, a.got = &symRef{name: resolveName(o.Sym, c.pkg)}, true
	}
	if o.Reg != "" && (o.Name == parser.NameNone || a.sym != nil) {
		r, ok := lookupReg(o.Reg)
		switch {
		case !ok:
			return fmt.Errorf("unknown register %s", o.Reg)
		case r.kind == rkTLS:
			a.tls = true
		case r.kind == rkSeg && a.sym == nil:
			// Go reads 8(GS) as the absolute address 8 with GS's
			// override prefix.
			a.seg, a.segText = segOverride[r.num], o.Reg
		case r.kind != rkGP:
			return fmt.Errorf("invalid base register %s", o.Reg)
		default:
			a.base = r.num
		}
	}
	if o.Index != "" {
		r, ok := lookupReg(o.Index)
		switch {
		case !ok:
			return fmt.Errorf("unknown register %s", o.Index)
		case r.kind == rkTLS && c.shared:
			// off(reg)(TLS*1) under -shared: reg holds g's offset
			// from the thread pointer, FS.
			a.seg, a.segText = 0x64, fmt.Sprintf("%s*%d", o.Index, o.Scale)
			return nil
		case r.kind == rkTLS:
			// off(reg)(TLS*1): with direct TLS access this is off(TLS).
			a.tls = true
			a.base = -1
			return nil
		case r.kind == rkSeg:
			// (AX)(GS*1): Go drops a segment register index, whatever
			// the scale, for its override prefix, unless the base
			// gave one.
			if a.seg == 0 {
				a.seg = segOverride[r.num]
			}
			if a.segText == "" {
				a.segText = fmt.Sprintf("%s*%d", o.Index, o.Scale)
			}
			return nil
		case a.segText != "":
			return fmt.Errorf("invalid index register %s with base register %s", o.Index, a.segText)
		case r.kind == rkX || r.kind == rkY || r.kind == rkZ:
			a.ixKind = r.kind
		case r.kind != rkGP || r.num == 4:
			return fmt.Errorf("invalid index register %s", o.Index)
		}
		switch o.Scale {
		case 1, 2, 4, 8:
		default:
			return fmt.Errorf("invalid scale %d", o.Scale)
		}
		a.index, a.scale = r.num, o.Scale
	}
	return nil
}
