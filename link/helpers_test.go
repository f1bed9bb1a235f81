package link

import (
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/obj"
)

// asm accumulates hand-assembled machine code for one function and the
// relocations into it.
type asm struct {
	b      []byte
	relocs []obj.Reloc
}

func (a *asm) emit(b ...byte) *asm { a.b = append(a.b, b...); return a }

// ref emits an n-byte zero field relocated by typ against sym.
func (a *asm) ref(n int, typ elf.R_X86_64, sym *obj.Symbol, addend int64) *asm {
	a.relocs = append(a.relocs, obj.Reloc{Offset: uint64(len(a.b)), Type: uint32(typ), Sym: sym, Addend: addend})
	return a.emit(make([]byte, n)...)
}

// objBuilder makes a p9 object symbol by symbol.
type objBuilder struct {
	obj  *obj.Object
	refs map[string]*obj.Symbol
}

func newObj(source string) *objBuilder {
	return &objBuilder{obj: &obj.Object{Source: source}, refs: map[string]*obj.Symbol{}}
}

// ref returns the symbol named name: a definition made earlier or an
// undefined reference.
func (o *objBuilder) ref(name string) *obj.Symbol {
	for _, s := range o.obj.Symbols {
		if s.Name == name {
			return s
		}
	}
	if s := o.refs[name]; s != nil {
		return s
	}
	s := &obj.Symbol{Name: name}
	o.refs[name] = s
	o.obj.Symbols = append(o.obj.Symbols, s)
	return s
}

// define adds a symbol with contents in section k. A name already used as
// a reference becomes the definition.
func (o *objBuilder) define(name string, k obj.SectionKind, typ obj.SymType, data []byte, size uint64, align uint64, relocs []obj.Reloc) *obj.Symbol {
	sec := o.obj.Section(k)
	sec.Align = max(sec.Align, align)
	off := (sec.Size + align - 1) &^ (align - 1)
	if !k.IsNoBits() {
		for uint64(len(sec.Data)) < off {
			sec.Data = append(sec.Data, 0)
		}
		sec.Data = append(sec.Data, data...)
		size = uint64(len(data))
		for _, r := range relocs {
			r.Offset += off
			sec.Relocs = append(sec.Relocs, r)
		}
	}
	sec.Size = off + size
	s := o.refs[name]
	if s == nil {
		s = &obj.Symbol{Name: name}
		o.obj.Symbols = append(o.obj.Symbols, s)
	}
	delete(o.refs, name)
	s.Defined, s.Type, s.Section, s.Value, s.Size = true, typ, k, off, size
	return s
}

func (o *objBuilder) fn(name string, a *asm) *obj.Symbol {
	return o.define(name, obj.Text, obj.SymFunc, a.b, 0, 16, a.relocs)
}

func (o *objBuilder) input(t testing.TB, name string) Input {
	t.Helper()
	b, err := obj.Write(o.obj)
	if err != nil {
		t.Fatalf("writing %s: %v", name, err)
	}
	return Input{Name: name, Data: b}
}

// run writes an executable to a temporary directory, runs it and returns
// its standard output and exit status.
func run(t *testing.T, exe []byte) (string, int) {
	t.Helper()
	path := writeExe(t, exe)
	var stdout bytes.Buffer
	cmd := exec.Command(path)
	cmd.Stdout = &stdout
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), 0
	case errors.As(err, &ee) && ee.Exited():
		return stdout.String(), ee.ExitCode()
	}
	t.Fatalf("running the linked program: %v", err)
	return "", -1
}

func writeExe(t *testing.T, exe []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prog")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustLink(t *testing.T, inputs []Input, opts Options) []byte {
	t.Helper()
	exe, err := Link(inputs, opts)
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	return exe
}

var syscall = []byte{0x0f, 0x05} // SYSCALL

func movl(reg byte, imm uint32) []byte { // MOVL $imm, reg (AX=0, DX=2, SI=6, DI=7)
	return []byte{0xb8 + reg, byte(imm), byte(imm >> 8), byte(imm >> 16), byte(imm >> 24)}
}
