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
	}
	path := filepath.Join(t.TempDir(), "big.s")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantErrs := ParseFile(path, Config{})
	var got []Stmt
	batches := 0
	gotErrs := ParseFileStream(path, Config{}, func(s []Stmt) {
		batches++
		got = append(got, s...)
	})
	if batches < 2 {
		t.Errorf("%d batches for %d statements", batches, len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streamed %d statements differ from Parse's %d", len(got), len(want))
	}
	if gotErrs.Error() != wantErrs.Error() || len(wantErrs) != 4 {
		t.Errorf("errors:\n%v\nwant:\n%v", gotErrs, wantErrs)
	}
	if errs := ParseFileStream(filepath.Join(t.TempDir(), "missing.s"), Config{}, func([]Stmt) { t.Error("emitted") }); len(errs) != 1 {
		t.Errorf("missing file: %v", errs)
	}
}
