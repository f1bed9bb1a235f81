package parser

import (
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// every error it reports has a position.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"TEXT ·f(SB),NOSPLIT,$0-8\n\tMOVQ a+0(FP), AX\n\tRET\n",
		"#define F(a,b) MOVQ a, b; \\\n ADDQ $1, b\n\tF(AX, (BX))\n",
		"#ifdef X\n#else\n#endif\n#include \"a.s\"\n",
		"\tVADDPD.RU_SAE.Z Z1, Z2, K1, Z3\n\tVP4DPWSSD Z5, [Z10-Z13], (AX)\n",
		"\tMOVQ $(-64*1024+104)(SP)(AX*8), CX\n\tDATA x<>+8(SB)/8, $\"ab\\n\"\n",
		"l: JMP l; JMP 2(PC); MOVSD $(-1.5), X0 /* c\n */ MOVQ $'a', AX",
		"#define A A\n A\n#define B(x) B(x)\n B(1)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		files := map[string]string{"a.s": src, "b.h": src}
		stmts, errs := ParseFile("a.s", Config{ReadFile: memFS(files), Defines: []string{"X=1"}})
		for _, e := range errs {
			if e.Pos.File == "" || e.Msg == "" {
				t.Errorf("error without position or message: %q", e.Error())
			}
		}
		for _, s := range stmts {
			if s.Pos.File == "" || s.Pos.Line <= 0 {
				t.Errorf("statement without position: %+v", s)
			}
			for _, a := range s.Args {
				_ = a.String()
			}
		}
	})
}
