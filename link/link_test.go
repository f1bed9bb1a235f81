package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/p9tools/p9/obj"
)

// helloInputs is a two-object program: _rt0_amd64_linux writes a message
// from .rodata (LEA with PC32) and calls (PLT32) main.exit in the other
// object, which exits with status 7.
func helloInputs(t testing.TB) []Input {
	a := newObj("a.s")
	msg := "hello, world\n"
	a.define("msg", obj.Rodata, obj.SymObject, []byte(msg), 0, 1, nil).Local = true
	var code asm
	code.emit(movl(0, 1)...).emit(movl(7, 1)...)
	code.emit(0x48, 0x8d, 0x35).ref(4, elf.R_X86_64_PC32, a.ref("msg"), -4) // LEAQ msg<>(SB), SI (file-local)
	code.emit(movl(2, uint32(len(msg)))...).emit(syscall...)
	code.emit(0xe8).ref(4, elf.R_X86_64_PLT32, a.ref("main.exit"), -4) // CALL main.exit
	code.emit(0xf4)                                                    // HLT
	a.fn("_rt0_amd64_linux", &code)

	b := newObj("b.s")
	var exit asm
	exit.emit(movl(0, 231)...).emit(movl(7, 7)...).emit(syscall...)
	b.fn("main.exit", &exit)
	return []Input{a.input(t, "a.o"), b.input(t, "b.o")}
}

func TestHello(t *testing.T) {
	exe := mustLink(t, helloInputs(t), Options{})
	out, status := run(t, exe)
	if out != "hello, world\n" || status != 7 {
		t.Errorf("got %q, status %d; want \"hello, world\\n\", status 7", out, status)
	}
}

func TestDeterministic(t *testing.T) {
	ins := append(helloInputs(t), tlsInputs(t)...)
	opts := Options{Entry: "main.exit"}
	_, err := Link(ins, opts)
	if err == nil {
		t.Fatal("two definitions of _rt0_amd64_linux linked")
	}
	a := mustLink(t, append(helloInputs(t), dupInputs(t, true)[0]), Options{})
	b := mustLink(t, append(helloInputs(t), dupInputs(t, true)[0]), Options{})
	if !bytes.Equal(a, b) {
		t.Errorf("two links of the same inputs differ")
	}
}

// TestDebugSectionsCompressed: DWARF goes out zlib-compressed, as Go's
// linker writes it, and reads back whole through debug/elf.
func TestDebugSectionsCompressed(t *testing.T) {
	data := bytes.Repeat([]byte("line table bytes "), 200)
	var zc debugCompressor
	z, ok := zc.compress(data, 1)
	if !ok || len(z) >= len(data) {
		t.Fatalf("compressing %d repetitive bytes gave %d bytes (ok %v)", len(data), len(z), ok)
	}
	if _, ok := zc.compress([]byte{1, 2, 3}, 1); ok {
		t.Errorf("a 3-byte section was compressed, though that makes it larger")
	}
	if got := binary.LittleEndian.Uint64(z[8:]); got != uint64(len(data)) {
		t.Errorf("ch_size %d, want %d", got, len(data))
	}
}
