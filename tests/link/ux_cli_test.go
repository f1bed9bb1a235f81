package link_test

import (
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

func readExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testutil.RepoRoot, "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestUXLinkUsage checks usage errors: one line on standard error naming
// the flag, with a hint, and nothing on standard output.
func TestUXLinkUsage(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"hello.s": readExample(t, "hello.s")})
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"hello.s", "-o", "x"}, "-o"},
		{[]string{"hello.s", "--map", "m", "-s"}, "--map"},
		{[]string{"--bogus", "hello.s"}, "-bogus"},
		{[]string{"-H"}, "-H"},
	} {
		r := testutil.Run(t, dir, "p9ld", c.args...)
		if r.Code != 2 || r.Stdout != "" || strings.Count(r.Stderr, "\n") != 1 ||
			!strings.Contains(r.Stderr, c.flag) || !strings.Contains(r.Stderr, "see p9ld --help") {
			t.Errorf("p9ld %v: exit %d\nstdout: %q\nstderr: %q\nwant exit 2 and one line naming %s with a hint", c.args, r.Code, r.Stdout, r.Stderr, c.flag)
		}
	}
	for _, f := range []string{"x", "a.out", "m"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("a usage error wrote %s", f)
		}
	}
	// After --, a name starting with - is an input.
	r := testutil.Run(t, dir, "p9ld", "-o", "x", "--", "-missing.s")
	if r.Code != 1 || !strings.Contains(r.Stderr, "-missing.s") || strings.Contains(r.Stderr, "flag") {
		t.Errorf("p9ld -o x -- -missing.s: exit %d, stderr %q; want the missing input reported", r.Code, r.Stderr)
	}
}

// TestUXLinkVersion checks --version prints the module version and the
// VCS revision recorded in the binary.
func TestUXLinkVersion(t *testing.T) {
	info, err := buildinfo.ReadFile(testutil.Exe("p9ld"))
	if err != nil {
		t.Fatal(err)
	}
	r := testutil.MustRun(t, t.TempDir(), "p9ld", "--version")
	if r.Stderr != "" || !strings.HasPrefix(r.Stdout, "p9ld ") || !strings.Contains(r.Stdout, info.Main.Version) {
		t.Errorf("p9ld --version: got %q, want the module version %s", r.Stdout, info.Main.Version)
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && !strings.Contains(r.Stdout, s.Value) {
			t.Errorf("p9ld --version: got %q, want the revision %s", r.Stdout, s.Value)
		}
	}
}

// TestUXLinkUsageLine checks p9ld's usage line names every flag.
func TestUXLinkUsageLine(t *testing.T) {
	help := testutil.MustRun(t, t.TempDir(), "p9ld", "--help").Stdout
	usage, options, ok := strings.Cut(help, "OPTIONS:")
	if !ok {
		t.Fatalf("p9ld --help has no options:\n%s", help)
	}
	_, usage, _ = strings.Cut(usage, "USAGE:")
	usage, _, _ = strings.Cut(usage, "DESCRIPTION:")
	for _, line := range strings.Split(options, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], "-") || f[0] == "--help," {
			continue
		}
		flag := strings.TrimSuffix(f[0], ",")
		long := "-" + strings.TrimLeft(flag, "-")
		if !strings.Contains(usage, "["+long) && !strings.Contains(usage, "[-"+long) {
			t.Errorf("p9ld's usage line does not list %s:\n%s", flag, usage)
		}
	}
}

// TestUXOutputMissingDir checks that writing into a directory that does
// not exist says so with the name given, not a temporary file's.
func TestUXOutputMissingDir(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"hello.s": readExample(t, "hello.s")})
	for _, c := range []struct {
		cmd  string
		args []string
		name string
	}{
		{"p9ld", []string{"-o", "missing/dir/x", "hello.s"}, "missing/dir/x"},
		{"p9ld", []string{"-o", "x", "--map", "missing/m", "hello.s"}, "missing/m"},
		{"p9as", []string{"-I", filepath.Join(testutil.RepoRoot, "runtime-src"), "-o", "missing/h.o", "hello.s"}, "missing/h.o"},
	} {
		r := testutil.Run(t, dir, c.cmd, c.args...)
		if r.Code != 1 || strings.Contains(r.Stderr, ".tmp") || !strings.Contains(r.Stderr, c.name) ||
			!strings.Contains(r.Stderr, "does not exist") || strings.Count(r.Stderr, "\n") != 1 {
			t.Errorf("%s %v: exit %d, stderr %q; want one line saying the directory of %s does not exist", c.cmd, c.args, r.Code, r.Stderr, c.name)
		}
	}
}

