package link

import (
	"bytes"
	"debug/elf"
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/obj"
)

// symbolNames returns the names in an executable's symbol table.
func symbolNames(t *testing.T, exe []byte) map[string]bool {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range syms {
		names[s.Name] = true
	}
	return names
}

// TestDeadCodeSymbols: in p9 objects each function and data symbol is
// kept or dropped on its own.
func TestDeadCodeSymbols(t *testing.T) {
	o := newObj("gc.s")
	o.define("main.used", obj.NoptrData, obj.SymObject, []byte{3, 0, 0, 0}, 0, 4, nil)
	o.define("main.unusedData", obj.NoptrData, obj.SymObject, []byte{9, 0, 0, 0}, 0, 4, nil)
	o.fn("main.unused", new(asm).emit(0x8b, 0x05).ref(4, elf.R_X86_64_PC32, o.ref("main.unusedData"), -4).emit(0xc3))
	o.fn(DefaultEntry, exitWithValueOf(o.ref("main.used")))
	o.fn("main.alsoUnused", new(asm).emit(0xc3))
	in := []Input{o.input(t, "gc.o")}

	exe := mustLink(t, in, Options{})
	if _, status := run(t, exe); status != 3 {
		t.Errorf("exit status %d, want 3", status)
	}
	names := symbolNames(t, exe)
	for name, want := range map[string]bool{"main.used": true, DefaultEntry: true,
		"main.unused": false, "main.unusedData": false, "main.alsoUnused": false} {
		if names[name] != want {
			t.Errorf("%s in the output: %v, want %v", name, names[name], want)
		}
	}
	all := symbolNames(t, mustLink(t, in, Options{NoGC: true}))
	for _, name := range []string{"main.unused", "main.unusedData", "main.alsoUnused"} {
		if !all[name] {
			t.Errorf("NoGC dropped %s", name)
		}
	}
}

// TestDeadCodeSections: a GNU as object is kept or dropped a section at a
// time: an unreferenced function sharing a used section stays.
func TestDeadCodeSections(t *testing.T) {
	needTools(t, "as")
	dir := t.TempDir()
	src := filepath.Join(dir, "f.s")
	err := os.WriteFile(src, []byte(`
	.section .text.used,"ax",@progbits
	.globl as_used
as_used:
	movl $4, %eax
	ret
	.globl as_neighbour
as_neighbour:
	ret
	.section .text.unused,"ax",@progbits
	.globl as_unused
as_unused:
	ret
	.section .note.GNU-stack,"",@progbits
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	obj := filepath.Join(dir, "f.o")
	tool(t, "as", "--64", "-o", obj, src)
	data, err := os.ReadFile(obj)
	if err != nil {
		t.Fatal(err)
	}
	o := newObj("main.s")
	var c asm
	c.emit(0xe8).ref(4, elf.R_X86_64_PLT32, o.ref("as_used"), -4) // CALL as_used
	c.emit(0x89, 0xc7).emit(movl(0, 231)...).emit(syscall...)     // exit(AX)
	o.fn(DefaultEntry, &c)
	exe := mustLink(t, []Input{o.input(t, "main.o"), {Name: "f.o", Data: data}}, Options{})
	if _, status := run(t, exe); status != 4 {
		t.Errorf("exit status %d, want 4", status)
	}
	names := symbolNames(t, exe)
	if !names["as_used"] || !names["as_neighbour"] || names["as_unused"] {
		t.Errorf("as_used %v, as_neighbour %v, as_unused %v; want true, true, false",
			names["as_used"], names["as_neighbour"], names["as_unused"])
	}
}

// TestDeadCodeDupOK: of two DUPOK definitions the one not chosen is
// dropped.
func TestDeadCodeDupOK(t *testing.T) {
	exe := mustLink(t, dupInputs(t, true), Options{})
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	var data uint64
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC != 0 && s.Flags&elf.SHF_WRITE != 0 && s.Type == elf.SHT_PROGBITS {
			data += s.Size
		}
	}
	if data != 4 {
		t.Errorf("%d bytes of data, want 4: one copy of main.val", data)
	}
}
