package x86

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableUpToDate runs the generator with gen.go's go:generate arguments
// and compares its output with the committed table_gen.go, so the table
// never drifts from its sources.
func TestTableUpToDate(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	src, err := os.ReadFile("gen.go")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, l := range strings.Split(string(src), "\n") {
		if d, ok := strings.CutPrefix(l, "//go:generate go "); ok {
			args = strings.Fields(d)
		}
	}
	if len(args) < 2 || args[len(args)-2] != "-o" {
		t.Fatalf("gen.go: no go:generate line ending in -o file: %q", args)
	}
	committed := args[len(args)-1]
	out := filepath.Join(t.TempDir(), "table_gen.go")
	args[len(args)-1] = out
	if msg, err := exec.Command(goBin, args...).CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go generate ./encoder/x86", committed)
	}
}

// formOp returns the Op whose forms include formTable[i].
func formOp(i int) Op {
	for op := Op(1); op < numOps; op++ {
		if e := opTable[op]; i >= int(e.first) && i < int(e.end) {
			return op
		}
	}
	return opNone
}

// TestOpTable checks that opTable is sorted, that its ranges cover
// formTable in order, and that lookupOp finds every mnemonic and nothing
// else.
func TestOpTable(t *testing.T) {
	if opTable[opNone] != (opInfo{}) {
		t.Errorf("opTable[opNone] = %+v, want zero", opTable[opNone])
	}
	next := 0
	for op := Op(1); op < numOps; op++ {
		e := opTable[op]
		if op > 1 && e.name <= opTable[op-1].name {
			t.Errorf("opTable not sorted at %s", e.name)
		}
		if int(e.first) != next || e.end <= e.first {
			t.Errorf("%s: forms [%d, %d), want from %d", e.name, e.first, e.end, next)
		}
		next = int(e.end)
		if got := lookupOp(e.name); got != op {
			t.Errorf("lookupOp(%s) = %d, want %d", e.name, got, op)
		}
		if op.String() != e.name || len(formsOf(e.name)) != int(e.end-e.first) {
			t.Errorf("%s: String %q, %d forms", e.name, op.String(), len(formsOf(e.name)))
		}
	}
	if next != len(formTable) {
		t.Errorf("opTable covers %d of %d forms", next, len(formTable))
	}
	if numOps < 1000 {
		t.Errorf("only %d mnemonics in the table", numOps-1)
	}
	for _, name := range []string{"", "MOV", "ADDX", "addq", "AAA", "ZZZZ", "VPADDDX", "TEXT", "RET sym", "\x00", "\xff", "ADCB\x00", "VGF2P8AFFINEINVQBX"} {
		if op := lookupOp(name); op != opNone || formsOf(name) != nil {
			t.Errorf("lookupOp(%q) = %v; want none", name, op)
		}
	}
}

// TestFormsWellFormed checks what the encoder relies on in every form:
// operand positions inside the operand list, classes it knows, and an
// opcode.
func TestFormsWellFormed(t *testing.T) {
	for i := range formTable {
		f := &formTable[i]
		bad := f.nop == 0 || int(f.nop) > len(f.op) || int(f.nprefix) > len(f.prefix) || int(f.nargs) > len(f.argv) ||
			f.digit < -2 || f.digit > 7 || f.imm < 0 || (f.plusR && f.regArg < 0)
		for _, p := range []int8{f.regArg, f.rmArg, f.immArg, f.vArg, f.is4Arg, f.kArg} {
			bad = bad || p < -1 || p >= int8(f.nargs)
		}
		for j, c := range f.argv {
			bad = bad || c >= numClasses || (j < int(f.nargs)) == (c == cNone)
		}
		if bad {
			t.Errorf("%s: malformed form %+v", formOp(i), *f)
		}
	}
}
