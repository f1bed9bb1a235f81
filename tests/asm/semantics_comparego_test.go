package asm_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// runP9asEnv runs p9as in dir with PATH replaced by path.
func runP9asEnv(t *testing.T, dir, path string, args ...string) testutil.Result {
	t.Helper()
	cmd := exec.Command(testutil.Exe("p9as"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	return testutil.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
}

const compareSrc = `TEXT ·f(SB), 4, $0-0
	MOVQ AX, BX
	ADDQ $1, BX
	RET
`

// A go whose tool asm -S prints a listing that differs from p9's in one
// instruction: --compare-go must show the line, both encodings and their
// disassembly, and exit 1.
func TestCompareGoShowsDifference(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"x.s": compareSrc,
		"fakego/go": `#!/bin/sh
[ "$1 $2 $3" = "tool asm -S" ] || exit 3
while IFS= read -r l; do printf '%s\n' "$l"; done <<'LISTING'
main.f STEXT nosplit size=8 args=0x0 locals=0x0 funcid=0x0 align=0x0
	0x0000 00000 (x.s:1)	TEXT	main.f(SB), NOSPLIT|NOFRAME, $0-0
	0x0000 00000 (x.s:2)	MOVQ	AX, CX
	0x0003 00003 (x.s:3)	ADDQ	$1, BX
	0x0007 00007 (x.s:4)	RET
	0x0000 48 89 c1 48 83 c3 01 c3                          H..H....
LISTING
`,
	})
	if err := os.Chmod(filepath.Join(dir, "fakego", "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := runP9asEnv(t, dir, filepath.Join(dir, "fakego"), "--compare-go", "x.s")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
	}
	t.Logf("p9as --compare-go:\n%s", r.Stdout)
	for _, want := range []string{
		"main.f: bytes differ at offset 0x2",
		"x.s:2: MOVQ AX, BX",
		"48 89 c3", "MOVQ AX, BX", // p9's encoding and disassembly
		"48 89 c1", "MOVQ AX, CX", // the fake go's
		"1 of 1 symbols differ",
	} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.Stdout)
		}
	}
}

// With the real toolchain, a file p9 encodes as Go does is reported
// identical with exit status 0.
func TestCompareGoIdentical(t *testing.T) {
	testutil.NeedTool(t, "go")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"x.s": compareSrc})
	r := runP9asEnv(t, dir, os.Getenv("PATH"), "--compare-go", "-p", "main", "x.s")
	if r.Code != 0 || !strings.Contains(r.Stdout, "x.s: identical to go tool asm (1 symbols)") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
	}
}

// Without go on PATH the comparison says so and exits 2.
func TestCompareGoWithoutToolchain(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"x.s": compareSrc})
	r := runP9asEnv(t, dir, filepath.Join(dir, "empty"), "--compare-go", "x.s")
	if r.Code != 2 || !strings.Contains(r.Stderr, "no Go toolchain found") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.Code, r.Stdout, r.Stderr)
	}
}
