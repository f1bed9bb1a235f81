package link_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// dynlinkLib is a library in Plan 9 assembly, assembled with -dynlink:
// its globals are reached through the GOT, so it links into a shared
// object. bump follows the System V ABI so C can call it.
const dynlinkLib = `#include "textflag.h"

GLOBL ·counter(SB), NOPTR, $8
DATA ·counter+0(SB)/8, $100
GLOBL ·table(SB), NOPTR, $16
DATA ·table+8(SB)/8, $7

// bump(n): counter += n + table[1]; returns the new counter.
TEXT ·bump(SB), NOSPLIT|NOFRAME, $0-0
	MOVQ	$·table+8(SB), CX
	MOVQ	(CX), AX
	ADDQ	DI, AX
	ADDQ	·counter(SB), AX
	MOVQ	AX, ·counter(SB)
	RET
`

// dynlinkMain calls the library's function and reads its variable (a
// copy relocation in the executable, which the library's GOT then points
// at).
const dynlinkMain = `#include <stdio.h>
extern long bump(long) __asm__("lib.bump");
extern long counter __asm__("lib.counter");
int main(void) {
	long a = bump(5);
	long b = bump(1);
	printf("%ld %ld %ld\n", a, b, counter);
	return 0;
}
`

// TestLinkDynlinkSharedLibrary links a -dynlink object into a shared
// library with GNU ld and with lld, and runs a C program that calls it:
// the library's accesses to its globals must go through the GOT slots the
// dynamic linker fills (counter lives in the executable then).
func TestLinkDynlinkSharedLibrary(t *testing.T) {
	testutil.NeedTool(t, "gcc", "readelf")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"lib.s": dynlinkLib, "main.c": dynlinkMain})
	testutil.MustRun(t, dir, "p9as", "-dynlink", "-p", "lib", "-o", "lib.o", "lib.s")
	rel := testutil.MustRun(t, dir, "readelf", "-rW", "lib.o").Stdout
	if n := strings.Count(rel, "R_X86_64_REX_GOTPCRELX"); n != 3 {
		t.Fatalf("lib.o has %d R_X86_64_REX_GOTPCRELX relocations, want 3:\n%s", n, rel)
	}
	for _, linker := range []string{"ld", "ld.lld"} {
		t.Run(linker, func(t *testing.T) {
			if _, err := exec.LookPath(linker); err != nil {
				t.Skipf("%s not installed", linker)
			}
			so := "lib-" + linker + ".so"
			testutil.MustRun(t, dir, linker, "-shared", "-o", so, "lib.o")
			exe := filepath.Join(dir, "main-"+linker)
			testutil.MustRun(t, dir, "gcc", "-o", exe, "main.c", "./"+so, "-Wl,-rpath,"+dir)
			out := testutil.MustRun(t, dir, exe).Stdout
			if out != "112 120 120\n" {
				t.Errorf("printed %q, want %q", out, "112 120 120\n")
			}
		})
	}
}

// codegenDyn is a package assembled with -dynlink -spectre=ret: globals
// and a function's address through the GOT, g through the initial-exec
// TLS model (in its own code and in its stack-split prologue), and an
// indirect call through runtime·retpolineDX.
const codegenDyn = `#include "textflag.h"

GLOBL dyn·counter(SB), NOPTR, $8

// func g() uintptr: the current g.
TEXT dyn·g(SB), NOSPLIT, $0-8
	MOVQ	TLS, CX
	MOVQ	0(CX)(TLS*1), AX
	MOVQ	AX, ret+0(FP)
	RET

// func add(n int64) int64: counter += n, then twice(n); the counter.
TEXT dyn·add(SB), $8-16
	MOVQ	n+0(FP), AX
	ADDQ	AX, dyn·counter(SB)
	MOVQ	$dyn·twice(SB), DX
	MOVQ	AX, 0(SP)
	CALL	DX
	MOVQ	dyn·counter(SB), AX
	MOVQ	AX, ret+8(FP)
	RET

// func twice(n int64): counter += n.
TEXT dyn·twice(SB), NOSPLIT, $0-8
	MOVQ	n+0(FP), AX
	ADDQ	AX, dyn·counter(SB)
	RET
`

// codegenMain checks what dyn computes, and that its g is the runtime's,
// read the usual way (local exec); the exit status says what failed.
const codegenMain = `#include "textflag.h"

TEXT main·main(SB), $24-0
	MOVQ	$21, 0(SP)
	CALL	dyn·add(SB)
	CMPQ	8(SP), $42
	JNE	badsum
	CALL	dyn·g(SB)
	MOVQ	0(SP), AX
	MOVQ	(TLS), BX
	CMPQ	AX, BX
	JNE	badg
	RET
badsum:
	MOVL	$3, 0(SP)
	CALL	runtime·exit(SB)
	RET
badg:
	MOVL	$4, 0(SP)
	CALL	runtime·exit(SB)
	RET
`

// TestLinkP9ldCodegenFlags links an object assembled with -dynlink
// -spectre=ret with p9ld into a static program with the runtime, which
// runs: p9ld relaxes the GOT loads, gives g's offset a GOT slot for
// R_X86_64_GOTTPOFF, and links the retpoline the call needs.
func TestLinkP9ldCodegenFlags(t *testing.T) {
	testutil.NeedTool(t, "readelf")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"dyn.s": codegenDyn, "main.s": codegenMain})
	testutil.MustRun(t, dir, "p9as", "-dynlink", "-spectre=ret", "-p", "dyn", "-o", "dyn.o", "dyn.s")
	rel := testutil.MustRun(t, dir, "readelf", "-rW", "dyn.o").Stdout
	for _, want := range []string{"R_X86_64_REX_GOTPCRELX", "R_X86_64_GOTTPOFF", "runtime.retpolineDX"} {
		if !strings.Contains(rel, want) {
			t.Fatalf("dyn.o has no %s relocation:\n%s", want, rel)
		}
	}
	testutil.MustRun(t, dir, "p9ld", "-o", "prog", "main.s", "dyn.o")
	r := testutil.Run(t, dir, filepath.Join(dir, "prog"))
	if r.Code != 0 {
		t.Fatalf("exit status %d (3: wrong sum, 4: wrong g)\n%s", r.Code, r.Stderr)
	}
}
