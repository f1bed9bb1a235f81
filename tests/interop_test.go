package tests

import (
	"path/filepath"
	"strings"
	"testing"
)

// assembleRuntime assembles runtime-src/*.s and examples/hello.s with p9as
// into dir, as a user linking with another linker would, and returns the
// object paths.
func assembleRuntime(t *testing.T, dir string) []string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(repoRoot, "runtime-src", "*.s"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no runtime sources: %v", err)
	}
	var objs []string
	for _, s := range srcs {
		o := filepath.Join(dir, strings.TrimSuffix(filepath.Base(s), ".s")+".o")
		mustRun(t, repoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", o, s)
		objs = append(objs, o)
	}
	o := filepath.Join(dir, "hello.o")
	mustRun(t, repoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", o, "examples/hello.s")
	return append(objs, o)
}

// TestGNULinksP9Objects links p9as objects with GNU ld: the objects follow
// ordinary ELF conventions, so the program behaves as p9ld's does.
func TestGNULinksP9Objects(t *testing.T) {
	needTool(t, "ld")
	dir := t.TempDir()
	objs := assembleRuntime(t, dir)
	exe := filepath.Join(dir, "hello-gnu")
	r := mustRun(t, dir, "ld", append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", exe}, objs...)...)
	if r.stderr != "" {
		t.Errorf("ld warns:\n%s", r.stderr)
	}
	out := mustRun(t, dir, exe)
	if out.stdout != "hello, world\n" {
		t.Fatalf("GNU-linked hello printed %q", out.stdout)
	}
}

// TestP9ldLinksObjects links the same objects with p9ld, without the
// embedded runtime.
func TestP9ldLinksObjects(t *testing.T) {
	dir := t.TempDir()
	objs := assembleRuntime(t, dir)
	exe := filepath.Join(dir, "hello-objs")
	mustRun(t, dir, "p9ld", append([]string{"--no-runtime", "-o", exe}, objs...)...)
	out := mustRun(t, dir, exe)
	if out.stdout != "hello, world\n" {
		t.Fatalf("printed %q", out.stdout)
	}
}
