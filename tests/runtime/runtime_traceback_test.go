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
	elided      bool // "...N frames elided...": the middle was left out
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
	// traceElidedLine stands for the middle frames of a deep stack.
	traceElidedLine = regexp.MustCompile(`^\.\.\.\d+ frames elided\.\.\.$`)
	// stackLimitLines is what comes before "fatal error: stack overflow"
	// when a goroutine's stack would pass Go's 1 GB limit.
	stackLimitLines = regexp.MustCompile(`^runtime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=0x[0-9a-f]+ stack=\[0x[0-9a-f]+, 0x[0-9a-f]+\]\n`)
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
		// Past 100 frames, Go prints the innermost and outermost 50 with a
		// line between them that counts the rest.
		for i, l := range lines {
			if traceElidedLine.MatchString(l) {
				if i != 100 {
					t.Fatalf("%q after %d frame lines, want it after 50 frames:\n%s", l, i, stderr)
				}
				g.elided, lines = true, append(lines[:i:i], lines[i+1:]...)
				break
			}
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

// TestTracebackDeep: recursion that passes the 1 GB stack limit prints,
// as Go does, the limit, the innermost and outermost 50 frames with the
// number left out between them: the recursing function at the line of its
// call, and at the bottom main.main and runtime.main.
func TestTracebackDeep(t *testing.T) {
	exe := testutil.BuildExample(t, "overflow")
	_, errOut, code, err := testutil.RunWithTimeout(exe, 1, 60*time.Second)
	if err != nil || code != 2 {
		t.Fatalf("exit %d, err %v; stderr %q", code, err, errOut)
	}
	limit := stackLimitLines.FindString(errOut)
	if limit == "" {
		t.Fatalf("stderr does not start with the stack limit lines:\n%.2000s", errOut)
	}
	frames, elided := parseTraceback(t, errOut[len(limit):], "fatal error: stack overflow")
	if !elided || len(frames) != 100 {
		t.Fatalf("%d frames, elided %v: want 100 and the line that counts the rest", len(frames), elided)
	}
	calls := 0
	for _, f := range frames {
		if f.fn == "main.recurse" && strings.HasSuffix(f.file, "examples/overflow.s") && f.line == "17" {
			calls++
		}
	}
	if calls != 97 {
		t.Errorf("%d frames of main.recurse at overflow.s:17 (its recursive call), want all but the first and the last two:\n%s", calls, errOut)
	}
	if f := frames[98]; f.fn != "main.main" || f.line != "13" {
		t.Errorf("frame 98 is %v, want main.main at overflow.s:13", f)
	}
	if f := frames[99]; f.fn != "runtime.main" {
		t.Errorf("the last frame is %v, want runtime.main", f)
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
	rtObjs := testutil.RuntimeArchiveLinkArgs()
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
	exe := testutil.LinkProgram(t, `#include "textflag.h"
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
`)
	for _, procs := range []int{1, 2} {
		_, errOut, code, err := testutil.RunWithTimeout(exe, procs, 10*time.Second)
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
