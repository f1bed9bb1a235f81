package link_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestLinkerCallC: Plan 9 assembly calls a C function compiled by gcc, passing
// its ABI0 stack arguments in the C convention's registers, and a GNU
// assembler function (a .S file through gcc -c) that calls back into Plan 9
// assembly.
func TestLinkerCallC(t *testing.T) {
	testutil.NeedTool(t, "gcc")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"add.c": "long cadd(long a, long b) { return a * 10 + b; }\n",
		"callback.S": `	.text
	.globl	as_callback
	.type	as_callback, @function
as_callback:
	call	main.leaf
	movq	main.flag(%rip), %rax
	ret
	.section .note.GNU-stack,"",@progbits
`,
		"main.s": `#include "textflag.h"

// func add(a, b int64) int64, in C.
TEXT main·add(SB), NOSPLIT, $0-24
	MOVQ	a+0(FP), DI
	MOVQ	b+8(FP), SI
	CALL	cadd(SB)
	MOVQ	AX, ret+16(FP)
	RET

GLOBL main·flag(SB), NOPTR, $8

// leaf is called from as_callback.
TEXT main·leaf(SB), NOSPLIT, $0-0
	MOVQ	$5, main·flag(SB)
	RET

TEXT main·main(SB), NOSPLIT, $24-0
	MOVQ	$4, 0(SP)
	MOVQ	$2, 8(SP)
	CALL	main·add(SB)
	CALL	as_callback(SB)
	ADDQ	16(SP), AX
	MOVL	AX, 0(SP)
	CALL	runtime·exit(SB)
	RET
`,
	})
	testutil.MustRun(t, dir, "gcc", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-O2", "-c", "add.c", "callback.S")
	r := testutil.MustRun(t, dir, "p9ld", "-o", "prog", "main.s", "add.o", "callback.o")
	// gcc's code has no function info: p9ld says its stack use is not
	// counted, once per calling function, and how to call it instead.
	for _, w := range []string{"main.add calls cadd", "main.main calls as_callback"} {
		if n := strings.Count(r.Stderr, "p9ld: warning: "+w+", which has no function info"); n != 1 {
			t.Errorf("%d warnings that %s (foreign code), want 1:\n%s", n, w, r.Stderr)
		}
	}
	if n := strings.Count(r.Stderr, "; call it through runtime·asmcgocall, which runs it on the M's big g0 stack\n"); n != 2 {
		t.Errorf("%d warnings say to call through runtime·asmcgocall, want 2:\n%s", n, r.Stderr)
	}
	if r := testutil.Run(t, dir, filepath.Join(dir, "prog")); r.Code != 47 {
		t.Errorf("exit status %d, want 47 (cadd(4, 2) + 5 from as_callback); stderr %q", r.Code, r.Stderr)
	}
}

// ldTool is one way to link p9as objects of runtime-src and an example.
type ldTool struct {
	name string
	tool string // program that must be installed
	args func(out string, objs []string) []string
}

var ldTools = []ldTool{
	{"p9ld", "", func(out string, objs []string) []string {
		return append([]string{"--no-runtime", "-o", out}, objs...)
	}},
	{"ld", "ld", func(out string, objs []string) []string {
		return append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", out}, objs...)
	}},
	{"ld.lld", "ld.lld", func(out string, objs []string) []string {
		return append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", out}, objs...)
	}},
}

// TestLinkerGNUAndLLD links p9as's objects of the runtime and each example
// with p9ld, GNU ld and lld, and checks that the programs behave as
// p9ld's own link of the example does: same exit status, same output (for
// programs whose output is not the same from run to run, such as timings,
// the same lines with the same first word).
func TestLinkerGNUAndLLD(t *testing.T) {
	dir := t.TempDir()
	rtFiles, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	var rtObjs []string
	for _, f := range rtFiles {
		rel, _ := filepath.Rel(testutil.RepoRoot, f)
		obj := filepath.Join(dir, "rt_"+strings.TrimSuffix(filepath.Base(f), ".s")+".o")
		testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", obj, rel)
		rtObjs = append(rtObjs, obj)
	}
	examples, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, "examples", "*.s"))
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	for _, ex := range examples {
		name := strings.TrimSuffix(filepath.Base(ex), ".s")
		t.Run(name, func(t *testing.T) {
			rel, _ := filepath.Rel(testutil.RepoRoot, ex)
			ref := filepath.Join(dir, name)
			if r := testutil.Run(t, testutil.RepoRoot, "p9ld", "-o", ref, rel); r.Code != 0 {
				t.Skipf("%s does not link: %s", rel, r.Stderr)
			}
			start := time.Now()
			want := ldRunProgram(t, ref)
			if testing.Short() && time.Since(start) > time.Second {
				t.Skipf("%s runs for %v; skipped in -short mode", rel, time.Since(start))
			}
			stable := -1 // unknown until an output differs from want
			obj := filepath.Join(dir, name+".o")
			testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", obj, rel)
			objs := append(append([]string(nil), rtObjs...), obj)
			for _, l := range ldTools {
				if l.tool != "" {
					if _, err := exec.LookPath(l.tool); err != nil {
						t.Logf("%s not installed", l.tool)
						continue
					}
				}
				out := filepath.Join(dir, name+"-"+l.name)
				testutil.MustRun(t, dir, l.name, l.args(out, objs)...)
				got := ldRunProgram(t, out)
				if ldTimingsMasked(got) == ldTimingsMasked(want) {
					continue
				}
				if stable < 0 {
					stable = 0
					// nosplitptr's report says which goroutine ran away and how
					// deep it went before a guard page: that depends on the
					// layout of the stack chunks, which is the linker's.
					if name != "nosplitptr" && ldRunProgram(t, ref) == want {
						stable = 1
					}
				}
				if stable == 1 || ldOutputShape(got) != ldOutputShape(want) {
					t.Errorf("%s's program: %q, p9ld's: %q", l.name, got, want)
				}
			}
		})
	}
}

