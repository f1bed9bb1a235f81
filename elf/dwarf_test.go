package elf

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"reflect"
	"testing"
)

// TestSPDepths follows Go's prologue and epilogue, and code after a RET
// reached by a forward branch.
func TestSPDepths(t *testing.T) {
	code := []byte{
		0x55,             // 0: PUSHQ BP
		0x48, 0x89, 0xe5, //       1: MOVQ SP, BP
		0x48, 0x83, 0xec, 0x20, // 4: SUBQ $32, SP
		0x74, 0x06, //             8: JEQ 16
		0x48, 0x83, 0xc4, 0x20, // 10: ADDQ $32, SP
		0x5d,       //             14: POPQ BP
		0xc3,       //             15: RET
		0x50,       //             16: PUSHQ AX
		0x58,       //             17: POPQ AX
		0xeb, 0xf6, //             18: JMP 10
	}
	got := spDepths(code)
	want := []spChange{{1, 8}, {8, 40}, {14, 8}, {15, 0}, {16, 40}, {17, 48}, {18, 40}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spDepths = %v, want %v", got, want)
	}
}

// TestDebugInfoReadBack: Go's debug/dwarf reads the compile unit, the
// subprograms and the line table of a written object.
func TestDebugInfoReadBack(t *testing.T) {
	obj := &Object{Source: "dir/f.s"}
	text := obj.Section(Text)
	text.Data = []byte{0x90, 0x90, 0xc3, 0xcc, 0xc3}
	obj.Symbols = []*Symbol{
		{Name: "main.f", Defined: true, Type: SymFunc, Section: Text, Value: 0, Size: 3,
			Lines: []Line{{0, "dir/f.s", 10}, {1, "dir/f.s", 12}, {2, "inc.h", 3}}},
		{Name: "g", Local: true, Defined: true, Type: SymFunc, Section: Text, Value: 4, Size: 1,
			Lines: []Line{{0, "dir/f.s", 20}}},
	}
	b, err := Write(obj)
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	// debug/elf applies the .rela.debug_* relocations: addresses become
	// the symbols' values.
	d, err := f.DWARF()
	if err != nil {
		t.Fatal(err)
	}
	r := d.Reader()
	cu, err := r.Next()
	if err != nil || cu == nil || cu.Tag != dwarf.TagCompileUnit || cu.Val(dwarf.AttrName) != "dir/f.s" {
		t.Fatalf("first entry %+v, %v; want the compile unit dir/f.s", cu, err)
	}
	type fn struct {
		name   string
		lo, hi uint64
	}
	var fns []fn
	for {
		e, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil || e.Tag == 0 {
			break
		}
		lo, _ := e.Val(dwarf.AttrLowpc).(uint64)
		hi, _ := e.Val(dwarf.AttrHighpc).(int64)
		fns = append(fns, fn{e.Val(dwarf.AttrName).(string), lo, lo + uint64(hi)})
	}
	if want := []fn{{"main.f", 0, 3}, {"g", 4, 5}}; !reflect.DeepEqual(fns, want) {
		t.Errorf("subprograms %v, want %v", fns, want)
	}
	lr, err := d.LineReader(cu)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		addr uint64
		file string
		line int
		end  bool
	}
	var rows []row
	var e dwarf.LineEntry
	for lr.Next(&e) == nil {
		rows = append(rows, row{e.Address, e.File.Name, e.Line, e.EndSequence})
	}
	want := []row{
		{0, "dir/f.s", 10, false}, {1, "dir/f.s", 12, false}, {2, "inc.h", 3, false}, {3, "inc.h", 3, true},
		{4, "dir/f.s", 20, false}, {5, "dir/f.s", 20, true},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("line rows %v, want %v", rows, want)
	}
}
