package link_test

import (
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// archiveProgram calls cadd, which an archive member defines; cadd calls
// helper, in another member, so the search has to go round again.
var archiveProgram = map[string]string{
	"x.c":                         "long helper(long);\nlong cadd(long a, long b) { return helper(a) + b; }\n",
	"h.c":                         "long helper(long a) { return a * 10; }\n",
	"unused.c":                    "long cunused(long a) { return a - 1; }\n",
	"a_member_with_a_long_name.c": "long clong(long a) { return a + 100; }\n",
	"main.s": `#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $24-0
	MOVQ	$4, DI
	MOVQ	$2, SI
	CALL	cadd(SB)
	MOVQ	AX, DI
	CALL	clong(SB)
	SUBQ	$100, AX
	MOVL	AX, 0(SP)
	CALL	runtime·exit(SB)
	RET
`,
}

// symbolNames lists an executable's symbols.
func symbolNames(t *testing.T, exe string) map[string]bool {
	t.Helper()
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range syms {
		names[s.Name] = true
	}
	return names
}

// TestLinkerArchive links a program whose C part comes from a static
// archive (ar rcs, with a symbol table; ar rcS, without; ar rcsT, thin)
// with -L dir -l x and with the archive named, and runs it; the member no
// symbol needs is not linked (even with --no-gc), the members are named
// as GNU ld names them in the link map, and an archive before the object
// that needs it gives nothing, as in GNU ld.
func TestLinkerArchive(t *testing.T) {
	testutil.NeedTool(t, "gcc", "ar")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, archiveProgram)
	members := []string{"x.o", "h.o", "unused.o", "a_member_with_a_long_name.o"}
	testutil.MustRun(t, dir, "gcc", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-O0", "-c",
		"x.c", "h.c", "unused.c", "a_member_with_a_long_name.c")
	os.Mkdir(filepath.Join(dir, "lib"), 0o755)
	for lib, flags := range map[string]string{"libx.a": "rcs", "libnoindex.a": "rcS", "libthin.a": "rcsT"} {
		var objs []string
		for _, m := range members {
			objs = append(objs, "../"+m)
		}
		testutil.MustRun(t, filepath.Join(dir, "lib"), "ar", append([]string{flags, lib}, objs...)...)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"-l x", []string{"-L", "lib", "-l", "x", "main.s"}},
		{"-l:libx.a", []string{"-L", "nowhere", "-L", "lib", "-l", ":libx.a", "main.s"}},
		{"named", []string{"main.s", "lib/libx.a"}},
		{"no index", []string{"-L", "lib", "-l", "noindex", "main.s"}},
		{"thin", []string{"main.s", "lib/libthin.a"}},
	} {
		prog := filepath.Join(dir, "prog")
		args := append([]string{"--no-gc", "--map", "map.txt", "-o", prog}, c.args...)
		testutil.MustRun(t, dir, "p9ld", args...)
		if r := testutil.Run(t, dir, prog); r.Code != 42 {
			t.Errorf("%s: exit status %d, want 42 (cadd(4, 2) through helper, then clong); stderr %q", c.name, r.Code, r.Stderr)
		}
		syms := symbolNames(t, prog)
		for _, s := range []string{"cadd", "helper", "clong"} {
			if !syms[s] {
				t.Errorf("%s: %s, which the program needs, is not linked", c.name, s)
			}
		}
		if syms["cunused"] {
			t.Errorf("%s: unused.o, which nothing needs, is linked", c.name)
		}
		m, _ := os.ReadFile(filepath.Join(dir, "map.txt"))
		for _, want := range []string{"x.o)", "h.o)", "a_member_with_a_long_name.o)"} {
			if !strings.Contains(string(m), want) {
				t.Errorf("%s: the link map does not name the member %s", c.name, want)
			}
		}
		if strings.Contains(string(m), "unused.o)") {
			t.Errorf("%s: the link map names unused.o", c.name)
		}
	}
	// Searched where it appears: before main.s, nothing is undefined yet.
	r := testutil.Run(t, dir, "p9ld", "-o", "prog", "lib/libx.a", "main.s")
	if r.Code != 1 || !strings.Contains(r.Stderr, "cadd") {
		t.Errorf("archive before the object that needs it: exit %d, stderr %q; want cadd undefined", r.Code, r.Stderr)
	}
	r = testutil.Run(t, dir, "p9ld", "-L", "lib", "-l", "nope", "-o", "prog", "main.s")
	if r.Code != 1 || !strings.Contains(r.Stderr, "p9ld: cannot find -lnope: no libnope.a in lib") {
		t.Errorf("-l nope: exit %d, stderr %q", r.Code, r.Stderr)
	}
	os.WriteFile(filepath.Join(dir, "bad.a"), []byte("!<arch>\nshort"), 0o644)
	r = testutil.Run(t, dir, "p9ld", "-o", "prog", "main.s", "bad.a")
	if r.Code != 1 || !strings.Contains(r.Stderr, "bad.a: truncated member header") {
		t.Errorf("damaged archive: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestRuntimeArchiveForGNU: the runtime p9ld carries (runtime-src/obj/
// linux.a, which go generate writes) is an archive the GNU tools read as
// their own: ar lists one member per runtime source, nm finds its index,
// and GNU ld links hello against it into a program that runs.
func TestRuntimeArchiveForGNU(t *testing.T) {
	testutil.NeedTool(t, "ar", "nm", "ld")
	archive := filepath.Join(testutil.RepoRoot, "runtime-src", "obj", "linux.a")
	sources, err := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range sources {
		want = append(want, strings.TrimSuffix(filepath.Base(s), ".s")+".o")
	}
	members := strings.Fields(testutil.MustRun(t, "", "ar", "t", archive).Stdout)
	if strings.Join(members, " ") != strings.Join(want, " ") {
		t.Errorf("ar t lists %v, want one member per source: %v", members, want)
	}
	if idx := testutil.MustRun(t, "", "nm", "-s", archive).Stdout; !strings.Contains(idx, "runtime.rt0_go in asm_amd64.o") {
		t.Errorf("nm -s finds no index entry for runtime.rt0_go:\n%.400s", idx)
	}
	dir := t.TempDir()
	obj := filepath.Join(dir, "hello.o")
	testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", obj, filepath.Join("examples", "hello.s"))
	exe := filepath.Join(dir, "hello")
	testutil.MustRun(t, "", "ld", append(append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", exe}, testutil.RuntimeArchiveLinkArgs()...), obj)...)
	if out := testutil.MustRun(t, "", exe).Stdout; out != "hello, world\n" {
		t.Errorf("hello linked by GNU ld from the archive printed %q", out)
	}
}
