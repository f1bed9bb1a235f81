package encoder

import (
	"strings"
	"testing"
)

func TestWriteListing(t *testing.T) {
	res, errs := assembleText(t, "TEXT ·f(SB), 4, $0-8\n\tMOVQ x+0(FP), AX\n\tCALL ·g(SB)\n\tRET\n")
	if errs != nil {
		t.Fatal(errs)
	}
	var b strings.Builder
	if err := res.WriteListing(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"main.f:",
		"0x000000 x.s:1", // PUSHQ BP; MOVQ SP, BP: the frame is saved because of the CALL
		"PUSHQ      BP",
		"MOVQ       x+16(FP), AX",
		"48 8b 44 24 10",
		"e8 00 00 00 00\t[0xa+4 R_X86_64_PLT32 main.g-4]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks %q:\n%s", want, out)
		}
	}
	if len(res.Listing) != 6 || res.Listing[3].Offset != 9 {
		t.Errorf("listing entries %+v", res.Listing)
	}
}
