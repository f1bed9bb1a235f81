package driver

import (
	"bytes"
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// slowInput is how long one fuzz input may take: inputs are small, so
// anything near this is a hang.
const slowInput = 5 * time.Second

// FuzzAssemble runs any text through the whole of p9as: it must come out
// as an object that debug/elf reads back, or as errors each naming a line
// of the file (or of the runtime header it included), never as a panic.
func FuzzAssemble(f *testing.F) {
	for _, s := range []string{
		"#include \"textflag.h\"\nTEXT ·f(SB),NOSPLIT,$16-8\n\tMOVQ a+0(FP), AX\n\tADDQ $1, AX\n\tMOVQ AX, ret+8(FP)\n\tRET\n",
		"#include \"go_tls.h\"\nTEXT ·g(SB),4,$0\n\tget_tls(CX)\n\tMOVQ g(CX), AX\n\tRET\n",
		"DATA ·x+0(SB)/8, $1\nDATA ·x+8(SB)/4, $\"abcd\"\nGLOBL ·x(SB), 8, $16\n",
		"TEXT ·loop(SB),$0\nl:\n\tDECQ CX\n\tJNE l\n\tJMP 2(PC)\n\tNOP\n\tCALL ·loop(SB)\n\tRET\n",
		"GLOBL ·big(SB), $1<<50\nTEXT ·f(SB),$1<<40-8\n\tRET\n",
		"TEXT ·f(SB),$0\n\tVPADDD Y1, Y2, Y3\n\tMOVOU (AX)(BX*8), X0\n\tLEAQ ·x(SB), DI\n\tRET\n",
		"#define M(a) MOVQ a, AX; ADDQ a, BX\nTEXT ·f(SB),$0\n\tM($1)\n\tM((CX))\n\tRET\n",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "a.s")
	f.Fuzz(func(t *testing.T, src string) {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		var data []byte
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			data, _, err = AssembleObject([]string{path}, AsmConfig{Pkg: "main", Embedded: true})
		}()
		select {
		case <-done:
		case <-time.After(slowInput):
			t.Fatalf("assembling %d bytes took more than %v", len(src), slowInput)
		}
		if err != nil {
			checkPositioned(t, err, path, src)
			return
		}
		if _, err := elf.NewFile(bytes.NewReader(data)); err != nil {
			t.Fatalf("the object does not read back: %v", err)
		}
	})
}

// checkPositioned fails unless every line of err is "file:line: message"
// with a line that exists in src (or in a runtime header).
func checkPositioned(t *testing.T, err error, path, src string) {
	t.Helper()
	nlines := strings.Count(src, "\n") + 1
	for _, l := range strings.Split(err.Error(), "\n") {
		file, rest, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("error without a position: %q", l)
		}
		var line int
		var i int
		for i = 0; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			line = line*10 + int(rest[i]-'0')
		}
		if i == 0 || !strings.HasPrefix(rest[i:], ": ") || len(rest[i:]) == 2 {
			t.Fatalf("error is not file:line: message: %q", l)
		}
		if file == path && (line < 1 || line > nlines) {
			t.Fatalf("error names line %d of a %d-line file: %q", line, nlines, l)
		}
		if file != path && !strings.HasPrefix(file, RuntimeDir+"/") {
			t.Fatalf("error names an unknown file: %q", l)
		}
	}
}
