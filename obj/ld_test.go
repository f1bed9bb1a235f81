package obj

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGNULdLinks links two written objects with GNU ld and runs the result:
// _start calls (PLT32) a function in the other object that loads its exit
// status from .data (PC32) and exits. A TLS load that never runs checks
// that ld resolves TPOFF32 against an 8-byte .tbss symbol to -8.
func TestGNULdLinks(t *testing.T) {
	if _, err := exec.LookPath("ld"); err != nil {
		t.Skip("GNU ld not installed")
	}
	exit := &Symbol{Name: "main.exit"}
	var a code
	a.emit(0xe8) // CALL main.exit
	a.ref(4, elf.R_X86_64_PLT32, exit, -4)
	a.emit(0xf4) // HLT
	start := &Symbol{Name: "_start", Defined: true, Type: SymFunc, Section: Text, Size: uint64(len(a.b))}
	objA := &Object{Source: "a.s", Symbols: []*Symbol{start, exit}}
	ta := objA.Section(Text)
	ta.Data, ta.Relocs = a.b, a.relocs

	status := &Symbol{Name: "status<>", Local: true, Defined: true, Type: SymObject, Section: NoptrData, Size: 4}
	tlsg := &Symbol{Name: "runtime.tlsg", Defined: true, Type: SymTLS, Section: TLSBss, Size: 8}
	var b code
	b.emit(0x8b, 0x3d) // MOVL status<>(SB), DI
	b.ref(4, elf.R_X86_64_PC32, status, -4)
	b.emit(0xb8, 231, 0, 0, 0) // MOVL $231, AX (exit_group)
	b.emit(0x0f, 0x05)         // SYSCALL
	tlsAt := len(b.b)
	b.emit(0x64, 0x48, 0x8b, 0x04, 0x25) // MOVQ FS:runtime.tlsg@tpoff, AX
	b.ref(4, elf.R_X86_64_TPOFF32, tlsg, 0)
	exitDef := &Symbol{Name: "main.exit", Defined: true, Type: SymFunc, Section: Text, Size: uint64(len(b.b))}
	objB := &Object{Source: "b.s", Symbols: []*Symbol{exitDef, status, tlsg}}
	tb := objB.Section(Text)
	tb.Data, tb.Relocs = b.b, b.relocs
	nd := objB.Section(NoptrData)
	nd.Data, nd.Size, nd.Align = []byte{42, 0, 0, 0}, 4, 4
	tbss := objB.Section(TLSBss)
	tbss.Size, tbss.Align = 8, 8

	dir := t.TempDir()
	pa, pb, exe := filepath.Join(dir, "a.o"), filepath.Join(dir, "b.o"), filepath.Join(dir, "prog")
	for p, o := range map[string]*Object{pa: objA, pb: objB} {
		if err := os.WriteFile(p, mustWrite(t, o), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stderr bytes.Buffer
	ld := exec.Command("ld", "-static", "-e", "_start", "-o", exe, pa, pb)
	ld.Stderr = &stderr
	if err := ld.Run(); err != nil {
		t.Fatalf("ld: %v\n%s", err, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("ld warns:\n%s", stderr.String())
	}

	err := exec.Command(exe).Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 42 {
		t.Fatalf("run: %v, want exit status 42", err)
	}

	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, _ := f.Symbols()
	var exitAddr uint64
	for _, s := range syms {
		if s.Name == "main.exit" {
			exitAddr = s.Value
		}
	}
	text := f.Section(".text")
	data, _ := text.Data()
	field := exitAddr - text.Addr + uint64(tlsAt) + 5
	if got := int32(binary.LittleEndian.Uint32(data[field:])); got != -8 {
		t.Errorf("TPOFF32 resolved to %d, want -8", got)
	}
}
