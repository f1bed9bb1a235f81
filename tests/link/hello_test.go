package link_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestHello is the README's demo: link examples/hello.s with the runtime
// and run it.
func TestHello(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "hello")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/hello.s")
	r := testutil.MustRun(t, dir, exe)
	if r.Stdout != "hello, world\n" || r.Stderr != "" {
		t.Fatalf("hello printed %q (stderr %q), want %q", r.Stdout, r.Stderr, "hello, world\n")
	}

	t.Run("readelf", func(t *testing.T) {
		testutil.NeedTool(t, "readelf")
		h := testutil.MustRun(t, dir, "readelf", "-h", exe)
		for _, want := range []string{`Type:\s+EXEC`, `Machine:\s+Advanced Micro Devices X86-64`, `Class:\s+ELF64`} {
			if !regexp.MustCompile(want).MatchString(h.Stdout) {
				t.Errorf("readelf -h lacks %s:\n%s", want, h.Stdout)
			}
		}
		if h.Stderr != "" {
			t.Errorf("readelf warns: %s", h.Stderr)
		}
		l := testutil.MustRun(t, dir, "readelf", "-lW", exe)
		if l.Stderr != "" {
			t.Errorf("readelf -l warns: %s", l.Stderr)
		}
		// Code is readable and executable, nothing is writable and executable.
		for _, line := range strings.Split(l.Stdout, "\n") {
			f := strings.Fields(line)
			if len(f) == 0 || f[0] != "LOAD" {
				continue
			}
			flags := strings.Join(f[6:len(f)-1], "")
			if strings.Contains(flags, "W") && strings.Contains(flags, "E") {
				t.Errorf("segment is writable and executable: %s", line)
			}
		}
		if !regexp.MustCompile(`LOAD.*R E`).MatchString(l.Stdout) {
			t.Errorf("no executable LOAD segment:\n%s", l.Stdout)
		}
		if !strings.Contains(l.Stdout, "TLS") {
			t.Errorf("no PT_TLS segment although the runtime uses TLS:\n%s", l.Stdout)
		}
	})

	t.Run("nm", func(t *testing.T) {
		testutil.NeedTool(t, "nm")
		r := testutil.MustRun(t, dir, "nm", exe)
		for _, want := range []string{" T main.main\n", " T runtime.rt0_go\n", " T _rt0_amd64_linux\n"} {
			if !strings.Contains(r.Stdout, want) {
				t.Errorf("nm lacks %q:\n%s", want, r.Stdout)
			}
		}
	})

	t.Run("objdump", func(t *testing.T) {
		testutil.NeedTool(t, "objdump")
		r := testutil.MustRun(t, dir, "objdump", "-d", exe)
		if !strings.Contains(r.Stdout, "<main.main>:") || !strings.Contains(r.Stdout, "syscall") {
			t.Errorf("objdump -d does not show main.main and a syscall:\n%s", r.Stdout)
		}
		if strings.Contains(r.Stdout, "(bad)") {
			t.Errorf("objdump finds undecodable bytes:\n%s", r.Stdout)
		}
	})

	t.Run("strip", func(t *testing.T) {
		stripped := filepath.Join(dir, "hello-s")
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-s", "-o", stripped, "examples/hello.s")
		r := testutil.MustRun(t, dir, stripped)
		if r.Stdout != "hello, world\n" {
			t.Fatalf("stripped hello printed %q", r.Stdout)
		}
		a, _ := os.Stat(exe)
		b, _ := os.Stat(stripped)
		if b.Size() >= a.Size() {
			t.Errorf("-s did not shrink the executable: %d >= %d bytes", b.Size(), a.Size())
		}
	})
}

// TestHelloFromAnotherDirectory checks that the runtime is carried in the
// binary: linking works with no runtime-src directory in sight.
func TestHelloFromAnotherDirectory(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot, "examples", "hello.s"))
	if err != nil {
		t.Fatal(err)
	}
	testutil.WriteFiles(t, dir, map[string]string{"hello.s": string(src)})
	testutil.MustRun(t, dir, "p9ld", "-o", "hi", "hello.s")
	r := testutil.MustRun(t, dir, filepath.Join(dir, "hi"))
	if r.Stdout != "hello, world\n" {
		t.Fatalf("printed %q", r.Stdout)
	}
}
