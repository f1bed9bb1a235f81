package asm_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestSymABIsCorpus writes the symbol-ABI file of every standard-library
// amd64 file with go tool asm -gensymabis and with p9's, given the flags
// go build gives: the two must be equal byte for byte.
func TestSymABIsCorpus(t *testing.T) {
	goBin, files := goCorpus(t)
	dir := t.TempDir()
	var mu sync.Mutex
	same, lines := 0, 0
	testutil.ParallelRuns(len(files), func(i int) {
		f := files[i]
		out := filepath.Join(dir, filepath.Base(f.Path)+".abis")
		args := append([]string{"tool", "asm", "-gensymabis", "-o", out}, f.goFlags()...)
		if msg, err := exec.Command(goBin, append(args, f.Path)...).CombinedOutput(); err != nil {
			t.Errorf("%s: go tool asm: %v\n%s", f.Path, err, msg)
			return
		}
		want, _ := os.ReadFile(out)
		got, err := driver.SymABIs([]string{f.Path}, driver.AsmConfig{Pkg: f.Pkg, IncludeDirs: f.Includes, Defines: f.Defines})
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			t.Errorf("%s: %v", f.Path, err)
		case !bytes.Equal(got, want):
			t.Errorf("%s: symabis differ:\np9:\n%s\ngo tool asm:\n%s", f.Path, got, want)
		default:
			same++
			lines += bytes.Count(want, []byte("\n"))
		}
	})
	t.Logf("%d of %d files' symabis identical (%d lines)", same, len(files), lines)
}

// TestSymABIsCommand runs p9as -gensymabis as go build runs go tool asm:
// the file p9as writes to -o is go tool asm's.
func TestSymABIsCommand(t *testing.T) {
	src := filepath.Join(t.TempDir(), "a.s")
	os.WriteFile(src, []byte(symabisSample), 0o644)
	want := filepath.Join(t.TempDir(), "want")
	if msg, err := exec.Command("go", "tool", "asm", "-p", "ex.com/a.b", "-gensymabis", "-o", want, src).CombinedOutput(); err != nil {
		t.Skipf("go tool asm: %v\n%s", err, msg)
	}
	got := filepath.Join(t.TempDir(), "got")
	if r := testutil.Run(t, "", "p9as", "-p", "ex.com/a.b", "-gensymabis", "-o", got, src); r.Code != 0 {
		t.Fatalf("p9as: %s", r.Stderr)
	}
	w, _ := os.ReadFile(want)
	g, _ := os.ReadFile(got)
	if !bytes.Equal(g, w) {
		t.Errorf("p9as wrote\n%s\ngo tool asm\n%s", g, w)
	}
}

// symabisSample has every shape -gensymabis tells apart: definitions,
// references with and without offsets, the forms Go does not take as a
// function's address (an expression offset, a negative one, an index, a
// file-local symbol), and package paths that need escaping.
const symabisSample = `GLOBL ·data(SB), 8, $8
DATA ·data+0(SB)/8, $·f(SB)
TEXT ·f(SB), 4, $0-8
	CALL runtime·foo(SB)
	CALL bar<ABIInternal>(SB)
	JMP loc<>(SB)
	MOVQ $x(SB), AX
	MOVQ x+8(SB), AX
	MOVQ x-8(SB), AX
	MOVQ x+(8)(SB), AX
	MOVQ x+8*2(SB), AX
	MOVQ x(SB)(AX*8), AX
	FUNCDATA $1, ·data(SB)
	PCDATA $1, $0
	RET
`
