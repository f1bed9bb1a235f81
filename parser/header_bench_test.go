package parser

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkParseGoAsmHeader parses a file that includes a go_asm.h-sized
// header: thousands of object-like #defines, as the compiler writes for
// the runtime, which most of a small file's parse then goes to.
func BenchmarkParseGoAsmHeader(b *testing.B) {
	var h strings.Builder
	for i := 0; i < 2800; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&h, "#define type_%d_field%d %d\n", i/3, i, 8*i)
		case 1:
			fmt.Fprintf(&h, "#define const_name%d 0x%x\n", i, i)
		default:
			fmt.Fprintf(&h, "#define type_%d__size %d\n", i/3, 16*i)
		}
	}
	header := h.String()
	src := []byte("#include \"go_asm.h\"\n\nTEXT ·f(SB), 4, $0-8\n\tMOVQ\t$const_name1, AX\n\tMOVQ\ttype_0_field0(AX), BX\n\tRET\n")
	cfg := Config{ReadFile: func(path string) ([]byte, error) {
		if strings.HasSuffix(path, "go_asm.h") {
			return []byte(header), nil
		}
		return nil, os.ErrNotExist
	}}
	b.SetBytes(int64(len(header) + len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Parse("f.s", src, cfg); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
