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
		"main.f STEXT size=16 args=0x8 locals=0x8\n",
		"\t0x0000 00000 (x.s:1)\tTEXT\tmain.f(SB), NOSPLIT, $8-8\n",
		// The frame is saved because of the CALL.
		"\t0x0000 00000 (x.s:1)\tPUSHQ\tBP\n",
		"\t0x0004 00004 (x.s:2)\tMOVQ\tx+16(FP), AX\n",
		"\t0x0000 55 48 89 e5 48 8b 44 24 10 e8 00 00 00 00 5d c3  UH..H.D$......].",
		"\trel 10+4 t=R_X86_64_PLT32 main.g-4\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks %q:\n%s", want, out)
		}
	}
	if len(res.Listing) != 6 || res.Listing[3].Offset != 9 {
		t.Errorf("listing entries %+v", res.Listing)
	}
}
