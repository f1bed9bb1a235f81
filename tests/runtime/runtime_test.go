package runtime_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// runs is how many times each correctness example runs per GOMAXPROCS.
func runs() int {
	if testing.Short() {
		return 5
	}
	if n, err := strconv.Atoi(os.Getenv("P9_RUNTIME_RUNS")); err == nil && n > 0 {
		return n
	}
	return 50
}

// TestSchedulerExamples runs the examples that check the scheduler's and
// channels' results, many times under GOMAXPROCS 1, 2, 4 and 8.
func TestSchedulerExamples(t *testing.T) {
	cases := []struct {
		name string
		want *regexp.Regexp
	}{
		{"goroutines", regexp.MustCompile(`^sum=499500\nthreads=(\d+)\n$`)},
		{"pingpong", regexp.MustCompile(`^pingpong 100000\n$`)},
		{"pipeline", regexp.MustCompile(`^pipeline sum=51005000\n$`)},
		{"select", regexp.MustCompile(`^a 1000 500500\nb 1000 1500500\ntimeout\nnothing ready\n$`)},
	}
	for _, c := range cases {
		exe := testutil.BuildExample(t, c.name)
		for _, procs := range []int{1, 2, 4, 8} {
			t.Run(fmt.Sprintf("%s/GOMAXPROCS=%d", c.name, procs), func(t *testing.T) {
				n := runs()
				var mu sync.Mutex
				threads := map[int]int{}
				testutil.ParallelRuns(n, func(i int) {
					out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 30*time.Second)
					mu.Lock()
					defer mu.Unlock()
					if err != nil || code != 0 || !c.want.MatchString(out) {
						t.Errorf("run %d: exit %d, err %v\nstdout: %q\nstderr: %q", i, code, err, out, errOut)
						return
					}
					if m := c.want.FindStringSubmatch(out); len(m) > 1 {
						k, _ := strconv.Atoi(m[1])
						threads[k]++
						// More than procs only in a race Go's scheduler
						// has too: an M gives up its P before it joins
						// the idle Ms, and a wakep in between starts a
						// new M for the P. With one P, wakep starts none.
						if k < 1 || k > procs && (procs == 1 || k > 2*procs) {
							t.Errorf("run %d: %d threads ran goroutines with GOMAXPROCS=%d", i, k, procs)
						}
					}
				})
				if c.name == "goroutines" {
					t.Logf("threads that ran workers (count: runs): %v", threads)
					over := 0
					for k, v := range threads {
						if k > procs {
							over += v
						}
					}
					if over*10 > n {
						t.Errorf("more than %d threads ran goroutines in %d of %d runs: the race is rare", procs, over, n)
					}
					if procs >= 4 {
						multi := 0
						for k, v := range threads {
							if k >= 2 {
								multi += v
							}
						}
						if multi*2 <= n {
							t.Errorf("threads >= 2 in only %d of %d runs", multi, n)
						}
					}
				}
			})
		}
	}
}

// TestSieveAndWorkerPool runs the scheduler benchmarks that check their
// own answers with small sizes, a few times under GOMAXPROCS 1, 2 and 4:
// examples/sieve.s (its 300th prime must be trial division's, 1987) and
// examples/workerpool.s, buffered and unbuffered (the sum of twice
// 1..20000 must come to 20000 × 20001); either exits 1 on a wrong answer.
func TestSieveAndWorkerPool(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want *regexp.Regexp
	}{
		{"sieve", []string{"300"}, regexp.MustCompile(`^sieve 300 \d+\n$`)},
		{"workerpool", []string{"20000"}, regexp.MustCompile(`^workerpool 20000 \d+\n$`)},
		{"workerpool", []string{"20000", "0"}, regexp.MustCompile(`^workerpool 20000 \d+\n$`)},
		{"workerpool", []string{"20000", "1"}, regexp.MustCompile(`^workerpool 20000 \d+\n$`)},
	}
	exes := map[string]string{}
	for _, c := range cases {
		if exes[c.name] == "" {
			exes[c.name] = testutil.BuildExample(t, c.name)
		}
		for _, procs := range []int{1, 2, 4} {
			for run := 0; run < 5; run++ {
				out, errOut, code := runArgs(t, exes[c.name], procs, time.Minute, c.args...)
				if code != 0 || !c.want.MatchString(out) {
					t.Fatalf("%s %v GOMAXPROCS=%d: exit %d\nstdout: %q\nstderr: %q", c.name, c.args, procs, code, out, shortStderr(errOut))
				}
			}
		}
	}
}

// TestMicroBenchmarkExamples checks that the benchmark examples run and
// report "<name> <N> <ns/op>".
func TestMicroBenchmarkExamples(t *testing.T) {
	for _, name := range []string{"yield", "spawn", "chan", "selectloop", "preempt"} {
		exe := testutil.BuildExample(t, name)
		for _, procs := range []int{1, 2, 4} {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 60*time.Second)
			want := regexp.MustCompile(`^` + name + ` (\d+) (\d+)\n$`)
			if err != nil || code != 0 || !want.MatchString(out) {
				t.Errorf("%s GOMAXPROCS=%d: exit %d, err %v\nstdout: %q\nstderr: %q", name, procs, code, err, out, errOut)
				continue
			}
			t.Logf("GOMAXPROCS=%d: %s", procs, strings.TrimSpace(out))
		}
	}
}

