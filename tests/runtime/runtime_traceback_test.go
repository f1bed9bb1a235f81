package runtime_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// traceFrame is one frame as a fatal error's traceback prints it.
type traceFrame struct {
	fn, file string
	line     string
}

// goroutineDump is one goroutine of a fatal error's report: "goroutine N
// [status]:", its frames (or the line that says they cannot be read),
// and where it was started.
type goroutineDump struct {
	id, status  string
	frames      []traceFrame
	elided      bool // "...additional frames elided..."
	unavailable bool // running on another thread: no frames
	createdBy   string
	createdAt   traceFrame // fn empty
}

var (
	traceFuncLine      = regexp.MustCompile(`^([\w./·]+)\(\.\.\.\)$`)
	tracePosLine       = regexp.MustCompile(`^\t(\S+):(\d+) \+0x[0-9a-f]+$`)
	traceGoroutineLine = regexp.MustCompile(`^goroutine (\d+) \[([^\]]+)\]:$`)
	traceCreatedLine   = regexp.MustCompile(`^created by (\S+ in goroutine \d+)$`)
	traceRegLine       = regexp.MustCompile(`^(rax|rbx|rcx|rdx|rdi|rsi|rbp|rsp|r8|r9|r1[0-5]|rip|rflags|cs|fs|gs) +0x[0-9a-f]+$`)
)

// traceOtherThread is what Go prints for a goroutine running elsewhere.
const traceOtherThread = "\tgoroutine running on other thread; stack unavailable"

// parseGoroutines checks that stderr is header, then goroutines as Go
// prints them, each after a blank line, perhaps ending with a blank line
// and the registers ("rax    0x1f"), and returns the goroutines and the
// register lines.
func parseGoroutines(t *testing.T, stderr, header string) (gs []goroutineDump, regs []string) {
	t.Helper()
	rest, ok := strings.CutPrefix(stderr, header+"\n\n")
	if !ok {
		t.Fatalf("stderr %q does not start with %q and a blank line", stderr, header)
	}
	for _, block := range strings.Split(strings.TrimSuffix(rest, "\n"), "\n\n") {
		lines := strings.Split(block, "\n")
		if traceRegLine.MatchString(lines[0]) {
			for _, l := range lines {
				if !traceRegLine.MatchString(l) {
					t.Fatalf("register line %q is not as Go prints it:\n%s", l, stderr)
				}
			}
			regs = lines
			continue
		}
		if regs != nil {
			t.Fatalf("goroutines after the registers:\n%s", stderr)
		}
		m := traceGoroutineLine.FindStringSubmatch(lines[0])
		if m == nil {
			t.Fatalf("goroutine line %q is not as Go prints it:\n%s", lines[0], stderr)
		}
		g := goroutineDump{id: m[1], status: m[2]}
		lines = lines[1:]
		if n := len(lines); n >= 2 {
			if c := traceCreatedLine.FindStringSubmatch(lines[n-2]); c != nil {
				p := tracePosLine.FindStringSubmatch(lines[n-1])
				if p == nil {
					t.Fatalf("created-by position %q is not as Go prints it", lines[n-1])
				}
				g.createdBy, g.createdAt = c[1], traceFrame{"", p[1], p[2]}
				lines = lines[:n-2]
			}
		}
		if len(lines) == 1 && lines[0] == traceOtherThread {
			g.unavailable, lines = true, nil
		}
		if n := len(lines); n > 0 && lines[n-1] == "...additional frames elided..." {
			g.elided, lines = true, lines[:n-1]
		}
		if len(lines)%2 != 0 {
			t.Fatalf("an odd number of frame lines:\n%s", stderr)
		}
		for i := 0; i < len(lines); i += 2 {
			f, p := traceFuncLine.FindStringSubmatch(lines[i]), tracePosLine.FindStringSubmatch(lines[i+1])
			if f == nil || p == nil {
				t.Fatalf("frame lines %q, %q are not as Go prints them", lines[i], lines[i+1])
			}
			g.frames = append(g.frames, traceFrame{f[1], p[1], p[2]})
		}
		gs = append(gs, g)
	}
	if len(gs) == 0 {
		t.Fatalf("no goroutine in %q", stderr)
	}
	return gs, regs
}

// parseTraceback checks that stderr is header, then the goroutine that
// failed, "goroutine N [running]:" and its frames, then perhaps others,
// and returns that goroutine's frames and whether the rest were left out.
func parseTraceback(t *testing.T, stderr, header string) (frames []traceFrame, elided bool) {
	t.Helper()
	gs, _ := parseGoroutines(t, stderr, header)
	if gs[0].status != "running" {
		t.Fatalf("first goroutine is [%s], want the failing one, [running]:\n%s", gs[0].status, stderr)
	}
	return gs[0].frames, gs[0].elided
}

