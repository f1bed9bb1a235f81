package obj

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
	want := []SPDepth{{1, 8}, {8, 40}, {14, 8}, {15, 0}, {16, 40}, {17, 48}, {18, 40}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spDepths = %v, want %v", got, want)
	}
}

// TestDebugInfoReadBack: Go's debug/dwarf reads the compile unit, the
// subprograms and the line table of a written object.
func TestDebugInfoReadBack(t *testing.T) {
	obj := &Object{Source: "dir/f.s"}
	text := obj.Section(Text)
	text.Data = append([]byte{0x90, 0x90, 0xc3, 0xcc, 0xc3}, bytes.Repeat([]byte{0x90}, 59)...)
	// h's rows take the line program's other paths: a line far back or
	// ahead, code far ahead, as well as the small steps a special opcode
	// holds.
	obj.Symbols = []*Symbol{
		{Name: "main.f", Defined: true, Type: SymFunc, Section: Text, Value: 0, Size: 3,
			Lines: []Line{{"dir/f.s", 0, 10}, {"dir/f.s", 1, 12}, {"inc.h", 2, 3}}},
		{Name: "g", Local: true, Defined: true, Type: SymFunc, Section: Text, Value: 4, Size: 1,
			Lines: []Line{{"dir/f.s", 0, 20}}},
		{Name: "h", Local: true, Defined: true, Type: SymFunc, Section: Text, Value: 5, Size: 59,
			Lines: []Line{{"dir/f.s", 0, 30}, {"dir/f.s", 1, 29}, {"dir/f.s", 2, 500}, {"dir/f.s", 3, 10},
				{"dir/f.s", 40, 11}, {"dir/f.s", 57, 19}}},
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
	if want := []fn{{"main.f", 0, 3}, {"g", 4, 5}, {"h", 5, 64}}; !reflect.DeepEqual(fns, want) {
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
		{5, "dir/f.s", 30, false}, {6, "dir/f.s", 29, false}, {7, "dir/f.s", 500, false}, {8, "dir/f.s", 10, false},
		{45, "dir/f.s", 11, false}, {62, "dir/f.s", 19, false}, {64, "dir/f.s", 19, true},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("line rows %v, want %v", rows, want)
	}
}

// TestFrameFromSP: an assembler's SP description, when given, is what the
// FDE encodes; otherwise the code is followed.
func TestFrameFromSP(t *testing.T) {
	for _, given := range []bool{false, true} {
		obj := &Object{Source: "f.s"}
		obj.Section(Text).Data = []byte{0x55, 0x90, 0x90, 0x5d, 0xc3} // PUSHQ BP; NOP; NOP; POPQ BP; RET
		fn := &Symbol{Name: "main.f", Defined: true, Type: SymFunc, Section: Text, Size: 5}
		if given {
			fn.SP = []SPDepth{{2, 24}}
		}
		obj.Symbols = []*Symbol{fn}
		b, err := Write(obj)
		if err != nil {
			t.Fatal(err)
		}
		f, err := elf.NewFile(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		frame, err := f.Section(".debug_frame").Data()
		if err != nil {
			t.Fatal(err)
		}
		// The FDE follows the 24-byte CIE: length, CIE pointer, address,
		// range, then the instructions.
		insns := frame[24+4+4+8+8:]
		want := []byte{0x41, 0x0e, 16, 0x43, 0x0e, 8} // at 1: CFA+16; at 4: CFA+8
		if given {
			want = []byte{0x42, 0x0e, 32} // at 2: CFA+32
		}
		if !bytes.HasPrefix(insns, want) {
			t.Errorf("given %v: FDE instructions % x, want % x first", given, insns, want)
		}
	}
}

// TestPrologueEnd: the line after a prologue that moves SP is marked as
// the prologue's end; a function whose first line leaves SP alone has no
// mark.
func TestPrologueEnd(t *testing.T) {
	for _, frame := range []bool{true, false} {
		obj := &Object{Source: "f.s"}
		code := []byte{0x90, 0x90, 0x90, 0xc3}
		if frame {
			code = []byte{0x55, 0x90, 0x5d, 0xc3} // PUSHQ BP; NOP; POPQ BP; RET
		}
		obj.Section(Text).Data = code
		obj.Symbols = []*Symbol{{Name: "main.f", Defined: true, Type: SymFunc, Section: Text, Size: 4,
			Lines: []Line{{"f.s", 0, 10}, {"f.s", 1, 11}, {"f.s", 2, 12}}}}
		b, err := Write(obj)
		if err != nil {
			t.Fatal(err)
		}
		f, err := elf.NewFile(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		d, err := f.DWARF()
		if err != nil {
			t.Fatal(err)
		}
		cu, _ := d.Reader().Next()
		lr, err := d.LineReader(cu)
		if err != nil {
			t.Fatal(err)
		}
		var marked []int
		var e dwarf.LineEntry
		for lr.Next(&e) == nil {
			if e.PrologueEnd {
				marked = append(marked, e.Line)
			}
		}
		want := []int(nil)
		if frame {
			want = []int{11}
		}
		if !reflect.DeepEqual(marked, want) {
			t.Errorf("frame %v: prologue end marked at lines %v, want %v", frame, marked, want)
		}
	}
}
