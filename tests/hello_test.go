package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHello is the README's demo: link examples/hello.s with the runtime
// and run it.
func TestHello(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "hello")
	mustRun(t, repoRoot, "p9ld", "-o", exe, "examples/hello.s")
	r := mustRun(t, dir, exe)
	if r.stdout != "hello, world\n" || r.stderr != "" {
		t.Fatalf("hello printed %q (stderr %q), want %q", r.stdout, r.stderr, "hello, world\n")
	}

	t.Run("readelf", func(t *testing.T) {
		needTool(t, "readelf")
		h := mustRun(t, dir, "readelf", "-h", exe)
		for _, want := range []string{`Type:\s+EXEC`, `Machine:\s+Advanced Micro Devices X86-64`, `Class:\s+ELF64`} {
			if !regexp.MustCompile(want).MatchString(h.stdout) {
				t.Errorf("readelf -h lacks %s:\n%s", want, h.stdout)
			}
		}
		if h.stderr != "" {
			t.Errorf("readelf warns: %s", h.stderr)
		}
		l := mustRun(t, dir, "readelf", "-lW", exe)
		if l.stderr != "" {
			t.Errorf("readelf -l warns: %s", l.stderr)
		}
		// Code is readable and executable, nothing is writable and executable.
		for _, line := range strings.Split(l.stdout, "\n") {
			f := strings.Fields(line)
			if len(f) == 0 || f[0] != "LOAD" {
				continue
			}
			flags := strings.Join(f[6:len(f)-1], "")
			if strings.Contains(flags, "W") && strings.Contains(flags, "E") {
				t.Errorf("segment is writable and executable: %s", line)
			}
		}
		if !regexp.MustCompile(`LOAD.*R E`).MatchString(l.stdout) {
			t.Errorf("no executable LOAD segment:\n%s", l.stdout)
		}
		if !strings.Contains(l.stdout, "TLS") {
			t.Errorf("no PT_TLS segment although the runtime uses TLS:\n%s", l.stdout)
		}
	})

	t.Run("nm", func(t *testing.T) {
		needTool(t, "nm")
		r := mustRun(t, dir, "nm", exe)
		for _, want := range []string{" T main.main\n", " T runtime.rt0_go\n", " T _rt0_amd64_linux\n"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("nm lacks %q:\n%s", want, r.stdout)
			}
		}
	})

	t.Run("objdump", func(t *testing.T) {
		needTool(t, "objdump")
		r := mustRun(t, dir, "objdump", "-d", exe)
		if !strings.Contains(r.stdout, "<main.main>:") || !strings.Contains(r.stdout, "syscall") {
			t.Errorf("objdump -d does not show main.main and a syscall:\n%s", r.stdout)
		}
		if strings.Contains(r.stdout, "(bad)") {
			t.Errorf("objdump finds undecodable bytes:\n%s", r.stdout)
		}
	})

	t.Run("strip", func(t *testing.T) {
		stripped := filepath.Join(dir, "hello-s")
		mustRun(t, repoRoot, "p9ld", "-s", "-o", stripped, "examples/hello.s")
		r := mustRun(t, dir, stripped)
		if r.stdout != "hello, world\n" {
			t.Fatalf("stripped hello printed %q", r.stdout)
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
	src, err := os.ReadFile(filepath.Join(repoRoot, "examples", "hello.s"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"hello.s": string(src)})
	mustRun(t, dir, "p9ld", "-o", "hi", "hello.s")
	r := mustRun(t, dir, filepath.Join(dir, "hi"))
	if r.stdout != "hello, world\n" {
		t.Fatalf("printed %q", r.stdout)
	}
}
