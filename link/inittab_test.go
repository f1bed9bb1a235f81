package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/p9tools/p9/obj"
)

// initInputs is a program whose entry calls every function in
// runtime.inittasks and exits with status 0; each init function appends
// its letter to a buffer that the entry writes out first. The runtime
// object holds a weak fallback table when weak is set.
func initInputs(t *testing.T, weak bool) []Input {
	rt := newObj("rt.s")
	rt.define("runtime.buf", obj.NoptrBss, obj.SymObject, nil, 16, 8, nil)
	rt.define("runtime.n", obj.NoptrBss, obj.SymObject, nil, 8, 8, nil)
	if weak {
		rt.define(InitTableSymbol, obj.Rodata, obj.SymObject, make([]byte, 16), 0, 8, nil).DupOK = true
	}
	var c asm
	c.emit(0x48, 0x8d, 0x1d).ref(4, elf.R_X86_64_PC32, rt.ref(InitTableSymbol), -4) // LEAQ runtime.inittasks(SB), BX
	loop := len(c.b)
	c.emit(0x48, 0x8b, 0x03)       // MOVQ (BX), AX
	c.emit(0x48, 0x85, 0xc0)       // TESTQ AX, AX
	c.emit(0x74, 0x08)             // JEQ done
	c.emit(0xff, 0xd0)             // CALL AX
	c.emit(0x48, 0x83, 0xc3, 0x10) // ADDQ $16, BX
	c.emit(0xeb, byte(loop-(len(c.b)+2)))
	// done: write(1, buf, n); exit(0)
	c.emit(movl(0, 1)...).emit(movl(7, 1)...)
	c.emit(0x48, 0x8d, 0x35).ref(4, elf.R_X86_64_PC32, rt.ref("runtime.buf"), -4) // LEAQ runtime.buf(SB), SI
	c.emit(0x48, 0x8b, 0x15).ref(4, elf.R_X86_64_PC32, rt.ref("runtime.n"), -4)   // MOVQ runtime.n(SB), DX
	c.emit(syscall...)
	c.emit(movl(0, 231)...).emit(movl(7, 0)...).emit(syscall...)
	rt.fn(DefaultEntry, &c)

	// An init function that appends letter to runtime.buf.
	appendFn := func(o *objBuilder, name string, letter byte) {
		var f asm
		f.emit(0x48, 0x8b, 0x0d).ref(4, elf.R_X86_64_PC32, o.ref("runtime.n"), -4)   // MOVQ runtime.n(SB), CX
		f.emit(0x48, 0x8d, 0x15).ref(4, elf.R_X86_64_PC32, o.ref("runtime.buf"), -4) // LEAQ runtime.buf(SB), DX
		f.emit(0xc6, 0x04, 0x0a, letter)                                             // MOVB $letter, (DX)(CX*1)
		f.emit(0x48, 0xff, 0x05).ref(4, elf.R_X86_64_PC32, o.ref("runtime.n"), -4)   // INCQ runtime.n(SB)
		f.emit(0xc3)                                                                 // RET
		o.fn(name, &f)
	}
	a := newObj("a.s")
	appendFn(a, "main.init", 'a')
	appendFn(a, "main.helper", 'x') // not an init function
	b := newObj("b.s")
	appendFn(b, "foo/bar.init", 'b')
	appendFn(b, "zed.init", 'c')
	local := newObj("c.s")
	appendFn(local, "c.init", 'x')
	local.obj.Symbols[len(local.obj.Symbols)-1].Local = true // file-local: not a package init
	return []Input{rt.input(t, "rt.o"), a.input(t, "a.o"), b.input(t, "b.o"), local.input(t, "c.o")}
}

func TestInitTable(t *testing.T) {
	for _, weak := range []bool{false, true} {
		exe := mustLink(t, initInputs(t, weak), Options{})
		f, err := elf.NewFile(bytes.NewReader(exe))
		if err != nil {
			t.Fatal(err)
		}
		syms, _ := f.Symbols()
		addr := map[string]uint64{}
		var table elf.Symbol
		for _, s := range syms {
			addr[s.Name] = s.Value
			if s.Name == InitTableSymbol {
				table = s
			}
		}
		want := []uint64{addr["main.init"], addr["foo/bar.init"], addr["zed.init"], 0}
		wantNames := []string{"main", "foo/bar", "zed"}
		if table.Size != uint64(16*len(want)) {
			t.Fatalf("weak=%v: %s has size %d, want %d", weak, InitTableSymbol, table.Size, 16*len(want))
		}
		// read returns n bytes of the image at address a.
		read := func(a, n uint64) []byte {
			for _, p := range f.Progs {
				if p.Type == elf.PT_LOAD && a >= p.Vaddr && a+n <= p.Vaddr+p.Filesz {
					b := make([]byte, n)
					p.ReadAt(b, int64(a-p.Vaddr))
					return b
				}
			}
			return nil
		}
		b := read(table.Value, table.Size)
		if b == nil {
			t.Fatalf("weak=%v: table not found in a segment", weak)
		}
		for i := range want {
			fn, name := binary.LittleEndian.Uint64(b[16*i:]), binary.LittleEndian.Uint64(b[16*i+8:])
			if fn != want[i] || i < 3 && want[i] == 0 {
				t.Errorf("weak=%v: entry %d is %#x, want %#x", weak, i, fn, want[i])
				continue
			}
			if i == 3 {
				if name != 0 {
					t.Errorf("weak=%v: the last pair's name is %#x, want 0", weak, name)
				}
				continue
			}
			s := read(name, uint64(len(wantNames[i])+1))
			if string(s) != wantNames[i]+"\x00" {
				t.Errorf("weak=%v: entry %d names %q, want %q", weak, i, s, wantNames[i])
			}
		}
		if out, status := run(t, exe); out != "abc" || status != 0 {
			t.Errorf("weak=%v: program printed %q, status %d; want \"abc\", 0", weak, out, status)
		}
	}
}

// TestNoInitTable: a program that never mentions runtime.inittasks gets
// no table.
func TestNoInitTable(t *testing.T) {
	exe := mustLink(t, helloInputs(t), Options{})
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == InitTableSymbol {
			t.Errorf("%s defined in a program that does not use it", InitTableSymbol)
		}
	}
}
