package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/p9tools/p9/obj"
)

// tlsInputs: the program points FS just past a 16-byte buffer with
// arch_prctl(ARCH_SET_FS), stores 42 through runtime.tlsg@tpoff, reads it
// back through FS and directly from buf+8, and exits with their sum. With
// TPOFF32 resolved to -8 the status is 84.
func tlsInputs(t testing.TB) []Input {
	o := newObj("tls.s")
	o.define("main.buf", obj.Bss, obj.SymObject, nil, 16, 16, nil)
	o.define("runtime.tlsg", obj.TLSBss, obj.SymTLS, nil, 8, 8, nil)
	tlsg, buf := o.ref("runtime.tlsg"), o.ref("main.buf")
	var c asm
	c.emit(movl(0, 158)...).emit(movl(7, 0x1002)...)
	c.emit(0x48, 0x8d, 0x35).ref(4, elf.R_X86_64_PC32, buf, 16-4) // LEAQ main.buf+16(SB), SI
	c.emit(syscall...)
	c.emit(0x64, 0x48, 0xc7, 0x04, 0x25).ref(4, elf.R_X86_64_TPOFF32, tlsg, 0).emit(42, 0, 0, 0) // MOVQ $42, FS:tlsg
	c.emit(0x64, 0x48, 0x8b, 0x04, 0x25).ref(4, elf.R_X86_64_TPOFF32, tlsg, 0)                   // MOVQ FS:tlsg, AX
	c.emit(0x48, 0x8b, 0x3d).ref(4, elf.R_X86_64_PC32, buf, 8-4)                                 // MOVQ main.buf+8(SB), DI
	c.emit(0x48, 0x01, 0xc7)                                                                     // ADDQ AX, DI
	c.emit(movl(0, 231)...).emit(syscall...)
	o.fn("_rt0_amd64_linux", &c)
	return []Input{o.input(t, "tls.o")}
}

func TestTLS(t *testing.T) {
	exe := mustLink(t, tlsInputs(t), Options{})
	if _, status := run(t, exe); status != 84 {
		t.Errorf("exit status %d, want 84", status)
	}
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	var tls *elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_TLS {
			tls = p
		}
	}
	if tls == nil || tls.Memsz != 8 || tls.Filesz != 0 || tls.Align != 8 {
		t.Fatalf("PT_TLS = %+v, want memsz 8, filesz 0, align 8", tls)
	}
	if s := f.Section(".tbss"); s == nil || s.Addr != tls.Vaddr || s.Type != elf.SHT_NOBITS || s.Flags&elf.SHF_TLS == 0 {
		t.Errorf(".tbss section header = %+v", s)
	}
	// Both TPOFF32 fields hold -8.
	text := f.Section(".text")
	code, _ := text.Data()
	for _, pat := range [][]byte{{0x64, 0x48, 0xc7, 0x04, 0x25}, {0x64, 0x48, 0x8b, 0x04, 0x25}} {
		i := bytes.Index(code, pat)
		if i < 0 {
			t.Fatalf("instruction % x not found", pat)
		}
		if got := int32(binary.LittleEndian.Uint32(code[i+5:])); got != -8 {
			t.Errorf("after % x: TPOFF32 = %d, want -8", pat, got)
		}
	}
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == "runtime.tlsg" && (elf.ST_TYPE(s.Info) != elf.STT_TLS || s.Value != 0 || s.Size != 8) {
			t.Errorf("runtime.tlsg symbol = %+v, want STT_TLS at template offset 0, size 8", s)
		}
	}
}
