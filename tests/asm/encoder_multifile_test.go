package asm_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// Several files given to one p9as run are parsed in parallel and encoded in
// order into one object, as go tool asm does with several files. math's
// five amd64 files must come out identical to Go's, and the object must
// not depend on how many parsers ran at once.
func TestMultiFileMatchesGo(t *testing.T) {
	testutil.NeedTool(t, "go")
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(out))
	files, _ := filepath.Glob(filepath.Join(goroot, "src", "math", "*_amd64.s"))
	if len(files) < 4 {
		t.Skipf("only %d math amd64 files in GOROOT", len(files))
	}
	dir := t.TempDir()
	flags := []string{"-p", "math", "-I", filepath.Join(goroot, "pkg", "include")}
	r := testutil.Run(t, dir, "p9as", append(append([]string{"--compare-go"}, flags...), files...)...)
	if r.Code != 0 || !strings.Contains(r.Stdout, "identical to go tool asm") {
		t.Fatalf("--compare-go on %d files: exit %d\nstdout:\n%s\nstderr:\n%s", len(files), r.Code, r.Stdout, r.Stderr)
	}
	var objs [][]byte
	for _, procs := range []string{"1", "2", "4"} {
		obj := filepath.Join(dir, "math"+procs+".o")
		cmd := exec.Command(testutil.Exe("p9as"), append(append(flags, "-o", obj), files...)...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("GOMAXPROCS=%s: %v\n%s", procs, err, msg)
		}
		data, err := os.ReadFile(obj)
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, data)
	}
	for i := 1; i < len(objs); i++ {
		if !bytes.Equal(objs[i], objs[0]) {
			t.Errorf("the object differs between GOMAXPROCS=1 and a run with more parsers")
		}
	}
}

// Errors from several files are reported file by file in the order the
// files were given, each file's in line order, even when a later, shorter
// file finishes parsing first.
func TestMultiFileErrorOrder(t *testing.T) {
	dir := t.TempDir()
	var big strings.Builder
	big.WriteString("TEXT ·big(SB), 4, $0\n")
	for i := 0; i < 20000; i++ {
		big.WriteString("\tADDQ $1, AX\n")
	}
	big.WriteString("\tBOGUS AX\n\tRET\n")
	testutil.WriteFiles(t, dir, map[string]string{
		"a.s": big.String(),
		"b.s": "TEXT ·b(SB), 4, $0\n\tMOVQ (AX)(BX*3), CX\n\tRET\n",
		"c.s": "TEXT ·c(SB), 4, $0\n\tJMP nowhere\n\tRET\n",
	})
	r := testutil.Run(t, dir, "p9as", "-o", "x.o", "a.s", "b.s", "c.s")
	want := fmt.Sprintf("a.s:%d: unrecognized instruction \"BOGUS\"\nb.s:2: ", 20002)
	if r.Code != 1 || !strings.HasPrefix(r.Stderr, want) || !strings.Contains(r.Stderr, "\nc.s:2: undefined label nowhere\n") {
		t.Fatalf("exit %d, stderr:\n%s\nwant it to start %q and then report c.s:2", r.Code, r.Stderr, want)
	}
	if n := strings.Count(r.Stderr, "\n"); n != 3 {
		t.Errorf("%d lines of errors, want 3:\n%s", n, r.Stderr)
	}
}
