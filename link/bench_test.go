package link

import (
	"debug/elf"
	"fmt"
	"testing"

	"github.com/p9tools/p9/obj"
)

// benchInputs makes nobj objects of nfn functions each. Every function
// calls a function of the next object and loads a data word, so the link
// resolves many globals and applies many relocations.
func benchInputs(b *testing.B, nobj, nfn int) ([]Input, int) {
	var ins []Input
	total := 0
	for i := 0; i < nobj; i++ {
		o := newObj(fmt.Sprintf("o%d.s", i))
		o.define(fmt.Sprintf("pkg%d.data", i), obj.Data, obj.SymObject, make([]byte, 256), 0, 8, nil)
		for j := 0; j < nfn; j++ {
			var c asm
			for k := 0; k < 4; k++ {
				c.emit(0xe8).ref(4, elf.R_X86_64_PLT32, o.ref(fmt.Sprintf("pkg%d.f%d", (i+1)%nobj, (j+k)%nfn)), -4)
				c.emit(0x48, 0x8b, 0x05).ref(4, elf.R_X86_64_PC32, o.ref(fmt.Sprintf("pkg%d.data", i)), int64(8*k-4))
			}
			c.emit(make([]byte, 40)...) // filler: NOPs would do as well
			c.emit(0xc3)
			o.fn(fmt.Sprintf("pkg%d.f%d", i, j), &c)
		}
		if i == 0 {
			// The entry reaches every function, so dead-code elimination
			// keeps them all.
			var e asm
			e.emit(0xe8).ref(4, elf.R_X86_64_PLT32, o.ref("pkg0.f0"), -4).emit(0xc3)
			o.fn(DefaultEntry, &e)
		}
		in := o.input(b, fmt.Sprintf("o%d.o", i))
		total += len(in.Data)
		ins = append(ins, in)
	}
	return ins, total
}

func BenchmarkLink(b *testing.B) {
	ins, total := benchInputs(b, 40, 40)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Link(ins, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
