package link_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// gcProgram is hello with a function and a data symbol nothing uses.
const gcProgram = `#include "textflag.h"

DATA msg<>+0(SB)/8, $"hello, g"
DATA msg<>+8(SB)/3, $"c!\n"
GLOBL msg<>(SB), RODATA|NOPTR, $11

DATA main·unusedData+0(SB)/8, $42
GLOBL main·unusedData(SB), NOPTR, $8

TEXT main·main(SB), NOSPLIT, $32-0
	MOVQ	$1, 0(SP)
	LEAQ	msg<>(SB), AX
	MOVQ	AX, 8(SP)
	MOVL	$11, 16(SP)
	CALL	runtime·write(SB)
	RET

TEXT main·unused(SB), NOSPLIT, $0-0
	MOVQ	main·unusedData(SB), AX
	RET
`

// TestLinkerDeadCode: unreferenced symbols are dropped by default and kept with
// --no-gc; both programs run.
func TestLinkerDeadCode(t *testing.T) {
	testutil.NeedTool(t, "nm")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"gc.s": gcProgram})
	for _, tc := range []struct {
		flags []string
		kept  bool
	}{{nil, false}, {[]string{"--no-gc"}, true}} {
		exe := filepath.Join(dir, "gc")
		testutil.MustRun(t, dir, "p9ld", append(append([]string{"-o", exe}, tc.flags...), "gc.s")...)
		if r := testutil.MustRun(t, dir, exe); r.Stdout != "hello, gc!\n" {
			t.Errorf("%v: program printed %q", tc.flags, r.Stdout)
		}
		nm := testutil.MustRun(t, dir, "nm", exe).Stdout
		for _, sym := range []string{" T main.unused\n", " D main.unusedData\n"} {
			if strings.Contains(nm, sym) != tc.kept {
				t.Errorf("%v: nm has %q: %v, want %v", tc.flags, sym, !tc.kept, tc.kept)
			}
		}
		if !strings.Contains(nm, " T main.main\n") {
			t.Errorf("%v: main.main is missing", tc.flags)
		}
	}
}

// TestLinkerMap: --map lists the segments, the sections and every symbol
// with the address nm reports and the input it came from.
func TestLinkerMap(t *testing.T) {
	testutil.NeedTool(t, "nm")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"gc.s": gcProgram})
	exe := filepath.Join(dir, "gc")
	testutil.MustRun(t, dir, "p9ld", "-o", exe, "--map", "gc.map", "gc.s")
	data, err := os.ReadFile(filepath.Join(dir, "gc.map"))
	if err != nil {
		t.Fatal(err)
	}
	m := string(data)
	for _, re := range []string{`(?m)^  LOAD +R-X +0x0*400000 `, `(?m)^  LOAD +RW- `, `(?m)^\.text +0x[0-9a-f]+ 0x[0-9a-f]+ align \d+$`,
		`(?m)^  0x[0-9a-f]+ 0x[0-9a-f]+ gc\.s\(\.text\)$`, `(?m)^  0x[0-9a-f]+ 0x[0-9a-f]+ runtime-src/\w+\.s\(\.text\)$`,
		`(?m)^\.debug_line `} {
		if !regexp.MustCompile(re).MatchString(m) {
			t.Errorf("map lacks %s:\n%s", re, m)
		}
	}
	// Every defined symbol nm shows is in the map at the same address.
	n := 0
	for _, line := range strings.Split(testutil.MustRun(t, dir, "nm", exe).Stdout, "\n") {
		f := strings.Fields(line)
		// TLS symbols (offsets, not addresses) are below the image base.
		if len(f) != 3 || f[1] == "U" || len(strings.TrimLeft(f[0], "0")) < 6 {
			continue
		}
		re := regexp.MustCompile(`(?m)^ +0x0*` + strings.TrimLeft(f[0], "0") + `( 0x[0-9a-f]+)? ` + regexp.QuoteMeta(f[2]) + `$`)
		if !re.MatchString(m) {
			t.Errorf("map lacks %s at %s", f[2], f[0])
		}
		n++
	}
	if n < 10 {
		t.Errorf("nm listed only %d symbols", n)
	}
}

// TestLinkerStripDebug: -s leaves no symbol table and no debug sections.
func TestLinkerStripDebug(t *testing.T) {
	testutil.NeedTool(t, "readelf")
	dir := t.TempDir()
	full, stripped := filepath.Join(dir, "full"), filepath.Join(dir, "stripped")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", full, "examples/hello.s")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-s", "-o", stripped, "examples/hello.s")
	if s := testutil.MustRun(t, dir, "readelf", "-SW", full).Stdout; !strings.Contains(s, ".debug_info") || !strings.Contains(s, ".symtab") {
		t.Errorf("unstripped output lacks .debug_info or .symtab:\n%s", s)
	}
	s := testutil.MustRun(t, dir, "readelf", "-SW", stripped).Stdout
	if strings.Contains(s, ".debug") || strings.Contains(s, ".symtab") {
		t.Errorf("-s output keeps debug info or symbols:\n%s", s)
	}
	if r := testutil.MustRun(t, dir, stripped); r.Stdout != "hello, world\n" {
		t.Errorf("stripped program printed %q", r.Stdout)
	}
}
