package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPartsMatchWhole: ParseFileParts hands over, part by part, the
// statements and errors ParseFile returns, for the golden files and for
// a file whose functions are longer than a part, with errors in them.
func TestPartsMatchWhole(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.s"))
	var b strings.Builder
	for fn := 0; fn < 3; fn++ {
		fmt.Fprintf(&b, "TEXT ·f%d(SB), $16-8\n", fn)
		for i := 0; i < 2*flushStmts+100; i++ {
			switch i % 7 {
			case 0:
				fmt.Fprintf(&b, "l%d:\n", i)
			case 1:
				b.WriteString("\tVPADDD.Z 8(R11)(R9*4), Y1, K2, Y3; WORD $0x1234\n")
			case 2:
				fmt.Fprintf(&b, "\tJNE l%d\n", i-2)
			case 3:
				if i%300 == 3 {
					b.WriteString("\tMOVQ $AX, BX\n") // an error
				}
			default:
				fmt.Fprintf(&b, "\tMOVQ a+%d(FP), AX\n", 8*(i%2))
			}
		}
		b.WriteString("\tRET\n")
	}
	b.WriteString("DATA ·d+0(SB)/8, $1\nGLOBL ·d(SB), 8, $8\n")
	long := filepath.Join(t.TempDir(), "long.s")
	if err := os.WriteFile(long, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, long) {
		cfg := Config{IncludeDirs: []string{filepath.Join("testdata", "inc")}, Defines: []string{"GOOS_linux"}}
		stmts, errs := ParseFile(f, cfg)
		want := listing(stmts) + errText(errs)
		var got strings.Builder
		parts := 0
		errs = ParseFileParts(f, cfg, func(part []Stmt) {
			parts++
			if len(part) > flushStmts+1 {
				t.Errorf("%s: a part of %d statements, more than %d", f, len(part), flushStmts+1)
			}
			for i, st := range part {
				if st.Op == "TEXT" && i > 0 {
					t.Errorf("%s: TEXT at %s is not the first statement of its part", f, st.Pos)
				}
			}
			got.WriteString(listing(part))
		})
		got.WriteString(errText(errs))
		if got.String() != want {
			t.Errorf("%s: the parts differ from the whole:\n%s\nwant\n%s", f, got.String(), want)
		}
		if f == long && parts < 6 {
			t.Errorf("%s: %d parts, want at least 6", f, parts)
		}
	}
}
