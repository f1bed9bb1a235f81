package obj

import (
	"bytes"
	"debug/elf"
	"testing"
)

// TestUndefinedTLSReference: an undefined symbol reached through a TLS
// relocation is written as STT_TLS, as GNU ld requires of references to a
// TLS definition.
func TestUndefinedTLSReference(t *testing.T) {
	tlsg := &Symbol{Name: "runtime.tlsg"}
	fn := &Symbol{Name: "main.f", Defined: true, Type: SymFunc, Section: Text, Size: 9}
	obj := &Object{Symbols: []*Symbol{fn, tlsg}}
	text := obj.Section(Text)
	text.Data = []byte{0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0}
	text.Size = uint64(len(text.Data))
	text.Relocs = []Reloc{{Offset: 5, Type: uint32(elf.R_X86_64_TPOFF32), Sym: tlsg}}
	data, err := Write(obj)
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range syms {
		if s.Name == "runtime.tlsg" {
			if elf.ST_TYPE(s.Info) != elf.STT_TLS || s.Section != elf.SHN_UNDEF {
				t.Errorf("runtime.tlsg: type %v section %v, want STT_TLS undefined", elf.ST_TYPE(s.Info), s.Section)
			}
			return
		}
	}
	t.Fatal("runtime.tlsg not in the symbol table")
}
