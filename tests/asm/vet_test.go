package asm_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// vetPackages are the packages of testdata/vet: a Go file declaring
// functions and an assembly file getting them wrong in each way go vet's
// asmdecl reports.
var vetPackages = []string{"argsize", "kinds", "offsets", "results", "sp"}

// vetModule is the module path the packages are vetted in.
const vetModule = "example.com/vet"

// vetLine matches a finding as go vet prints it (file:line:col: msg) and
// as p9as prints it (file:line: msg).
var vetLine = regexp.MustCompile(`^(.*\.s):(\d+)(?::\d+)?: (\[amd64\] .*)$`)

// findingSet reads findings into "base.s:line: message" keys; other
// lines (go vet's package headers) are left out.
func findingSet(out string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if m := vetLine.FindStringSubmatch(line); m != nil {
			set[filepath.Base(m[1])+":"+m[2]+": "+m[3]] = true
		}
	}
	return set
}

// copyVetPackages writes testdata/vet into a module in a new directory.
func copyVetPackages(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"go.mod": "module " + vetModule + "\n\ngo 1.26\n"}
	for _, pkg := range vetPackages {
		entries, err := os.ReadDir(filepath.Join("testdata", "vet", pkg))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join("testdata", "vet", pkg, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Join(pkg, e.Name())] = string(data)
		}
	}
	testutil.WriteFiles(t, dir, files)
	return dir
}

// TestVetMatchesGoVet runs go vet and p9as --vet --vet-go on the same
// wrong packages and wants the same findings, line and message.
func TestVetMatchesGoVet(t *testing.T) {
	testutil.NeedTool(t, "go")
	dir := copyVetPackages(t)
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet found nothing in the wrong packages:\n%s", out)
	}
	want := findingSet(string(out))
	if len(want) < 40 {
		t.Fatalf("go vet reported %d findings, the packages hold more than 40; its output:\n%s", len(want), out)
	}
	got := map[string]bool{}
	for _, pkg := range vetPackages {
		asm, _ := filepath.Glob(filepath.Join(dir, pkg, "*.s"))
		args := append([]string{"--vet", "--vet-go", pkg, "-p", vetModule + "/" + pkg}, relative(t, dir, asm)...)
		r := testutil.Run(t, dir, "p9as", args...)
		if r.Code != 1 || r.Stdout != "" {
			t.Errorf("p9as %s: exit %d, stdout %q; want exit 1 and findings on standard error", strings.Join(args, " "), r.Code, r.Stdout)
		}
		for k := range findingSet(r.Stderr) {
			got[k] = true
		}
		if objs, _ := filepath.Glob(filepath.Join(dir, "*.o")); len(objs) > 0 {
			t.Errorf("p9as --vet wrote %v", objs)
		}
	}
	for _, k := range sortedKeys(want) {
		if !got[k] {
			t.Errorf("go vet reports, p9as --vet does not: %s", k)
		}
	}
	for _, k := range sortedKeys(got) {
		if !want[k] {
			t.Errorf("p9as --vet reports, go vet does not: %s", k)
		}
	}
	t.Logf("%d findings of go vet, %d of p9as --vet", len(want), len(got))
}

func relative(t *testing.T, dir string, paths []string) []string {
	t.Helper()
	out := make([]string, len(paths))
	for i, p := range paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = rel
	}
	return out
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestVetGorootCorpus checks every amd64 assembly file of the standard
// library against its package's Go files: go vet finds nothing in them
// (Go's own builders run it), so neither may p9as. A package p9as reports
// on is given to go vet, whose findings must then be the same.
func TestVetGorootCorpus(t *testing.T) {
	goBin, files := goCorpus(t)
	for _, f := range files {
		args := []string{"--vet", "--vet-go", filepath.Dir(f.Path)}
		args = append(args, f.goFlags()...)
		r := testutil.Run(t, "", "p9as", append(args, f.Path)...)
		if r.Code == 0 && r.Stderr == "" {
			continue
		}
		got := findingSet(r.Stderr)
		if len(got) == 0 {
			t.Errorf("%s: p9as %v: exit %d\n%s", corpusName(f.Path), args, r.Code, r.Stderr)
			continue
		}
		want := goVetPackage(t, goBin, f.Pkg)
		for _, k := range sortedKeys(got) {
			if !want[k] {
				t.Errorf("%s: p9as --vet reports, go vet does not: %s", corpusName(f.Path), k)
			}
		}
	}
	t.Logf("%d files", len(files))
}

