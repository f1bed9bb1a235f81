package parser

import (
	"strconv"
	"strings"
)

// String prints the operand in Go assembler syntax.
func (o Operand) String() string {
	var b strings.Builder
	switch o.Kind {
	case KindNone:
		return ""
	case KindReg:
		b.WriteString(o.Reg)
	case KindImm:
		b.WriteByte('$')
		b.WriteString(strconv.FormatInt(o.Offset, 10))
	case KindFloat:
		s := strconv.FormatFloat(o.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		b.WriteString("$(" + s + ")")
	case KindString:
		b.WriteString("$" + strconv.Quote(o.Sym))
	case KindAddr:
		b.WriteByte('$')
		o.writeMem(&b)
	case KindMem:
		o.writeMem(&b)
	case KindBranch:
		if o.Reg == "PC" {
			if o.Sym != "" {
				b.WriteString(o.Sym)
				writeOffset(&b, o.Offset, true)
			} else {
				b.WriteString(strconv.FormatInt(o.Offset, 10))
			}
			b.WriteString("(PC)")
		} else {
			b.WriteString(o.Sym)
			writeOffset(&b, o.Offset, false)
		}
	case KindRegList:
		b.WriteString("[" + o.Reg + "-" + o.Reg2 + "]")
	case KindTextSize:
		b.WriteByte('$')
		b.WriteString(strconv.FormatInt(o.Offset, 10))
		if o.HasArgs {
			b.WriteByte('-')
			b.WriteString(strconv.FormatInt(o.Args, 10))
		}
	case KindRegPair:
		b.WriteString(o.Reg + ":" + o.Reg2)
	default:
		return "?"
	}
	if o.Width != 0 {
		b.WriteByte('/')
		b.WriteString(strconv.FormatInt(o.Width, 10))
	}
	return b.String()
}

// writeOffset writes a signed offset after a symbol name; zero is left
// out unless always is set.
func writeOffset(b *strings.Builder, off int64, always bool) {
	if off == 0 && !always {
		return
	}
	if off >= 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.FormatInt(off, 10))
}

func (o Operand) writeMem(b *strings.Builder) {
	pseudo := ""
	switch o.Name {
	case NameExtern, NameStatic, NameGOTREF:
		pseudo = "SB"
	case NameParam:
		pseudo = "FP"
	case NameAuto:
		pseudo = "SP"
	}
	if pseudo != "" {
		b.WriteString(o.Sym)
		if o.Name == NameStatic {
			b.WriteString("<>")
		} else if o.ABI != "" {
			b.WriteString("<" + o.ABI + ">")
		}
		if o.Name == NameGOTREF {
			b.WriteString("@GOT")
		}
		writeOffset(b, o.Offset, false)
		b.WriteString("(" + pseudo + ")")
	} else if o.Offset != 0 || o.Reg == "" {
		b.WriteString(strconv.FormatInt(o.Offset, 10))
	}
	if o.Reg != "" {
		b.WriteString("(" + o.Reg + ")")
	}
	if o.Index != "" {
		b.WriteString("(" + o.Index)
		if o.Scale != 0 {
			b.WriteString("*" + strconv.FormatInt(o.Scale, 10))
		}
		b.WriteByte(')')
	}
}

// String prints the statement in Go assembler syntax: "loop:" for a
// label, else the mnemonic with its suffixes, a tab and the operands, as
// go tool asm -S lists instructions.
func (s Stmt) String() string {
	if s.Op == "" {
		return s.Label + ":"
	}
	var b strings.Builder
	b.WriteString(s.Op)
	for _, x := range s.Suffix {
		b.WriteByte('.')
		b.WriteString(x)
	}
	for i, a := range s.Args {
		if i == 0 {
			b.WriteByte('\t')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	return b.String()
}
