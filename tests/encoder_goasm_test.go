package tests

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/internal/goasm"
)

// encSym is one symbol in the shape the conformance tests compare.
type encSym struct {
	name   string
	size   int  // from the header, for data symbols
	bss    bool // a symbol without contents (BSS, NOPTRBSS, TLSBSS)
	bytes  []byte
	relocs []string // "off+size TYPE sym+addend" in ELF terms
}

// encSyms converts goasm symbols (from either assembler) to encSyms.
func encSyms(syms []*goasm.Symbol) map[string]*encSym {
	out := map[string]*encSym{}
	for _, s := range syms {
		e := &encSym{name: s.Name, size: s.Size, bss: s.BSS(), bytes: s.Bytes}
		for _, r := range s.Relocs {
			e.relocs = append(e.relocs, r.String())
		}
		out[s.Name] = e
	}
	return out
}

// encGoAsm assembles src with go tool asm -S and returns its symbols.
func encGoAsm(t *testing.T, src string) map[string]*encSym {
	t.Helper()
	file := filepath.Join(t.TempDir(), "x.s")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	syms, err := encGoAsmFile(t, file, "-p", "main")
	if err != nil {
		t.Fatal(err)
	}
	return syms
}

// encGoAsmFile runs go tool asm -S with the given flags on file.
func encGoAsmFile(t *testing.T, file string, flags ...string) (map[string]*encSym, error) {
	t.Helper()
	syms, err := goasm.Assemble(file, flags...)
	if errors.Is(err, goasm.ErrNoGo) {
		t.Skip("go not found")
	}
	if err != nil {
		return nil, err
	}
	return encSyms(syms), nil
}