// hasFrame reports whether frames hold fn at file:line.
func hasFrame(frames []traceFrame, fn, fileSuffix, line string) bool {
	for _, f := range frames {
		if f.fn == fn && strings.HasSuffix(f.file, fileSuffix) && f.line == line {
			return true
		}
	}
	return false
}

// TestTracebackDeep: unbounded recursion prints the recursing function's
// frames, each at the line of its call, and says when it stops printing.
func TestTracebackDeep(t *testing.T) {
	exe := testutil.BuildExample(t, "overflow")
	_, errOut, code, err := testutil.RunWithTimeout(exe, 1, 10*time.Second)
	if err != nil || code != 2 {
		t.Fatalf("exit %d, err %v; stderr %q", code, err, errOut)
	}
	frames, elided := parseTraceback(t, errOut, "fatal error: stack overflow")
	if !elided || len(frames) != 100 {
		t.Errorf("%d frames, elided %v: want the first 100 and the line that says more were left out", len(frames), elided)
	}
	calls := 0
	for _, f := range frames {
		if f.fn == "main.recurse" && strings.HasSuffix(f.file, "examples/overflow.s") && f.line == "15" {
			calls++
		}
	}
	if calls < 90 {
		t.Errorf("%d frames of main.recurse at overflow.s:15 (its recursive call), want most of them:\n%s", calls, errOut)
	}
}

// TestTracebackThroughLinkers: a program linked by GNU ld also prints its
// frames on a fatal error (the runtime finds the function table through
// __start_p9_functab).
func TestTracebackThroughLinkers(t *testing.T) {
	testutil.NeedTool(t, "ld")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
TEXT main·main(SB), $16-0
	CALL	main·poke(SB)
	RET
TEXT main·poke(SB), NOSPLIT, $0
	MOVQ	$0x10, AX
	MOVQ	$1, 0(AX)
	RET
`})
	rtObjs, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "obj", "linux", "*.o"))
	testutil.MustRun(t, dir, "p9as", "-p", "main", "-I", filepath.Join(testutil.RepoRoot, "runtime-src"), "-o", "p.o", "p.s")
	testutil.MustRun(t, dir, "ld", append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", "gnu"}, append(rtObjs, "p.o")...)...)
	testutil.MustRun(t, dir, "p9ld", "-o", "p9", "p.s")
	for _, exe := range []string{"p9", "gnu"} {
		_, errOut, code, err := testutil.RunWithTimeout(filepath.Join(dir, exe), 1, 10*time.Second)
		if err != nil || code != 2 {
			t.Fatalf("%s: exit %d, err %v; stderr %q", exe, code, err, errOut)
		}
		header := errOut[:strings.Index(errOut, "\n")]
		frames, _ := parseTraceback(t, errOut, header)
		if !hasFrame(frames, "main.poke", "p.s", "7") || !hasFrame(frames, "main.main", "p.s", "3") {
			t.Errorf("%s: want main.poke at p.s:7 (the fault) and main.main at p.s:3 (its call):\n%s", exe, errOut)
		}
	}
}

// TestTracebackCreatedBy: a goroutine's traceback ends, as Go's does, with
// where it was started: "created by main.main in goroutine 1" and the
// file and line of the call to newproc.
func TestTracebackCreatedBy(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
TEXT main·main(SB), $16-0
	LEAQ	pokefn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
wait:
	CALL	runtime·Gosched(SB)
	JMP	wait
TEXT main·poke(SB), NOSPLIT, $0
	MOVQ	$0x10, AX
	MOVQ	$1, 0(AX)
	RET
DATA pokefn<>+0(SB)/8, $main·poke(SB)
GLOBL pokefn<>(SB), RODATA, $8
`})
	testutil.MustRun(t, dir, "p9ld", "-o", "p", "p.s")
	for _, procs := range []int{1, 2} {
		_, errOut, code, err := testutil.RunWithTimeout(filepath.Join(dir, "p"), procs, 10*time.Second)
		if err != nil || code != 2 {
			t.Fatalf("exit %d, err %v; stderr %q", code, err, errOut)
		}
		header := errOut[:strings.Index(errOut, "\n")]
		frames, _ := parseTraceback(t, errOut, header)
		if !hasFrame(frames, "main.poke", "p.s", "11") {
			t.Errorf("GOMAXPROCS=%d: no main.poke at p.s:11:\n%s", procs, errOut)
		}
		gs, _ := parseGoroutines(t, errOut, header)
		if g := gs[0]; g.id == "1" || g.createdBy != "main.main in goroutine 1" || !strings.HasSuffix(g.createdAt.file, "p.s") || g.createdAt.line != "5" {
			t.Errorf("GOMAXPROCS=%d: the traceback does not end with where the goroutine was created (main.main, p.s:5):\n%s", procs, errOut)
		}
	}
}
