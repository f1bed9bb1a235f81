package asm_test

import (
	"bytes"
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestUXTrimpathForms checks each form of -trimpath Go's tools take
// (prefix, prefix=>replacement, ;-separated lists) against the file name
// go tool asm records in its object.
func TestUXTrimpathForms(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"foo.s": "TEXT ·f(SB), $0-0\n\tRET\n",
	})
	_, goErr := exec.LookPath("go")
	for _, tc := range []struct{ trim, input, want string }{
		{dir, "foo.s", "foo.s"},
		{dir + "=>example.com/m", "foo.s", "example.com/m/foo.s"},
		{dir + "=>example.com/m", "./foo.s", "example.com/m/foo.s"},
		{"/no/such/work=>;" + dir + "=>example.com/m", "foo.s", "example.com/m/foo.s"},
		{filepath.Join(dir, "foo.s") + "=>renamed.s", "foo.s", "renamed.s"},
	} {
		out := filepath.Join(dir, "p9.o")
		testutil.MustRun(t, dir, "p9as", "-trimpath", tc.trim, "-o", out, tc.input)
		obj, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(obj, []byte(tc.want)) || bytes.Contains(obj, []byte(dir)) {
			t.Errorf("-trimpath %q %s: the object does not record %q alone", tc.trim, tc.input, tc.want)
		}
		if goErr != nil {
			continue
		}
		gout := filepath.Join(dir, "go.o")
		testutil.MustRun(t, dir, "go", "tool", "asm", "-p", "main", "-trimpath", tc.trim, "-o", gout, tc.input)
		gobj, err := os.ReadFile(gout)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(gobj, []byte(tc.want)) || bytes.Contains(gobj, []byte(dir)) {
			t.Errorf("-trimpath %q %s: go tool asm does not record %q; the test's expectation is wrong", tc.trim, tc.input, tc.want)
		}
	}
}

// TestUXAsmVersionFull checks -V and -V=full answer as a Go tool does: the
// go command runs every tool with -V=full and accepts "<name> version X",
// where a devel X must end in buildID=….
func TestUXAsmVersionFull(t *testing.T) {
	dir := t.TempDir()
	// The go command names the tool by its file name (asm in GOTOOLDIR).
	asm := filepath.Join(dir, "asm")
	data, err := os.ReadFile(testutil.Exe("p9as"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(asm, data, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ exe, name string }{{"p9as", "p9as"}, {asm, "asm"}} {
		for _, arg := range []string{"-V", "-V=full"} {
			r := testutil.Run(t, dir, c.exe, arg)
			if r.Code != 0 || r.Stderr != "" {
				t.Fatalf("%s %s: exit %d, stderr %q", c.name, arg, r.Code, r.Stderr)
			}
			if strings.Count(r.Stdout, "\n") != 1 {
				t.Fatalf("%s %s: want one line, got %q", c.name, arg, r.Stdout)
			}
			f := strings.Fields(r.Stdout)
			if len(f) < 3 || f[0] != c.name || f[1] != "version" {
				t.Fatalf("%s %s: got %q, want %q", c.name, arg, r.Stdout, c.name+" version …")
			}
			if arg == "-V=full" && f[2] == "devel" && !strings.HasPrefix(f[len(f)-1], "buildID=") {
				t.Errorf("%s -V=full: a devel version must end in buildID=…, got %q", c.name, r.Stdout)
			}
		}
	}
}

// TestUXAsmVersion checks --version prints the module version and the VCS
// revision recorded in the binary.
func TestUXAsmVersion(t *testing.T) {
	checkVersion(t, "p9as")
}

func checkVersion(t *testing.T, name string) {
	t.Helper()
	info, err := buildinfo.ReadFile(testutil.Exe(name))
	if err != nil {
		t.Fatal(err)
	}
	r := testutil.MustRun(t, t.TempDir(), name, "--version")
	if r.Stderr != "" || !strings.HasPrefix(r.Stdout, name+" ") || !strings.Contains(r.Stdout, info.Main.Version) {
		t.Errorf("%s --version: got %q, want the module version %s", name, r.Stdout, info.Main.Version)
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && !strings.Contains(r.Stdout, s.Value) {
			t.Errorf("%s --version: got %q, want the revision %s", name, r.Stdout, s.Value)
		}
	}
}

// TestUXAsmUsage checks usage errors: one line on standard error naming
// the problem with a hint, nothing on standard output.
func TestUXAsmUsage(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"a.s": "TEXT ·f(SB), $0-0\n\tRET\n"})
	for _, args := range [][]string{
		{"a.s", "-o", "a.o"},
		{"-bogus", "a.s"},
		{"-o"},
	} {
		r := testutil.Run(t, dir, "p9as", args...)
		name := args[0]
		if name == "a.s" {
			name = args[1]
		}
		if r.Code != 2 || r.Stdout != "" || strings.Count(r.Stderr, "\n") != 1 ||
			!strings.Contains(r.Stderr, name) || !strings.Contains(r.Stderr, "see p9as --help") {
			t.Errorf("p9as %v: exit %d\nstdout: %q\nstderr: %q\nwant exit 2 and one line naming %s with a hint", args, r.Code, r.Stdout, r.Stderr, name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a.o")); err == nil {
		t.Error("p9as a.s -o a.o wrote a.o")
	}
}

// TestUXAsmUsageLines checks the usage lines name every flag.
func TestUXAsmUsageLines(t *testing.T) {
	checkUsageLines(t, "p9as")
}

func checkUsageLines(t *testing.T, name string) {
	t.Helper()
	help := testutil.MustRun(t, t.TempDir(), name, "--help").Stdout
	usage, options, ok := strings.Cut(help, "OPTIONS:")
	if !ok {
		t.Fatalf("%s --help has no options:\n%s", name, help)
	}
	_, usage, _ = strings.Cut(usage, "USAGE:")
	usage, _, _ = strings.Cut(usage, "DESCRIPTION:")
	for _, line := range strings.Split(options, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], "-") {
			continue
		}
		flag := strings.TrimSuffix(f[0], ",")
		if flag == "--help" {
			continue
		}
		short := "-" + strings.TrimLeft(flag, "-")
		if !strings.Contains(usage, "["+short) && !strings.Contains(usage, "[-"+short) && !strings.Contains(usage, short+" ") {
			t.Errorf("%s's usage lines do not list %s:\n%s", name, flag, usage)
		}
	}
}
