package link_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// ldPrinter is a TEXT symbol that writes msg (1 to 8 bytes) to standard
// output.
func ldPrinter(name, msg string) string {
	return fmt.Sprintf(`
DATA %[1]s_msg<>+0(SB)/%[3]d, $%[2]q
GLOBL %[1]s_msg<>(SB), RODATA|NOPTR, $8

TEXT %[1]s(SB), NOSPLIT, $32-0
	MOVQ	$1, 0(SP)
	LEAQ	%[1]s_msg<>(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$%[3]d, 16(SP)
	CALL	runtime·write(SB)
	RET
`, name, msg, len(msg))
}

// TestLinkerInitTable: p9ld's runtime.inittasks runs every package's init
// function, in input order, before main.main; GNU ld keeps the runtime's
// weak empty table, so the same objects link and run without them.
func TestLinkerInitTable(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"a.s": `#include "textflag.h"` + ldPrinter("main·init", "init a\n") + ldPrinter("main·main", "main\n"),
		"b.s": `#include "textflag.h"` + ldPrinter("foo∕bar·init", "init b\n") + ldPrinter("foo∕bar·helper", "no\n"),
	})
	testutil.MustRun(t, dir, "p9ld", "-o", "prog", "a.s", "b.s")
	if r := testutil.MustRun(t, dir, filepath.Join(dir, "prog")); r.Stdout != "init a\ninit b\nmain\n" {
		t.Errorf("p9ld's program printed %q, want inits in input order, then main", r.Stdout)
	}
	testutil.MustRun(t, dir, "p9ld", "-o", "prog2", "b.s", "a.s")
	if r := testutil.MustRun(t, dir, filepath.Join(dir, "prog2")); r.Stdout != "init b\ninit a\nmain\n" {
		t.Errorf("with the inputs swapped the program printed %q", r.Stdout)
	}

	testutil.NeedTool(t, "ld")
	var objs []string
	rtFiles, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	for _, f := range rtFiles {
		rel, _ := filepath.Rel(testutil.RepoRoot, f)
		obj := filepath.Join(dir, filepath.Base(f)+".o")
		testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", obj, rel)
		objs = append(objs, obj)
	}
	for _, s := range []string{"a.s", "b.s"} {
		testutil.MustRun(t, dir, "p9as", "-p", "main", "-I", filepath.Join(testutil.RepoRoot, "runtime-src"), "-o", s+".o", s)
		objs = append(objs, filepath.Join(dir, s+".o"))
	}
	testutil.MustRun(t, dir, "ld", append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", "gnu"}, objs...)...)
	if r := testutil.MustRun(t, dir, filepath.Join(dir, "gnu")); r.Stdout != "main\n" {
		t.Errorf("GNU ld's program printed %q, want main only", r.Stdout)
	}
}
