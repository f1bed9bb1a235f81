package goasm

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/arch/x86/x86asm"
)

// WriteDiffs prints each differing symbol: why it differs and, at the
// first difference, the source line and the instruction as each assembler
// encodes it, in hex and disassembled.
func WriteDiffs(w io.Writer, diffs []Diff) {
	src := sourceLines{}
	for _, d := range diffs {
		fmt.Fprintf(w, "%s: %s\n", d.Name, d.Reason)
		if d.Want == nil || d.Got == nil || d.Off < 0 {
			continue
		}
		at := d.Off
		if d.At >= 0 {
			at = d.At
		}
		wi, gi := d.Want.InstAt(at), d.Got.InstAt(at)
		for _, in := range []*Inst{gi, wi} {
			if in != nil {
				fmt.Fprintf(w, "\t%s: %s\n", in.Pos, src.line(in.Pos))
				break
			}
		}
		writeSide(w, "p9as", d.Got, gi, at)
		writeSide(w, "go tool asm", d.Want, wi, at)
		if d.RelocWant != nil || d.RelocGot != nil {
			fmt.Fprintf(w, "\tp9as relocations:        %s\n", relocList(d.RelocGot))
			fmt.Fprintf(w, "\tgo tool asm relocations: %s\n", relocList(d.RelocWant))
		}
	}
}

// writeSide prints one assembler's instruction at the difference: its
// offset, bytes and disassembly.
func writeSide(w io.Writer, who string, s *Symbol, in *Inst, off int) {
	start, end := off, min(off+15, len(s.Bytes))
	if in != nil {
		start, end = in.Off, len(s.Bytes)
		for _, next := range s.Insts {
			if next.Off > in.Off {
				end = next.Off
				break
			}
		}
	}
	if start > len(s.Bytes) {
		fmt.Fprintf(w, "\t%-12s %#04x: (past the end, %d bytes)\n", who+":", start, len(s.Bytes))
		return
	}
	code := s.Bytes[start:end]
	fmt.Fprintf(w, "\t%-12s %#04x: % x\t%s\n", who+":", start, code, Disassemble(code, start))
}

// Disassemble decodes code at pc in Go syntax, one instruction after
// another, separated by "; ".
func Disassemble(code []byte, pc int) string {
	var parts []string
	for len(code) > 0 {
		in, err := x86asm.Decode(code, 64)
		if err != nil || in.Len == 0 || in.Op == 0 {
			parts = append(parts, fmt.Sprintf("? % x", code))
			break
		}
		parts = append(parts, x86asm.GoSyntax(in, uint64(pc), nil))
		code, pc = code[in.Len:], pc+in.Len
	}
	return strings.Join(parts, "; ")
}

func relocList(rs []Reloc) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// sourceLines reads source lines for positions "file:line", caching files.
type sourceLines map[string][]string

func (c sourceLines) line(pos string) string {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return ""
	}
	file := pos[:i]
	var n int
	fmt.Sscan(pos[i+1:], &n)
	lines, ok := c[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}
