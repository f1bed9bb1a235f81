package asm_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/internal/goasm"
	"github.com/p9tools/p9/parser"
	"golang.org/x/arch/x86/x86asm"
)

// encSym is one symbol in the shape the conformance tests compare.
type encSym struct {
	name   string
	size   int  // from the header, for data symbols
	bss    bool // a symbol without contents (BSS, NOPTRBSS, TLSBSS)
	bytes  []byte
	relocs []string // "off+size TYPE sym+addend" in ELF terms
}

// encSyms converts goasm symbols (from either assembler) to encSyms.
func encSyms(syms []*goasm.Symbol) map[string]*encSym {
	out := map[string]*encSym{}
	for _, s := range syms {
		e := &encSym{name: s.Name, size: s.Size, bss: s.BSS(), bytes: s.Bytes}
		for _, r := range s.Relocs {
			e.relocs = append(e.relocs, r.String())
		}
		out[s.Name] = e
	}
	return out
}

// encGoAsm assembles src with go tool asm -S and returns its symbols.
func encGoAsm(t *testing.T, src string) map[string]*encSym {
	t.Helper()
	file := filepath.Join(t.TempDir(), "x.s")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	syms, err := encGoAsmFile(t, file, "-p", "main")
	if err != nil {
		t.Fatal(err)
	}
	return syms
}

// encGoAsmFile runs go tool asm -S with the given flags on file.
func encGoAsmFile(t *testing.T, file string, flags ...string) (map[string]*encSym, error) {
	t.Helper()
	syms, err := goasm.Assemble(file, flags...)
	if errors.Is(err, goasm.ErrNoGo) {
		t.Skip("go not found")
	}
	if err != nil {
		return nil, err
	}
	return encSyms(syms), nil
}

// encP9 assembles src with the library path and returns its symbols in
// the same shape as encGoAsm.
func encP9(t *testing.T, src string) (map[string]*encSym, *encoder.Result, parser.ErrorList) {
	t.Helper()
	stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return encAssemble(stmts, "x.s", "main")
}

// encAssemble assembles parsed statements and collects symbols like encGoAsm.
func encAssemble(stmts []parser.Stmt, file, pkg string) (map[string]*encSym, *encoder.Result, parser.ErrorList) {
	res, errs := encoder.Assemble(stmts, file, encoder.Options{Pkg: pkg})
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return encSyms(goasm.FromResult(res)), res, nil
}

// encCompare assembles src with both assemblers and reports every symbol
// whose bytes or relocations differ; describe names a symbol for messages.
func encCompare(t *testing.T, src string, describe func(sym string) string) {
	t.Helper()
	want := encGoAsm(t, src)
	got, res, errs := encP9(t, src)
	if len(errs) > 0 {
		t.Fatalf("p9 assembly failed:\n%v", errs)
	}
	same := encCompareSyms(t, want, got, describe)
	t.Logf("%d/%d identical", same, len(want))
	encCheckDecodes(t, res)
}

// encCompareQuiet is encCompare returning the number of identical symbols.
func encCompareQuiet(t *testing.T, src string, describe func(sym string) string) int {
	t.Helper()
	want := encGoAsm(t, src)
	got, res, errs := encP9(t, src)
	if len(errs) > 0 {
		t.Fatalf("p9 assembly failed:\n%v", errs)
	}
	same := encCompareSyms(t, want, got, describe)
	encCheckDecodes(t, res)
	return same
}

// encCompareSyms reports every symbol of want that got lacks or encodes
// differently, and returns how many are identical.
func encCompareSyms(t *testing.T, want, got map[string]*encSym, describe func(string) string) int {
	t.Helper()
	same := 0
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing symbol %s", describe(name), name)
		case !bytes.Equal(g.bytes, w.bytes):
			t.Errorf("%s: bytes % x, go tool asm % x", describe(name), g.bytes, w.bytes)
		case strings.Join(g.relocs, "; ") != strings.Join(w.relocs, "; "):
			t.Errorf("%s: relocs [%s], go tool asm [%s]", describe(name), strings.Join(g.relocs, "; "), strings.Join(w.relocs, "; "))
		default:
			same++
		}
	}
	return same
}

// encDecoderLacks lists instructions x86asm does not decode (by mnemonic
// without the size suffix); go tool asm agrees with their bytes.
var encDecoderLacks = map[string]bool{
	"ADCX": true, "ADOX": true, "RDSEED": true, "CLAC": true, "STAC": true,
	"RDPKRU": true, "WRPKRU": true, "UD1": true, "CLDEMOTE": true, "TPAUSE": true, "UMONITOR": true,
	"UMWAIT": true, "RDPID": true, "ENDBR64": true,
}

// encX87Alias reports the undocumented x87 register encodings Go emits for
// FCOMD F0, Fi (DC D0+i), FCOMDP (DC D8+i), FCOMDPP (DE D8+i) and
// FUCOMPP F0, Fi (DA E8+i), which x86asm does not decode.
func encX87Alias(b []byte) bool {
	if len(b) != 2 {
		return false
	}
	switch b[0] {
	case 0xDC:
		return b[1]&0xF0 == 0xD0
	case 0xDE:
		return b[1]&0xF8 == 0xD8
	case 0xDA:
		return b[1]&0xF8 == 0xE8
	}
	return false
}

// encCheckDecodes checks that every instruction decodes to exactly its own
// length with golang.org/x/arch's decoder.
func encCheckDecodes(t *testing.T, res *encoder.Result) {
	t.Helper()
	for _, l := range res.Listing {
		if len(l.Bytes) == 0 || strings.HasPrefix(l.Text, "BYTE") || strings.HasPrefix(l.Text, "WORD") ||
			strings.HasPrefix(l.Text, "LONG") || strings.HasPrefix(l.Text, "QUAD") || strings.HasPrefix(l.Text, "PCALIGN") {
			continue
		}
		if op, _, _ := strings.Cut(l.Text, "\t"); encDecoderLacks[strings.TrimRight(op, "WLQ")] {
			continue
		}
		if encX87Alias(l.Bytes) {
			continue
		}
		in, err := x86asm.Decode(l.Bytes, 64)
		if err != nil || in.Len != len(l.Bytes) {
			t.Errorf("%s: %s: % x does not decode as one instruction (%v, len %d)", l.Pos, l.Text, l.Bytes, err, in.Len)
		}
	}
}
