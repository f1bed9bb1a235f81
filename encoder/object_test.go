package encoder

import (
	"debug/elf"
	"testing"

	"github.com/p9tools/p9/obj"
)

func findSym(o *obj.Object, name string) *obj.Symbol {
	for _, s := range o.Symbols {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func TestObjectSymbols(t *testing.T) {
	src := `TEXT ·f(SB), 4, $8-16
	MOVQ ·v(SB), AX
	CALL fmt·Println(SB)
	RET
TEXT helper<>(SB), 4|2, $0
	JMP a∕b·c(SB)
GLOBL ·v(SB), 16, $8
DATA ·v+0(SB)/8, $helper<>(SB)
GLOBL ·z(SB), 0, $32
GLOBL ·r(SB), 8, $4
DATA ·r+0(SB)/4, $1
GLOBL runtime·tlsg(SB), 256, $8
`
	res, errs := assembleText(t, src)
	if errs != nil {
		t.Fatal(errs)
	}
	o := res.Object
	f := findSym(o, "main.f")
	if f == nil || !f.Defined || f.Type != obj.SymFunc || f.Section != obj.Text || f.Frame != 8 || f.Args != 16 || f.TextFlags != 4 {
		t.Fatalf("main.f = %+v", f)
	}
	// PUSHQ BP; MOVQ SP, BP; SUBQ $8, SP; MOVQ; CALL; ADDQ; POPQ; RET
	if f.Size != 1+3+4+7+5+4+1+1 {
		t.Errorf("main.f size %d", f.Size)
	}
	if len(f.Lines) != 4 || f.Lines[0].Line != 1 || f.Lines[1].Offset != 8 || f.Lines[1].Line != 2 || f.Lines[3].Line != 4 {
		t.Errorf("main.f lines %+v", f.Lines)
	}
	h := findSym(o, "helper")
	if h == nil || !h.Local || !h.DupOK || h.Value%funcAlign != 0 {
		t.Errorf("helper = %+v", h)
	}
	for _, name := range []string{"fmt.Println", "a/b.c"} {
		if s := findSym(o, name); s == nil || s.Defined {
			t.Errorf("%s should be an undefined reference: %+v", name, s)
		}
	}
	for name, want := range map[string]obj.SectionKind{"main.v": obj.NoptrData, "main.z": obj.Bss, "main.r": obj.Rodata, "runtime.tlsg": obj.TLSBss} {
		if s := findSym(o, name); s == nil || !s.Defined || s.Section != want {
			t.Errorf("%s = %+v, want section %v", name, s, want)
		}
	}
	if s := findSym(o, "runtime.tlsg"); s.Type != obj.SymTLS || s.Size != 8 {
		t.Errorf("tlsg = %+v", s)
	}
	nd := o.Sections[obj.NoptrData]
	if len(nd.Relocs) != 1 || elf.R_X86_64(nd.Relocs[0].Type) != elf.R_X86_64_64 || nd.Relocs[0].Sym != h {
		t.Errorf("noptrdata relocs %+v", nd.Relocs)
	}
	text := o.Sections[obj.Text]
	var kinds []elf.R_X86_64
	for _, r := range text.Relocs {
		kinds = append(kinds, elf.R_X86_64(r.Type))
	}
	if len(kinds) != 3 || kinds[0] != elf.R_X86_64_PC32 || kinds[1] != elf.R_X86_64_PLT32 || kinds[2] != elf.R_X86_64_PLT32 {
		t.Errorf("text relocs %v", kinds)
	}
	if text.Data[h.Value-1] != 0xCC {
		t.Errorf("function padding is not INT3")
	}
}

// A function using PCALIGN 64 starts 64-aligned, so the alignment holds.
func TestPCALIGNAlignsFunction(t *testing.T) {
	res, errs := assembleText(t, "TEXT ·a(SB), 4, $0\n\tRET\nTEXT ·b(SB), 4, $0\n\tPCALIGN $64\n\tRET\n")
	if errs != nil {
		t.Fatal(errs)
	}
	b := findSym(res.Object, "main.b")
	if b.Value%64 != 0 || res.Object.Sections[obj.Text].Align != 64 {
		t.Errorf("main.b at %#x, .text align %d", b.Value, res.Object.Sections[obj.Text].Align)
	}
}
