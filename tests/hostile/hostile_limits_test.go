package hostile_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// Resource bounds for any input: p9as and p9ld must stay under
// maxRSS and answer within a few seconds a megabyte. The commands let
// their heap grow to a 512 MiB soft limit before collecting garbage, so
// the bound is that limit and some room for what is not heap.
const (
	maxRSS       = 600 << 20
	secondsPerMB = 5
)

// measured runs a p9 command in dir and returns its exit status, standard
// error, peak resident memory and wall time. A signal or no answer within
// limit fails the test.
func measured(t *testing.T, limit time.Duration, dir, name string, args ...string) (int, string, int64, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, testutil.Exe(name), args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("%s %v: no answer within %v", name, args, limit)
	}
	if cmd.ProcessState == nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		t.Fatalf("%s %v: killed by %v\n%s", name, args, ws.Signal(), stderr.String())
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
	return ws.ExitStatus(), stderr.String(), rss, took
}

// repeat returns n copies of s.
func repeat(s string, n int) string { return strings.Repeat(s, n) }

// hostileSources are inputs built to exhaust memory or time, each with
// what its first error must say ("" when it must assemble).
func hostileSources() []struct{ name, src, want string } {
	fn := "TEXT ·f(SB), 4, $0\n"
	macroBomb := "#define A0 NOP; NOP\n"
	for i := 1; i <= 8; i++ {
		macroBomb += fmt.Sprintf("#define A%d A%d; A%d; A%d; A%d; A%d; A%d; A%d; A%d\n", i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	argBomb := "#define D(x) x x\n"
	var b strings.Builder
	for i := 0; i < 40000; i++ {
		fmt.Fprintf(&b, "TEXT ·f%d(SB), 4, $0\n\tPCALIGN $2048\n\tBYTE $0x90\n", i)
	}
	alignedFuncs := b.String()
	return []struct{ name, src, want string }{
		{"garbage lines", repeat("X\n", 1<<20), "instruction X outside of a TEXT symbol"},
		{"error flood in one function", fn + repeat("\tFROB AX\n", 1<<17), "unrecognized instruction"},
		{"many NOPs", fn + repeat("\tNOP\n", 1<<18) + "\tRET\n", "too many statements"},
		{"many jumps", fn + "l:\n" + repeat("\tJMP l\n", 1<<18), "too many statements"},
		{"many calls", fn + repeat("\tCALL ·g(SB)\n", 1<<18), "too many statements"},
		{"many functions", repeat("TEXT ·f(SB), 4, $0\n\tRET\n", 1<<17), "redeclared"},
		{"long line", fn + "\tMOVQ $(" + repeat("1+", 1<<20) + "1), AX\n", "line too long"},
		{"deep parentheses", fn + "\tMOVQ $" + repeat("(", 1<<18) + "1" + repeat(")", 1<<18) + ", AX\n", "nested too deeply"},
		{"long comment", "/*" + repeat("x", 2<<20) + "*/\n", "line too long"},
		{"long string", "DATA ·s(SB)/8, $\"" + repeat("a", 2<<20) + "\"\n", "line too long"},
		{"macro bomb", macroBomb + fn + "\tA8\n", "too many statements"},
		{"argument bomb", argBomb + fn + "\t" + repeat("D(", 60) + "NOP" + repeat(")", 60) + "\n", "macro expansion"},
		{"huge GLOBL", "GLOBL ·x(SB), 8, $1<<50\n", "too large"},
		{"huge read-only data", "GLOBL ·x(SB), 8, $1<<25\nGLOBL ·y(SB), 8, $1<<25\nGLOBL ·z(SB), 8, $1<<25\n", "too much initialized data"},
		{"far DATA", "DATA ·x+2147483640(SB)/8, $1\nGLOBL ·x(SB), $8\n", "out of range"},
		{"DATA in many symbols", "DATA ·a+50000000(SB)/8, $1\nDATA ·b+50000000(SB)/8, $1\nGLOBL ·a(SB), $50000008\nGLOBL ·b(SB), $50000008\n", "too much DATA"},
		{"huge frame", "TEXT ·f(SB), 0, $1099511627776\n\tRET\n", "frame size"},
		{"huge PCALIGN", fn + "\tPCALIGN $1073741824\n\tRET\n", "alignment"},
		{"PCALIGN padding", fn + repeat("\tPCALIGN $2048\n\tBYTE $0x90\n", 40000), "too much code"},
		{"many aligned functions", alignedFuncs, "too much code"},
	}
}

// TestHostileSources: every hostile input gives its error (or
// assembles) within the memory and time bounds.
func TestHostileSources(t *testing.T) {
	for _, c := range hostileSources() {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			dir := t.TempDir()
			testutil.WriteFiles(t, dir, map[string]string{"h.s": c.src})
			mb := float64(len(c.src)) / (1 << 20)
			limit := time.Duration(secondsPerMB*max(mb, 1)*float64(time.Second)) + 20*time.Second
			code, stderr, rss, took := measured(t, limit, dir, "p9as", "-o", "h.o", "h.s")
			t.Logf("%.1f MB: exit %d in %v, %d MB resident", mb, code, took.Round(time.Millisecond), rss>>20)
			if rss > maxRSS {
				t.Errorf("p9as used %d MB, more than %d MB", rss>>20, maxRSS>>20)
			}
			first, _, _ := strings.Cut(stderr, "\n")
			switch {
			case c.want == "" && code != 0:
				t.Errorf("exit %d, want 0; stderr:\n%.500s", code, stderr)
			case c.want != "" && (code != 1 || !strings.Contains(first, c.want)):
				t.Errorf("exit %d, first error %q; want 1 and %q", code, first, c.want)
			case c.want != "" && !strings.HasPrefix(first, "h.s:"):
				t.Errorf("first error %q does not name h.s:line", first)
			}
			if n := strings.Count(stderr, "\n"); n > 11 {
				t.Errorf("%d lines of errors without -e, want at most 11", n)
			}
		})
	}
}

