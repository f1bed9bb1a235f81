package link

import (
	"bytes"
	"debug/elf"
	"testing"

	"github.com/p9tools/p9/obj"
)

// TestGOT covers the GOT-relative relocations: a plain GOTPCREL load and a
// GOTPCRELX ADD go through a .got slot; GOTPCRELX MOV, CALL and JMP are
// rewritten to use the symbol directly.
func TestGOT(t *testing.T) {
	o := newObj("got.s")
	o.define("main.counter", obj.NoptrData, obj.SymObject, []byte{5, 0, 0, 0}, 0, 4, nil)
	counter := o.ref("main.counter")
	o.fn("main.add1", new(asm).emit(0x83, 0xc7, 0x01, 0xc3))           // ADDL $1, DI; RET
	o.fn("main.exit", new(asm).emit(movl(0, 231)...).emit(syscall...)) // exit_group(DI)
	var c asm
	c.emit(0x48, 0x8b, 0x05).ref(4, elf.R_X86_64_GOTPCREL, counter, -4)       // MOVQ counter@GOT, AX
	c.emit(0x8b, 0x38)                                                        // MOVL (AX), DI
	c.emit(0x31, 0xc0)                                                        // XORL AX, AX
	c.emit(0x48, 0x03, 0x05).ref(4, elf.R_X86_64_REX_GOTPCRELX, counter, -4)  // ADDQ counter@GOT, AX
	c.emit(0x03, 0x38)                                                        // ADDL (AX), DI
	c.emit(0x48, 0x8b, 0x05).ref(4, elf.R_X86_64_REX_GOTPCRELX, counter, -4)  // MOVQ counter@GOT, AX (becomes LEAQ)
	c.emit(0x03, 0x38)                                                        // ADDL (AX), DI
	c.emit(0xff, 0x15).ref(4, elf.R_X86_64_GOTPCRELX, o.ref("main.add1"), -4) // CALL *main.add1@GOT (becomes ADDR32 CALL)
	c.emit(0xff, 0x25).ref(4, elf.R_X86_64_GOTPCRELX, o.ref("main.exit"), -4) // JMP *main.exit@GOT (becomes JMP; NOP)
	o.fn("_rt0_amd64_linux", &c)

	exe := mustLink(t, []Input{o.input(t, "got.o")}, Options{})
	if _, status := run(t, exe); status != 16 {
		t.Errorf("exit status %d, want 16", status)
	}
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	got := f.Section(".got")
	if got == nil || got.Size != 8 {
		t.Fatalf(".got = %+v, want one 8-byte slot", got)
	}
	text, _ := f.Section(".text").Data()
	for _, pat := range [][]byte{{0x03, 0x38, 0x48, 0x8d, 0x05}, {0x67, 0xe8}, {0xe9}} {
		if !bytes.Contains(text, pat) {
			t.Errorf("relaxed code lacks % x:\n% x", pat, text)
		}
	}
}