// ldRunProgram runs a program with a time limit and returns its exit status
// and output as one string.
// Examples that take a size run here with a small one: the runtime tests
// run them full size. overflow fills Go's 1 GB stack limit: about 6 s.
func ldRunProgram(t *testing.T, path string) string {
	t.Helper()
	args := []string{"60", path}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	for ex, size := range ldExampleSizes {
		if name == ex || strings.HasPrefix(name, ex+"-") {
			args = append(args, strings.Fields(size)...)
		}
	}
	r := testutil.Run(t, filepath.Dir(path), "timeout", args...)
	return fmt.Sprintf("exit %d\n%s%s", r.Code, r.Stdout, failingGoroutine(r.Stderr))
}

// failingGoroutine keeps a fatal error's report up to the goroutine that
// failed: the others it goes on to print (each after "\n\ngoroutine ")
// are caught wherever they were, which varies from run to run.
func failingGoroutine(stderr string) string {
	const sep = "\n\ngoroutine "
	if i := strings.Index(stderr, sep); i >= 0 {
		if j := strings.Index(stderr[i+len(sep):], sep); j >= 0 {
			return stderr[:i+len(sep)+j+1]
		}
	}
	return stderr
}

// ldExampleSizes are the arguments, separated by spaces, given to examples
// that take a size (allocscavenge: a 16 MiB heap and no idling).
var ldExampleSizes = map[string]string{"goroutines1m": "20000", "deeprec": "100000", "nosplitptr": "1000", "hotsplit": "100000",
	"allocchurn": "100000", "allocsizes": "10000", "allocscavenge": "16 0", "mutex": "10000", "nanotime": "1000"}

// ldTimings matches what the examples print that is measured, not
// computed: the ns/op of a micro-benchmark and the time of the sleeps.
var ldTimings = regexp.MustCompile(`(?m)^(\w+ \d+ )\d+$|^(slept \d+ in )\d+( ms)$`)

// ldTimingsMasked replaces the measured numbers in out with "#".
func ldTimingsMasked(out string) string {
	return ldTimings.ReplaceAllString(out, "$1$2#$3")
}

// ldOutputShape keeps the first word of each line, numbers masked, and of
// a traceback's frames the function line, once for a run of the same.
func ldOutputShape(out string) string {
	var b strings.Builder
	last := "\x00"
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "\t") {
			continue // a frame's position: its function line stands for it
		}
		word := ""
		if f := strings.Fields(line); len(f) > 0 {
			word = ldDigits.ReplaceAllString(f[0], "#")
		}
		// A recursion's frames, as many as the stack held, are one.
		if word != last || !strings.HasSuffix(word, "(...)") {
			b.WriteString(word)
			b.WriteByte('\n')
		}
		if word != "" {
			last = word
		}
	}
	return b.String()
}

// ldDigits matches the numbers in a line's first word (a goroutine's id,
// the count of frames a traceback left out).
var ldDigits = regexp.MustCompile(`[0-9]+`)

// assembleRuntime assembles runtime-src/*.s and examples/hello.s with p9as
// into dir, as a user linking with another linker would, and returns the
// object paths.
func assembleRuntime(t *testing.T, dir string) []string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no runtime sources: %v", err)
	}
	var objs []string
	for _, s := range srcs {
		o := filepath.Join(dir, strings.TrimSuffix(filepath.Base(s), ".s")+".o")
		testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", o, s)
		objs = append(objs, o)
	}
	o := filepath.Join(dir, "hello.o")
	testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", o, "examples/hello.s")
	return append(objs, o)
}

// TestGNULinksP9Objects links p9as objects with GNU ld: the objects follow
// ordinary ELF conventions, so the program behaves as p9ld's does.
func TestGNULinksP9Objects(t *testing.T) {
	testutil.NeedTool(t, "ld")
	dir := t.TempDir()
	objs := assembleRuntime(t, dir)
	exe := filepath.Join(dir, "hello-gnu")
	r := testutil.MustRun(t, dir, "ld", append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", exe}, objs...)...)
	if r.Stderr != "" {
		t.Errorf("ld warns:\n%s", r.Stderr)
	}
	out := testutil.MustRun(t, dir, exe)
	if out.Stdout != "hello, world\n" {
		t.Fatalf("GNU-linked hello printed %q", out.Stdout)
	}
}

// TestP9ldLinksObjects links the same objects with p9ld, without the
// embedded runtime.
func TestP9ldLinksObjects(t *testing.T) {
	dir := t.TempDir()
	objs := assembleRuntime(t, dir)
	exe := filepath.Join(dir, "hello-objs")
	testutil.MustRun(t, dir, "p9ld", append([]string{"--no-runtime", "-o", exe}, objs...)...)
	out := testutil.MustRun(t, dir, exe)
	if out.Stdout != "hello, world\n" {
		t.Fatalf("printed %q", out.Stdout)
	}
}