// goVetPackage runs go vet's asmdecl pass on a standard package.
func goVetPackage(t *testing.T, goBin, pkg string) map[string]bool {
	t.Helper()
	cmd := exec.Command(goBin, "vet", "-asmdecl", pkg)
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=amd64")
	out, _ := cmd.CombinedOutput()
	return findingSet(string(out))
}

// TestVetAssemblyOnly checks --vet without Go declarations: offsets
// against the declared argument size, one offset per name, and p9's
// check of functions that split without an argument size.
func TestVetAssemblyOnly(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"bad.s": `#include "textflag.h"

TEXT ·add(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	MOVQ y+8(FP), BX
	MOVQ AX, ret+16(FP)
	MOVL AX, ret+20(FP)
	MOVQ AX, ret+20(FP)
	MOVQ y+16(FP), BX
	LEAQ end+24(FP), CX
	RET

TEXT ·split(SB), $16
	MOVQ 8(SP), AX
	MOVQ 40(SP), AX
	RET

TEXT ·splitok(SB), $16-0
	RET

TEXT ·leaf(SB), NOSPLIT, $0
	MOVQ x+64(FP), AX
	RET

TEXT plain(SB), $8
	RET
`,
		"good.s": `#include "textflag.h"

TEXT ·add(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), AX
	MOVQ y+8(FP), BX
	ADDQ BX, AX
	MOVQ AX, ret+16(FP)
	RET

TEXT ·grow(SB), $32-8
	MOVQ n+0(FP), AX
	RET
`,
	})
	const split = "no argument size in $%s: a stack split copies exactly the declared argument size to the new stack segment; " +
		"write $%s-N (N the bytes of arguments and results, 0 if none) or mark the function NOSPLIT"
	want := []string{
		"bad.s:7: [amd64] add: invalid offset ret+20(FP); ret is ret+16(FP) at line 6",
		"bad.s:8: [amd64] add: use of ret+20(FP) points beyond argument frame ($...-24)",
		"bad.s:8: [amd64] add: invalid offset ret+20(FP); ret is ret+16(FP) at line 6",
		"bad.s:9: [amd64] add: invalid offset y+16(FP); y is y+8(FP) at line 5",
		"bad.s:10: [amd64] add: use of end+24(FP) points beyond argument frame ($...-24)",
		"bad.s:13: [amd64] split: " + strings.ReplaceAll(split, "%s", "16"),
		"bad.s:15: [amd64] split: use of 40(SP) points beyond argument frame",
		"bad.s:25: [amd64] plain: " + strings.ReplaceAll(split, "%s", "8"),
	}
	r := testutil.Run(t, dir, "p9as", "--vet", "bad.s")
	got := strings.Split(strings.TrimSpace(r.Stderr), "\n")
	if r.Code != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("p9as --vet bad.s: exit %d, findings:\n%s\nwant exit 1 and:\n%s", r.Code, r.Stderr, strings.Join(want, "\n"))
	}
	r = testutil.Run(t, dir, "p9as", "--vet", "good.s")
	if r.Code != 0 || r.Stderr != "" || r.Stdout != "" {
		t.Errorf("p9as --vet good.s: exit %d, stdout %q, stderr %q; want nothing", r.Code, r.Stdout, r.Stderr)
	}
	if objs, _ := filepath.Glob(filepath.Join(dir, "*.o")); len(objs) > 0 {
		t.Errorf("p9as --vet wrote %v", objs)
	}
}

// TestVetHelp checks that the help lists --vet and --vet-go.
func TestVetHelp(t *testing.T) {
	r := testutil.MustRun(t, "", "p9as", "--help")
	for _, flag := range []string{"--vet ", "--vet-go file.go"} {
		if !strings.Contains(r.Stdout, flag) {
			t.Errorf("p9as --help does not list %q:\n%s", flag, r.Stdout)
		}
	}
}
