package layout

import (
	"strings"
	"testing"
)

func TestLayoutOffsets(t *testing.T) {
	src := `
const tlsSlots 1
struct pair
	a 4
	b 8
struct outer
	x 1
	p pair   # aligned to 8
	arr [3]4
	y 2
`
	l, err := Parse("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	pair, outer := l.Structs[0], l.Structs[1]
	if pair.Size != 16 || pair.Fields[1].Offset != 8 {
		t.Errorf("pair: size %d, b at %d; want 16, 8", pair.Size, pair.Fields[1].Offset)
	}
	want := map[string]int64{"x": 0, "p": 8, "arr": 24, "y": 36}
	for _, f := range outer.Fields {
		if f.Offset != want[f.Name] {
			t.Errorf("outer.%s at %d, want %d", f.Name, f.Offset, want[f.Name])
		}
	}
	if outer.Size != 40 {
		t.Errorf("outer size %d, want 40", outer.Size)
	}
	hdr, err := Header("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"#define const_tlsSlots 1\n", "#define outer_arr 24\n", "#define outer__size 40\n"} {
		if !strings.Contains(string(hdr), line) {
			t.Errorf("header lacks %q:\n%s", line, hdr)
		}
	}
}

func TestLayoutErrors(t *testing.T) {
	for _, src := range []string{
		"struct a\n\tx 3\n",
		"struct a\n\tx b\n",
		"struct a\n\tx 8\n\tx 8\n",
		"struct a\nstruct a\n",
		"\tx 8\n",
		"const a\n",
		"struct a\n\tx [0]8\n",
	} {
		if _, err := Parse("t.txt", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), "t.txt:") {
			t.Errorf("%q: error %v, want a positioned error", src, err)
		}
	}
}

func TestStringsAsm(t *testing.T) {
	src := "string hi \"hello, world\\n\"\nstring q \"a\\\"b\"\n"
	asm, err := StringsAsm("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`DATA runtime·str_hi+0(SB)/8, $"hello, w"` + "\n",
		`DATA runtime·str_hi+8(SB)/6, $"orld\012\000"` + "\n",
		"GLOBL runtime·str_hi(SB), RODATA|NOPTR, $14\n",
		`DATA runtime·str_q+0(SB)/4, $"a\"b\000"` + "\n",
	} {
		if !strings.Contains(string(asm), line) {
			t.Errorf("output lacks %q:\n%s", line, asm)
		}
	}
	hdr, _ := Header("t.txt", []byte(src))
	if !strings.Contains(string(hdr), "#define str_hi runtime·str_hi(SB)\n") {
		t.Errorf("header lacks str_hi:\n%s", hdr)
	}
	if _, err := Parse("t.txt", []byte("string x nope\n")); err == nil {
		t.Error("unquoted string text accepted")
	}
}
