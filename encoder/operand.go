package encoder

import (
	"fmt"
	"strings"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// The operand kinds beyond the encoder's: Go's syntax that the
// assembler rewrites or resolves before encoding.
const (
	aAddr   = x86.NumKinds + iota // $mem: an address (only valid where rewritten to LEA)
	aBranch                       // label, off(PC) or sym(SB) as a branch target
)

// arg is an operand in the assembler's terms: the encoder's, with what
// the frame pass, branch resolution and listings need of its source.
type arg struct {
	x86.Arg
	pseudo parser.Name // NameParam or NameAuto until the frame pass resolves it
	pcRel  bool        // aBranch: off(PC): Disp is in instructions
	// text is what listings and messages need as written, one string for
	// what no operand has two of, as a function holds an arg for each
	// operand of each instruction: for aBranch, the label (empty for a
	// PC-relative target or a symbol, Sym); for a memory operand with
	// pseudo set, the name written before the offset; for any other, the
	// segment register part, "GS" or "FS*1".
	text string
}

// resolveName maps a source name to its ELF name per the object
// conventions: '·' is '.', '∕' is '/', and a name that starts with '·'
// belongs to the package pkg.
func resolveName(s, pkg string) string {
	name := nameReplacer.Replace(s)
	if strings.HasPrefix(s, "·") {
		return pkg + name
	}
	return name
}

var nameReplacer = strings.NewReplacer("·", ".", "∕", "/")

// convCtx is what operand conversion needs to know about the file.
type convCtx struct {
	pkg    string
	shared bool // -shared: TLS by the initial-exec model
}

// convert turns a parser operand into an arg. FP and pseudo-SP references
// keep their written offsets; the frame pass adds the adjustments.
func (c *convCtx) convert(o *parser.Operand) (arg, error) {
	a := arg{Arg: x86.Arg{Base: -1, Index: -1}}
	switch o.Kind {
	case parser.KindReg:
		r, ok := x86.LookupReg(o.Reg)
		if !ok {
			return a, fmt.Errorf("unknown register %s", o.Reg)
		}
		a.Kind, a.Reg = x86.KindReg, r
	case parser.KindImm:
		a.Kind, a.Imm = x86.KindImm, o.Offset
	case parser.KindRegList:
		r0, ok0 := x86.LookupReg(o.Reg)
		r1, ok1 := x86.LookupReg(o.Reg2)
		if !ok0 || !ok1 || r0.Kind != r1.Kind || r1.Num != r0.Num+3 {
			return a, fmt.Errorf("invalid register list: want four consecutive registers")
		}
		a.Kind, a.Reg = x86.KindRegList, r0
	case parser.KindMem, parser.KindAddr:
		a.Kind = x86.KindMem
		if o.Kind == parser.KindAddr {
			a.Kind = aAddr
		}
		if err := c.mem(o, &a); err != nil {
			return a, err
		}
	case parser.KindBranch:
		a.Kind = aBranch
		if o.Reg != "PC" && o.Sym != "" {
			a.text = o.Sym
		} else {
			a.pcRel = true
			a.Disp = o.Offset
		}
	default:
		return a, fmt.Errorf("unsupported operand")
	}
	return a, nil
}

// sym is the symbol a sym(SB) or sym<>(SB) operand names.
func (c *convCtx) sym(o *parser.Operand) *x86.Sym {
	return &x86.Sym{Name: resolveName(o.Sym, c.pkg), Local: o.Name == parser.NameStatic}
}

func (c *convCtx) mem(o *parser.Operand, a *arg) error {
	a.Disp = o.Offset
	switch o.Name {
	case parser.NameExtern, parser.NameStatic:
		a.Sym = c.sym(o)
	case parser.NameParam, parser.NameAuto:
		if o.Sym == "" {
			return fmt.Errorf("%s reference needs a name, as in x+0(%s)", map[bool]string{true: "FP", false: "SP"}[o.Name == parser.NameParam], map[bool]string{true: "FP", false: "SP"}[o.Name == parser.NameParam])
		}
		// Recorded as SP-based; the frame pass adjusts disp.
		a.Base = 4
		a.pseudo, a.text = o.Name, o.Sym
	case parser.NameGOTREF:
		a.Sym, a.GOT = &x86.Sym{Name: resolveName(o.Sym, c.pkg)}, true
	}
	if o.Reg != "" && (o.Name == parser.NameNone || a.Sym != nil) {
		r, ok := x86.LookupReg(o.Reg)
		switch {
		case !ok:
			return fmt.Errorf("unknown register %s", o.Reg)
		case r.Kind == abi.RegTLS:
			a.TLS = true
		case r.Kind == abi.RegSeg && a.Sym == nil:
			// Go reads 8(GS) as the absolute address 8 with GS's
			// override prefix.
			a.Seg, a.text = x86.SegOverride(int(r.Num)), o.Reg
		case r.Kind != abi.RegGP:
			return fmt.Errorf("invalid base register %s", o.Reg)
		default:
			a.Base = int8(r.Num)
		}
	}
	if o.Index != "" {
		r, ok := x86.LookupReg(o.Index)
		switch {
		case !ok:
			return fmt.Errorf("unknown register %s", o.Index)
		case r.Kind == abi.RegTLS && c.shared:
			// off(reg)(TLS*1) under -shared: reg holds g's offset
			// from the thread pointer, FS.
			a.Seg = 0x64
			if a.pseudo == parser.NameNone {
				a.text = fmt.Sprintf("%s*%d", o.Index, o.Scale)
			}
			return nil
		case r.Kind == abi.RegTLS:
			// off(reg)(TLS*1): with direct TLS access this is off(TLS).
			a.TLS = true
			a.Base = -1
			return nil
		case r.Kind == abi.RegSeg:
			// (AX)(GS*1): Go drops a segment register index, whatever
			// the scale, for its override prefix, unless the base
			// gave one.
			if a.Seg == 0 {
				a.Seg = x86.SegOverride(int(r.Num))
			}
			if a.text == "" { // a pseudo name is listed, not the segment
				a.text = fmt.Sprintf("%s*%d", o.Index, o.Scale)
			}
			return nil
		case a.text != "" && a.pseudo == parser.NameNone:
			return fmt.Errorf("invalid index register %s with base register %s", o.Index, a.text)
		case r.Kind == abi.RegX || r.Kind == abi.RegY || r.Kind == abi.RegZ:
			a.IxKind = r.Kind
		case r.Kind != abi.RegGP || r.Num == 4:
			return fmt.Errorf("invalid index register %s", o.Index)
		}
		switch o.Scale {
		case 1, 2, 4, 8:
		default:
			return fmt.Errorf("invalid scale %d", o.Scale)
		}
		a.Index, a.Scale = int8(r.Num), int8(o.Scale)
	}
	return nil
}
