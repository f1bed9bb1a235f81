package asm_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// gobuildSource is a package file as go build assembles it: it includes
// the go_asm.h the compiler wrote into the work directory, and uses
// globals, g and an indirect call, which -dynlink, -shared and
// -spectre=ret each change.
const gobuildSource = `#include "textflag.h"
#include "go_asm.h"

GLOBL ·v(SB), NOPTR, $8

TEXT ·f(SB), $8-8
	MOVQ	$const_k, AX
	ADDQ	·v(SB), AX
	MOVQ	AX, ret+0(FP)
	MOVQ	$·g(SB), DX
	CALL	DX
	RET

TEXT ·g(SB), NOSPLIT, $0
	RET
`

// TestGoBuildAsmLines runs p9as with command lines as go build -x prints
// them for go tool asm (the symabis pass, then the object with each
// build mode's flags), unchanged but for the program: each must succeed
// and write its output, the symabis file equal to go tool asm's, and the
// object's code equal to go tool asm's given the same flags. Older go
// commands' -compiling-runtime is accepted too.
func TestGoBuildAsmLines(t *testing.T) {
	goroot := testutil.GoRoot(t)
	work := t.TempDir()
	b001 := filepath.Join(work, "b001")
	testutil.WriteFiles(t, work, map[string]string{
		"b001/go_asm.h":    "#define const_k 42\n",
		"pkg/file_amd64.s": gobuildSource,
	})
	pkgDir := filepath.Join(work, "pkg")
	common := []string{"-p", "example.com/pkg", "-trimpath", b001 + "=>;" + pkgDir + "=>example.com/pkg",
		"-I", b001 + "/", "-I", filepath.Join(goroot, "pkg", "include"),
		"-D", "GOOS_linux", "-D", "GOARCH_amd64"}
	lines := [][]string{
		{"-compiling-runtime", "-D", "GOAMD64_v1", "-gensymabis", "-o", b001 + "/symabis"},
		{"-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
		{"-dynlink", "-D=GOBUILDMODE_shared=1", "-linkshared", "-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
		{"-shared", "-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
		{"-spectre=ret", "-D", "GOAMD64_v1", "-e", "-v", "-o", b001 + "/file_amd64.o"},
		{"-spectre=all", "-d", "pctab=pctoline", "-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
		{"-spectre=index", "-S", "-debug", "-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
		{"-d", "maymorestack=runtime.mayMoreStackMove", "-D", "GOAMD64_v1", "-o", b001 + "/file_amd64.o"},
	}
	for _, extra := range lines {
		args := append(append(append([]string(nil), common...), extra...), "./file_amd64.s")
		t.Run(strings.Join(extra[:len(extra)-2], " "), func(t *testing.T) {
			out := extra[len(extra)-1]
			os.Remove(out)
			testutil.MustRun(t, pkgDir, "p9as", args...)
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("no output: %v", err)
			}
			goArgs := []string{"tool", "asm"}
			for _, a := range args {
				if a != "-compiling-runtime" { // Go 1.26's asm no longer takes it
					goArgs = append(goArgs, a)
				}
			}
			goOut := filepath.Join(t.TempDir(), "go.out")
			goArgs[len(goArgs)-2] = goOut
			goCmd := exec.Command("go", goArgs...)
			goCmd.Dir = pkgDir
			if msg, err := goCmd.CombinedOutput(); err != nil {
				t.Fatalf("go tool asm: %v\n%s", err, msg)
			}
			if extra[len(extra)-3] == "-gensymabis" {
				want, _ := os.ReadFile(goOut)
				if string(got) != string(want) {
					t.Errorf("symabis:\n%s\ngo tool asm:\n%s", got, want)
				}
				return
			}
			cmp := append([]string{"--compare-go"}, args[:len(args)-3]...)
			cmp = append(cmp, codegenFlags(extra)...)
			if r := testutil.Run(t, pkgDir, "p9as", append(cmp, "./file_amd64.s")...); r.Code != 0 {
				t.Errorf("differs from go tool asm:\n%s%s", r.Stdout, r.Stderr)
			}
		})
	}
}

// codegenFlags picks from a command line the flags that change code.
func codegenFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if a == "-dynlink" || a == "-shared" || strings.HasPrefix(a, "-spectre") {
			out = append(out, a)
		}
	}
	return out
}
