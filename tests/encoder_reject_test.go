package tests

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
)

// TestEncoderCoreRejects checks that every line go tool asm rejects (found
// with go tool asm when the table was made) is rejected by p9 with exactly
// one error on that line.
func TestEncoderCoreRejects(t *testing.T) {
	data, err := os.ReadFile("testdata/core_reject.s")
	if err != nil {
		t.Fatal(err)
	}
	n, ok := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		n++
		src := fmt.Sprintf("TEXT ·f(SB), 516, $0-0\n\t%s\n", line)
		stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
		if len(errs) == 0 {
			_, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
		}
		switch {
		case len(errs) != 1:
			t.Errorf("%s: want 1 error, got %d: %v", line, len(errs), errs)
		case errs[0].Pos.Line != 2:
			t.Errorf("%s: error on line %d, want 2: %v", line, errs[0].Pos.Line, errs[0])
		default:
			ok++
		}
	}
	t.Logf("%d/%d rejected", ok, n)
}
