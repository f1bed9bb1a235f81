package link_test

import (
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/link"
)

// slowLink is how long one fuzz input may take to link: the inputs are
// small, so anything near it is a hang.
const slowLink = 5 * time.Second

// fuzzProgram is linked with every fuzz input: it calls main.work, which
// the input may define, and refers to data the input may define.
const fuzzProgram = `#include "textflag.h"
TEXT _rt0_amd64_linux(SB), NOSPLIT|NOFRAME, $0
	CALL main·work(SB)
	MOVQ $60, AX
	MOVQ main·val(SB), DI
	SYSCALL
	RET
`

// fuzzObjectSource is assembled into the seed object the fuzzer mutates.
const fuzzObjectSource = `#include "textflag.h"
DATA msg<>+0(SB)/8, $"corrupt!"
GLOBL msg<>(SB), RODATA|NOPTR, $8
DATA main·val+0(SB)/8, $msg<>(SB)
GLOBL main·val(SB), NOPTR, $8
GLOBL main·tls(SB), TLSBSS, $8
TEXT main·work(SB), $16-0
	MOVQ main·val(SB), AX
	LEAQ msg<>(SB), BX
	MOVQ main·tls(SB), CX
	CMPQ AX, BX
	JNE 2(PC)
	CALL main·helper(SB)
	RET
TEXT main·helper(SB), NOSPLIT, $0
	RET
`

func assemble(t testing.TB, src string) []byte {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.s")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	obj, _, err := driver.AssembleObject([]string{path}, driver.AsmConfig{Pkg: "main", Embedded: true})
	if err != nil {
		t.Fatal(err)
	}
	return obj
}

// FuzzLinkObject links any bytes, as an object, with a small program that
// uses what the object should define: the result must be an executable
// debug/elf reads, or the linker's own errors; never a panic,
// and never a link that takes seconds.
func FuzzLinkObject(f *testing.F) {
	prog := link.Input{Name: "prog.o", Data: assemble(f, fuzzProgram)}
	f.Add(assemble(f, fuzzObjectSource))
	f.Fuzz(func(t *testing.T, data []byte) {
		var exe []byte
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			exe, err = link.Link([]link.Input{prog, {Name: "fuzz.o", Data: data}}, link.Options{})
		}()
		select {
		case <-done:
		case <-time.After(slowLink):
			t.Fatalf("linking a %d-byte object took more than %v", len(data), slowLink)
		}
		if err != nil {
			var le *link.Error
			if !errors.As(err, &le) || err.Error() == "" {
				t.Fatalf("error %q is not the linker's", err)
			}
			return
		}
		if _, err := elf.NewFile(bytes.NewReader(exe)); err != nil {
			t.Fatalf("the executable does not read back: %v", err)
		}
	})
}