// TestIncludeBombs: including one file many times, or a big file more
// than the source limit allows, stops with an error at the #include.
func TestIncludeBombs(t *testing.T) {
	dir := t.TempDir()
	big := "// " + repeat("x", 1000) + "\n"
	testutil.WriteFiles(t, dir, map[string]string{
		"big.h":   repeat(big, 8<<10), // 8 MB of comments
		"many.s":  repeat("#include \"big.h\"\n", 16),
		"small.h": "\tNOP\n",
		"wide.s":  "TEXT ·f(SB), 4, $0\n" + repeat("#include \"small.h\"\n", 20000) + "\tRET\n",
	})
	for _, c := range []struct{ file, want string }{
		{"many.s", "many.s:9: #include \"big.h\": too much source"},
		{"wide.s", "too many #includes"},
	} {
		code, stderr, rss, took := measured(t, time.Minute, dir, "p9as", "-o", "out.o", c.file)
		t.Logf("%s: exit %d in %v, %d MB resident", c.file, code, took.Round(time.Millisecond), rss>>20)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr:\n%.300s\nwant 1 and %q", c.file, code, stderr, c.want)
		}
		if rss > maxRSS {
			t.Errorf("%s: p9as used %d MB", c.file, rss>>20)
		}
	}
}

// TestErrorFloodAllFlag: with -e every error up to the collection bound
// is printed, then one "too many errors" line; nothing panics.
func TestErrorFloodAllFlag(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"e.s": "TEXT ·f(SB), 4, $0\n" + repeat("\tFROB\n", 5000)})
	code, stderr, _, _ := measured(t, time.Minute, dir, "p9as", "-e", "-o", "e.o", "e.s")
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || len(lines) != 1001 || !strings.HasSuffix(lines[1000], ": too many errors") {
		t.Errorf("exit %d, %d lines, last %q; want 1, 1001 lines ending in too many errors", code, len(lines), lines[len(lines)-1])
	}
	if lines[0] != "e.s:2: unrecognized instruction \"FROB\"" {
		t.Errorf("first error %q", lines[0])
	}
}

// TestHostileObjectSizes: objects that declare enormous sections or
// symbols are refused by p9ld without allocating what they declare.
func TestHostileObjectSizes(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"big.s": "#include \"textflag.h\"\nGLOBL ·big(SB), NOPTR, $2147483647\nGLOBL ·big2(SB), NOPTR, $2147483647\n" +
		"TEXT main·main(SB), NOSPLIT, $0\n\tMOVQ ·big(SB), AX\n\tMOVQ ·big2(SB), AX\n\tRET\n"})
	code, stderr, rss, took := measured(t, time.Minute, dir, "p9ld", "-o", "big", "big.s")
	t.Logf("4 GiB of .bss: exit %d in %v, %d MB resident; %s", code, took.Round(time.Millisecond), rss>>20, strings.TrimSpace(stderr))
	if rss > maxRSS {
		t.Errorf("p9ld used %d MB", rss>>20)
	}
	if code != 0 && code != 1 {
		t.Errorf("exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "big")); code != 0 && err == nil {
		t.Errorf("a failed link wrote its output")
	}
}
