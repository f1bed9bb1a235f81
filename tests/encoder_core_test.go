package tests

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"golang.org/x/arch/x86/x86asm"
)

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

// TestEncoderCoreConformance assembles every line of testdata/core.s as its
// own function with both assemblers and compares bytes and relocations.
func TestEncoderCoreConformance(t *testing.T) {
	data, err := os.ReadFile("testdata/core.s")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	lines := map[string]string{}
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		name := fmt.Sprintf("t%04d", n)
		n++
		// 516 = NOSPLIT|NOFRAME, so each body is encoded exactly as written.
		fmt.Fprintf(&src, "TEXT ·%s(SB), 516, $0-0\n\t%s\n", name, line)
		lines["main."+name] = fmt.Sprintf("core.s:%d: %s", i+1, line)
	}
	encCompare(t, src.String(), func(s string) string {
		if l, ok := lines[s]; ok {
			return l
		}
		return s
	})
}