// TestUXGoObject checks that a Go object file, or an archive of them, is
// recognised and explained.
func TestUXGoObject(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not installed")
	}
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"f.s": "TEXT ·f(SB), $0-0\n\tRET\n"})
	testutil.MustRun(t, dir, "go", "tool", "asm", "-p", "main", "-o", "f.o", "f.s")
	testutil.MustRun(t, dir, "go", "tool", "pack", "c", "f.a", "f.o")
	for _, in := range []string{"f.o", "f.a"} {
		r := testutil.Run(t, dir, "p9ld", "--no-runtime", "-E", "main.f", "-o", "x", in)
		want := in + ": a Go object file: p9ld links ELF objects; assemble with p9as"
		if r.Code != 1 || !strings.Contains(r.Stderr, want) || strings.Contains(r.Stderr, "magic") {
			t.Errorf("p9ld %s: exit %d, stderr %q; want %q", in, r.Code, r.Stderr, want)
		}
	}
}

// TestUXDirectoryInputs checks that a directory input holds the files go
// build would assemble for linux/amd64 (or pvh/amd64 with -H pvh): file
// name suffixes and //go:build lines decide, and _ and . files are left out.
func TestUXDirectoryInputs(t *testing.T) {
	const junk = "THIS IS NOT ASSEMBLY\n"
	fn := func(name string) string {
		return "#include \"textflag.h\"\nTEXT ·" + name + "(SB), NOSPLIT, $0-0\n\tRET\n"
	}
	callAll := "#include \"textflag.h\"\nTEXT main·main(SB), NOSPLIT, $0-0\n" +
		"\tCALL ·a(SB)\n\tCALL ·b(SB)\n\tCALL ·c(SB)\n\tCALL ·d(SB)\n\tRET\n"
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"prog/main.s":            callAll,
		"prog/a_linux.s":         fn("a"),
		"prog/a_pvh.s":           fn("a"),
		"prog/a_arm64.s":         junk,
		"prog/a_windows_amd64.s": junk,
		"prog/b_amd64.s":         fn("b"),
		"prog/b_linux_arm64.s":   junk,
		"prog/c_linux_amd64.s":   fn("c"),
		"prog/c_pvh_amd64.s":     fn("c"),
		"prog/d.s":               "//go:build (linux || pvh) && amd64 && gc && go1.20 && !purego\n\n" + fn("d"),
		"prog/d_old.s":           "// +build arm64\n\n" + junk,
		"prog/gen.s":             "// Code generated. DO NOT EDIT.\n\n//go:build ignore\n\n" + junk,
		"prog/arm.s":             "//go:build arm64 || 386\n" + junk,
		"prog/_scratch.s":        junk,
		"prog/.hidden.s":         junk,
		"prog/plan9_test.s":      "/* a block comment */\n//go:build plan9\n" + junk,
		"prog/unix.s":            "//go:build unix\n\n" + "TEXT ·unixonly(SB), $0-0\n\tRET\n",
		"none/x_arm64.s":         junk,
		"none/y.s":               "//go:build ignore\n" + junk,
	})
	r := testutil.Run(t, dir, "p9ld", "-o", "prog.exe", "prog")
	if r.Code != 0 {
		t.Errorf("p9ld prog: exit %d\n%s", r.Code, r.Stderr)
	}
	r = testutil.Run(t, dir, "p9ld", "-H", "pvh", "-o", "prog.img", "prog")
	if r.Code != 0 {
		t.Errorf("p9ld -H pvh prog: exit %d\n%s", r.Code, r.Stderr)
	}
	r = testutil.Run(t, dir, "p9ld", "-o", "none.exe", "none")
	if r.Code != 1 || !strings.Contains(r.Stderr, "none") || !strings.Contains(r.Stderr, "linux/amd64") {
		t.Errorf("p9ld none: exit %d, stderr %q; want a directory with no .s file for linux/amd64", r.Code, r.Stderr)
	}
}
