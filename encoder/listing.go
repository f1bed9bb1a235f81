package encoder

import (
	"debug/elf"
	"fmt"
	"io"
	"strings"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// Listed is one emitted instruction, for p9as -S.
type Listed struct {
	Symbol string     // the function
	Offset int        // offset in the function
	Pos    parser.Pos // source line
	Text   string     // the instruction in Go syntax, after rewrites
	Bytes  []byte
}

// Func describes an assembled function for the listing header, after the
// frame pass: Frame includes the saved frame pointer and Flags the
// attributes Go adds (NOSPLIT for leaves, NOFRAME without a frame).
type Func struct {
	Name  string
	Pos   parser.Pos
	Flags int64
	Frame int64
	Args  int64
	Size  int
	// Requires lists the CPU features its instructions need, as CPUID
	// names them (AVX2, BMI1), sorted.
	Requires []string
}

func flagText(flags int64, local bool) string {
	var names []string
	for _, f := range abi.FlagNames {
		if f.Flag.InFuncHeader() && flags&int64(f.Flag) != 0 {
			names = append(names, f.Name)
		}
	}
	if local {
		names = append(names, "STATIC")
	}
	return strings.Join(names, "|")
}

// WriteListing prints the rewritten program in go tool asm -S's layout, so
// the two can be read side by side: per function a header, every
// instruction with its offset and source line (prologue and epilogue
// included, FP and SP offsets resolved), then the bytes in hex and the
// relocations (in ELF terms); then the data symbols.
func (r *Result) WriteListing(w io.Writer) error {
	bw := &errWriter{w: w}
	byName := map[string]*obj.Symbol{}
	for _, s := range r.Object.Symbols {
		if s.Defined && s.Section == obj.Text {
			byName[s.Name] = s
		}
	}
	i := 0
	for _, f := range r.Funcs {
		sym := byName[f.Name]
		bw.printf("%s STEXT size=%d args=%#x locals=%#x\n", f.Name, f.Size, f.Args, f.Frame)
		if r.ListRequires && len(f.Requires) > 0 {
			bw.printf("\t// Requires: %s\n", strings.Join(f.Requires, ", "))
		}
		name := f.Name
		if sym != nil && sym.Local {
			name += "<>"
		}
		attrs := flagText(f.Flags, sym != nil && sym.Local)
		if attrs != "" {
			attrs += ", "
		}
		bw.printf("\t0x0000 00000 (%s)\tTEXT\t%s(SB), %s$%d-%d\n", f.Pos, name, attrs, f.Frame, f.Args)
		for ; i < len(r.Listing) && r.Listing[i].Symbol == f.Name; i++ {
			l := &r.Listing[i]
			bw.printf("\t%#04x %05d (%s)\t%s\n", l.Offset, l.Offset, l.Pos, l.Text)
		}
		if sym != nil {
			r.writeContents(bw, sym)
		}
	}
	for _, s := range r.Object.Symbols {
		if !s.Defined || s.Section == obj.Text {
			continue
		}
		bw.printf("%s %s size=%d\n", s.Name, goSymKind[s.Section], s.Size)
		r.writeContents(bw, s)
	}
	return bw.err
}

// goSymKind is the symbol kind go tool asm -S prints for each section.
var goSymKind = map[obj.SectionKind]string{
	obj.Text: "STEXT", obj.Rodata: "SRODATA", obj.Data: "SDATA", obj.Bss: "SBSS",
	obj.NoptrData: "SNOPTRDATA", obj.NoptrBss: "SNOPTRBSS", obj.TLSBss: "STLSBSS",
}

// writeContents prints a symbol's bytes as go tool asm -S does, 16 to a
// line with their ASCII, and its relocations.
func (r *Result) writeContents(bw *errWriter, s *obj.Symbol) {
	sec := r.Object.Sections[s.Section]
	if sec == nil {
		return
	}
	if !s.Section.IsNoBits() {
		data := sec.Data[s.Value : s.Value+s.Size]
		for off := 0; off < len(data); off += 16 {
			row := data[off:min(off+16, len(data))]
			text := []byte(string(row))
			for j, c := range text {
				if c < 0x20 || c > 0x7e {
					text[j] = '.'
				}
			}
			bw.printf("\t%#04x %-48s %s\n", off, fmt.Sprintf("% x ", row), text)
		}
	}
	for _, rl := range sec.Relocs {
		if rl.Offset < s.Value || rl.Offset >= s.Value+s.Size {
			continue
		}
		size := 4
		if elf.R_X86_64(rl.Type) == elf.R_X86_64_64 {
			size = 8
		}
		bw.printf("\trel %d+%d t=%s %s%+d\n", rl.Offset-s.Value, size, elf.R_X86_64(rl.Type), rl.Sym.Name, rl.Addend)
	}
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func argText(a *arg) string {
	switch a.Kind {
	case x86.KindReg:
		return a.Reg.String()
	case x86.KindImm:
		return fmt.Sprintf("$%d", a.Imm)
	case aBranch:
		if a.text != "" {
			return a.text
		}
		return fmt.Sprintf("%d(PC)", a.Disp)
	case x86.KindMem, aAddr:
		var s string
		switch {
		case a.Sym != nil:
			s = symKey(a.Sym)
			if a.Disp != 0 {
				s += fmt.Sprintf("%+d", a.Disp)
			}
			s += "(SB)"
		case a.pseudo != parser.NameNone:
			s = fmt.Sprintf("%s%+d(SP)", a.text, a.Disp)
			if a.pseudo == parser.NameParam {
				s = fmt.Sprintf("%s%+d(FP)", a.text, a.Disp)
			}
		case a.TLS || a.text != "" && a.Base < 0 && !strings.Contains(a.text, "*"):
			// off(TLS), or off(GS): a segment register as the base.
			seg := a.text
			if a.TLS {
				seg = "TLS"
			}
			if a.Disp != 0 {
				s = fmt.Sprint(a.Disp)
			}
			s += "(" + seg + ")"
		default:
			if a.Disp != 0 || a.Base < 0 {
				s = fmt.Sprint(a.Disp)
			}
			if a.Base >= 0 {
				s += "(" + gpName(int(a.Base)) + ")"
			}
			if a.text != "" {
				s += "(" + a.text + ")"
			}
		}
		if a.Index >= 0 {
			s += fmt.Sprintf("(%s*%d)", indexName(a), a.Scale)
		}
		if a.Kind == aAddr {
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
		parts = append(parts, p.sym.Name+"(SB)")
	case p.branch != bNone:
		if p.target != nil {
			parts = append(parts, fmt.Sprint(p.target.pc))
		}
	case p.align != 0:
		parts = append(parts, fmt.Sprintf("$%d", p.align))
	case p.isData:
		parts = append(parts, fmt.Sprintf("$%d", p.value))
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

// gpName is the name of general register n.
func gpName(n int) string { return x86.Reg{Kind: abi.RegGP, Num: uint8(n)}.String() }

// indexName prints a memory operand's index register.
func indexName(a *arg) string {
	switch a.IxKind {
	case abi.RegX, abi.RegY, abi.RegZ:
		return x86.Reg{Kind: a.IxKind, Num: uint8(a.Index)}.String()
	}
	return gpName(int(a.Index & 15))
}
