package parser

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestParseFileStream: the batches, put together, are exactly what Parse
// returns, with the same errors.
func TestParseFileStream(t *testing.T) {
	var b strings.Builder
	b.WriteString("#define TWICE(x) x; x\n")
	for i := 0; i < 1000; i++ {
		b.WriteString("TEXT ·f(SB), 4, $0\nloop:\n\tTWICE(NOP)\n\tJMP loop\n")
		if i%300 == 7 {
			b.WriteString("\tMOVQ (AX)(BX*3), CX\n")
		}
		// Operands with many fields set, then with few: a recycled
		// operand that kept a field would show.
		if i%2 == 0 {
			b.WriteString("\tVADDPD.Z x+8(FP)(R9*8), Y1, K2, Y3\n\tMOVQ $sym<ABI0>+16(SB), AX\n\tDATA d<>+8(SB)/8, $1.5\n")
		} else {
			b.WriteString("\tADDQ AX, BX\n\tRET\n")
		}
	}
	path := filepath.Join(t.TempDir(), "big.s")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantErrs := ParseFile(path, Config{})
	for _, pool := range []*BatchPool{nil, NewBatchPool(2)} {
		var got []Stmt
		batches := 0
		memory := map[*Stmt]bool{}
		gotErrs := ParseFileStream(path, Config{}, pool, func(b *Batch) {
			batches++
			memory[&b.Stmts[:1][0]] = true
			// Copy deeply: a recycled batch's memory is parsed into again.
			for _, st := range b.Stmts {
				st.Args = append([]Operand(nil), st.Args...)
				got = append(got, st)
			}
			if pool != nil {
				pool.Put(b)
			}
		})
		if batches < 4 {
			t.Errorf("%d batches for %d statements", batches, len(want))
		}
		if pool != nil && len(memory) != 1 {
			t.Errorf("%d batches in %d pieces of memory, want 1 with a pool", batches, len(memory))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("streamed %d statements (pool %v) differ from Parse's %d", len(got), pool != nil, len(want))
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("first difference, statement %d:\n%+v\nwant\n%+v", i, got[i], want[i])
				}
			}
		}
		if gotErrs.Error() != wantErrs.Error() || len(wantErrs) != 4 {
			t.Errorf("errors:\n%v\nwant:\n%v", gotErrs, wantErrs)
		}
	}
	if errs := ParseFileStream(filepath.Join(t.TempDir(), "missing.s"), Config{}, nil, func(*Batch) { t.Error("emitted") }); len(errs) != 1 {
		t.Errorf("missing file: %v", errs)
	}
}
