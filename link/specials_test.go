package link

import (
	"debug/elf"
	"testing"

	"github.com/p9tools/p9/obj"
)

// TestSpecialSymbols: runtime.bss and runtime.ebss, which no object
// defines, bound .bss; the program exits with their difference.
func TestSpecialSymbols(t *testing.T) {
	o := newObj("sp.s")
	o.define("main.a", obj.Bss, obj.SymObject, nil, 40, 8, nil)
	o.define("main.b", obj.Bss, obj.SymObject, nil, 8, 8, nil)
	var c asm
	c.emit(0xbf).ref(4, elf.R_X86_64_32, o.ref("runtime.ebss"), 0)      // MOVL $runtime.ebss, DI
	c.emit(0x81, 0xef).ref(4, elf.R_X86_64_32, o.ref("runtime.bss"), 0) // SUBL $runtime.bss, DI
	c.emit(0x48, 0x8d, 0x05).ref(4, elf.R_X86_64_PC32, o.ref("_end"), -4)
	c.emit(movl(0, 231)...).emit(syscall...)
	o.fn(DefaultEntry, &c)
	exe := mustLink(t, []Input{o.input(t, "sp.o")}, Options{NoGC: true}) // keep the unreferenced .bss
	if _, status := run(t, exe); status != 48 {
		t.Errorf("exit status %d, want 48", status)
	}
}
