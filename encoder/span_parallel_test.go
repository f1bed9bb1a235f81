package encoder

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// TestParallelSpan: a function large enough to be encoded by several
// goroutines comes out exactly as with one, errors included and in order.
func TestParallelSpan(t *testing.T) {
	var b strings.Builder
	b.WriteString("TEXT ·big(SB), 4, $0\n")
	ops := []string{"MOVQ AX, BX", "ADDQ $1, CX", "VPADDD Y1, Y2, Y3", "LEAQ 8(SP)(R12*4), R9", "VADDPD.Z Z1, Z2, K1, Z3", "JMP l%d", "l%d: NOP"}
	for i := 0; i < 6000; i++ {
		op := ops[i%len(ops)]
		if strings.Contains(op, "%d") {
			op = fmt.Sprintf(op, i/len(ops))
		}
		b.WriteString("\t" + op + "\n")
	}
	b.WriteString("\tRET\n")
	good := b.String()
	bad := strings.Replace(good, "\tADDQ $1, CX\n", "\tADDQ $1, $2\n", 3)

	assemble := func(src string, procs int) (string, string) {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		stmts, perrs := parser.Parse("big.s", []byte(src), parser.Config{})
		if len(perrs) > 0 {
			t.Fatal(perrs)
		}
		res, errs := Assemble(stmts, "big.s", Options{NoListing: true})
		if res == nil {
			return "", errs.Error()
		}
		return string(res.Object.Sections[0].Data), ""
	}
	one, _ := assemble(good, 1)
	two, _ := assemble(good, 2)
	if one == "" || !bytes.Equal([]byte(one), []byte(two)) {
		t.Errorf("parallel encoding differs: %d vs %d bytes", len(one), len(two))
	}
	_, e1 := assemble(bad, 1)
	_, e2 := assemble(bad, 2)
	if e1 == "" || e1 != e2 || strings.Count(e2, "\n") != 2 {
		t.Errorf("errors differ or are missing:\n%s\n--- versus ---\n%s", e1, e2)
	}
}