// TestFatalErrors: misuse of channels and runtime·throw end the program
// with "fatal error: ..." on standard error and exit status 2.
func TestFatalErrors(t *testing.T) {
	prologue := "#include \"textflag.h\"\n#include \"test.h\"\n"
	cases := []struct {
		name, src, msg string
	}{
		{"send on closed channel", prologue + `
TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($1)
	MOVQ	AX, c-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	CHANSEND(c-8(SP), c-8(SP))
	RET
`, "send on closed channel"},
		{"close of closed channel", prologue + `
TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($0)
	MOVQ	AX, c-8(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	MOVQ	c-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·closechan(SB)
	RET
`, "close of closed channel"},
		{"throw", prologue + `
DATA msg<>+0(SB)/8, $"it broke"
GLOBL msg<>(SB), RODATA|NOPTR, $9
TEXT main·main(SB), NOSPLIT, $16-0
	LEAQ	msg<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·throw(SB)
	RET
`, "it broke"},
		{"deadlock", prologue + `
TEXT main·main(SB), NOSPLIT, $32-0
	MAKECHAN($0)
	MOVQ	AX, 0(SP)
	LEAQ	v-8(SP), AX
	MOVQ	AX, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET
`, "all goroutines are asleep - deadlock!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exe := testutil.LinkProgram(t, c.src)
			for _, procs := range []int{1, 4} {
				out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 10*time.Second)
				if err != nil || code != 2 {
					t.Errorf("GOMAXPROCS=%d: exit %d, err %v, want exit 2\nstderr: %q", procs, code, err, errOut)
				}
				// A deadlock is found by the scheduler with no goroutine
				// running: it reports the waiting ones (as Go: main.main
				// only, not the runtime's frames); the other errors name
				// the goroutine that failed first.
				if c.name == "deadlock" {
					want := regexp.MustCompile(`^fatal error: ` + regexp.QuoteMeta(c.msg) + `\n\ngoroutine 1 \[chan receive\]:\nmain\.main\(\.\.\.\)\n\tp\.s:9 \+0x[0-9a-f]+\n$`)
					if !want.MatchString(errOut) {
						t.Errorf("GOMAXPROCS=%d: stderr %q, want it to match %s", procs, errOut, want)
					}
				} else if frames, _ := parseTraceback(t, errOut, "fatal error: "+c.msg); !hasMain(frames) {
					t.Errorf("GOMAXPROCS=%d: the traceback does not reach main.main:\n%s", procs, errOut)
				}
				if out != "" {
					t.Errorf("stdout %q, want nothing", out)
				}
			}
		})
	}
}

// TestThreadsCreated: under GOMAXPROCS=4 the runtime makes OS threads
// with clone, as strace shows.
func TestThreadsCreated(t *testing.T) {
	testutil.NeedTool(t, "strace")
	exe := testutil.BuildExample(t, "goroutines")
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command("strace", "-f", "-e", "trace=clone,clone3", "-o", trace, exe)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=4")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here: %v\n%s", err, out)
	}
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	clones := regexp.MustCompile(`clone\(.*CLONE_THREAD`).FindAllString(string(data), -1)
	if len(clones) < 1 {
		t.Fatalf("no thread was created:\n%s", data)
	}
	t.Logf("%d threads created", len(clones))
}

// TestInitFunctions: p9ld runs every package init function, in link
// order, before main·main.
func TestInitFunctions(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"a.s": `#include "textflag.h"
#include "test.h"
DATA a<>+0(SB)/2, $"a\n"
GLOBL a<>(SB), RODATA|NOPTR, $2
TEXT main·init(SB), NOSPLIT, $16-0
	PRINT_STRING(a<>(SB), 2)
	RET
TEXT main·main(SB), NOSPLIT, $16-0
	PRINT_STRING(m<>(SB), 5)
	RET
DATA m<>+0(SB)/5, $"main\n"
GLOBL m<>(SB), RODATA|NOPTR, $5
`,
		"b.s": `#include "textflag.h"
#include "test.h"
DATA b<>+0(SB)/2, $"b\n"
GLOBL b<>(SB), RODATA|NOPTR, $2
TEXT other·init(SB), NOSPLIT, $16-0
	PRINT_STRING(b<>(SB), 2)
	RET
`,
	})
	testutil.MustRun(t, dir, "p9ld", "-I", testutil.HeaderDir, "-o", "p", "b.s", "a.s")
	r := testutil.MustRun(t, dir, filepath.Join(dir, "p"))
	if r.Stdout != "b\na\nmain\n" {
		t.Errorf("printed %q, want inits in link order then main", r.Stdout)
	}
}

// hasMain reports whether a traceback reaches main.main.
func hasMain(frames []traceFrame) bool {
	for _, f := range frames {
		if f.fn == "main.main" {
			return true
		}
	}
	return false
}
