package encoder

import (
	"debug/elf"
	"fmt"
	"io"
	"strings"

	"github.com/p9tools/p9/parser"
)

// Listed is one emitted instruction, for p9as -S.
type Listed struct {
	Symbol string     // the function
	Offset int        // offset in the function
	Pos    parser.Pos // source line
	Text   string     // the instruction in Go syntax, after rewrites
	Bytes  []byte
	Relocs []Reloc
}

// Reloc describes a relocation in a listing, relative to the function.
type Reloc struct {
	Offset int
	Size   int
	Type   elf.R_X86_64
	Sym    string
	Addend int64
}

func (r Reloc) String() string {
	return fmt.Sprintf("%#x+%d %s %s%+d", r.Offset, r.Size, r.Type, r.Sym, r.Addend)
}

// WriteListing prints the listing: offset, file:line, instruction, bytes
// and relocations, with a header line per function.
func (r *Result) WriteListing(w io.Writer) error {
	last := ""
	for _, l := range r.Listing {
		if l.Symbol != last {
			if _, err := fmt.Fprintf(w, "%s:\n", l.Symbol); err != nil {
				return err
			}
			last = l.Symbol
		}
		var hexb strings.Builder
		for i, b := range l.Bytes {
			if i > 0 {
				hexb.WriteByte(' ')
			}
			fmt.Fprintf(&hexb, "%02x", b)
		}
		op, args, _ := strings.Cut(l.Text, "\t")
		line := fmt.Sprintf("\t%#06x %-24s %-10s %-36s %s", l.Offset, l.Pos.String(), op, args, hexb.String())
		for _, rl := range l.Relocs {
			line += "\t[" + rl.String() + "]"
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

var gpNames = []string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
var byteNames = []string{"AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB", "R8B", "R9B", "R10B", "R11B", "R12B", "R13B", "R14B", "R15B"}

func argText(a *arg) string {
	switch a.kind {
	case aReg:
		switch a.reg.kind {
		case rkGP:
			return gpNames[a.reg.num]
		case rkByte:
			return byteNames[a.reg.num]
		case rkHigh:
			return []string{"AH", "CH", "DH", "BH"}[a.reg.num-4]
		case rkTLS:
			return "TLS"
		case rkSeg:
			return []string{"ES", "CS", "SS", "DS", "FS", "GS"}[a.reg.num]
		case rkCtl:
			return fmt.Sprintf("CR%d", a.reg.num)
		case rkX, rkY, rkZ, rkK:
			return fmt.Sprintf("%c%d", "XYZK"[a.reg.kind-rkX], a.reg.num)
		}
	case aImm:
		return fmt.Sprintf("$%d", a.imm)
	case aMem, aAddr:
		var s string
		switch {
		case a.sym != nil:
			s = a.sym.name
			if a.sym.local {
				s += "<>"
			}
			if a.disp != 0 {
				s += fmt.Sprintf("%+d", a.disp)
			}
			s += "(SB)"
		case a.pseudoName != "":
			s = fmt.Sprintf("%s%+d(SP)", a.pseudoName, a.disp)
			if a.pseudo == parser.NameParam {
				s = fmt.Sprintf("%s%+d(FP)", a.pseudoName, a.disp)
			}
		case a.tls:
			if a.disp != 0 {
				s = fmt.Sprint(a.disp)
			}
			s += "(TLS)"
		default:
			if a.disp != 0 || a.base < 0 {
				s = fmt.Sprint(a.disp)
			}
			if a.base >= 0 {
				s += "(" + gpNames[a.base] + ")"
			}
		}
		if a.index >= 0 {
			s += fmt.Sprintf("(%s*%d)", gpNames[a.index], a.scale)
		}
		if a.kind == aAddr {
			s = "$" + s
		}
		return s
	}
	return "?"
}

// progText prints an instruction in Go syntax.
func progText(p *prog) string {
	var parts []string
	switch {
	case p.sym != nil:
		parts = append(parts, p.sym.name+"(SB)")
	case p.branch != bNone:
		if p.target != nil {
			parts = append(parts, fmt.Sprint(p.target.pc))
		}
	case p.align != 0:
		parts = append(parts, fmt.Sprintf("$%d", p.align))
	default:
		for i := range p.args {
			parts = append(parts, argText(&p.args[i]))
		}
	}
	if len(parts) == 0 {
		return p.op
	}
	return p.op + "\t" + strings.Join(parts, ", ")
}
