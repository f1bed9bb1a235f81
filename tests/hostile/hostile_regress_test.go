package hostile_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/p9tools/p9/link"
)

// TestSymbolOutsideSection: an object whose symbol claims bytes past the
// end of its section is refused with a message, not a panic in the
// nosplit check (found by corrupting objects).
func TestSymbolOutsideSection(t *testing.T) {
	obj := assembleValid(t)
	f, err := elf.NewFile(bytes.NewReader(obj))
	if err != nil {
		t.Fatal(err)
	}
	symtab := f.SectionByType(elf.SHT_SYMTAB)
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []uint64{0xffffffff, 1 << 63} {
		bad := append([]byte(nil), obj...)
		found := false
		for i, s := range syms {
			if s.Name == "main.work" {
				// debug/elf leaves out the null symbol: entry i+1.
				off := symtab.Offset + uint64(i+1)*24 + 16
				binary.LittleEndian.PutUint64(bad[off:], size)
				found = true
			}
		}
		if !found {
			t.Fatal("main.work is not in the symbol table")
		}
		var lerr error
		if p := guarded(func() { _, lerr = link.Link([]link.Input{{Name: "bad.o", Data: bad}}, link.Options{}) }); p != "" {
			t.Fatalf("size %#x: %s", size, p)
		}
		if lerr == nil || !strings.Contains(lerr.Error(), `symbol "main.work"`) || !strings.Contains(lerr.Error(), "lie outside .text") {
			t.Errorf("size %#x: error %v, want one about main.work lying outside .text", size, lerr)
		}
	}
}
