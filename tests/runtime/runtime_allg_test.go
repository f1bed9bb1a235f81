package runtime_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// lineOf returns the number of the line of testdata/<name>.s that holds
// marker (a comment), failing unless exactly one does.
func lineOf(t *testing.T, name, marker string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(testutil.RepoRoot, "tests", "runtime", "testdata", name+".s"))
	if err != nil {
		t.Fatal(err)
	}
	found := ""
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasSuffix(l, marker) {
			if found != "" {
				t.Fatalf("%s.s: %q on lines %s and %d", name, marker, found, i+1)
			}
			found = strconv.Itoa(i + 1)
		}
	}
	if found == "" {
		t.Fatalf("%s.s: no line ends with %q", name, marker)
	}
	return found
}

// hasFunc reports whether frames hold fn, at any line of a file ending in
// fileSuffix.
func hasFunc(frames []traceFrame, fn, fileSuffix string) bool {
	for _, f := range frames {
		if f.fn == fn && strings.HasSuffix(f.file, fileSuffix) {
			return true
		}
	}
	return false
}

// TestDeadlockReportsEveryGoroutine: a deadlock prints, as Go's does,
// every goroutine after the message, in the order they were made: its
// header with why it waits ("chan receive", "chan send", "chan receive
// (nil chan)"), the frame of the program's function where it blocked
// (the runtime's own frames left out, as Go leaves them out of a fatal
// error the program made), and where it was created.
func TestDeadlockReportsEveryGoroutine(t *testing.T) {
	exe := buildRuntimeProgram(t, "deadlock")
	want := []struct {
		status, fn, at, created string // at, created: markers of lines
	}{
		{"chan receive", "main.main", "// main blocks", ""},
		{"chan receive", "main.recv", "// recv blocks", "// go recv (first)"},
		{"chan send", "main.send", "// send blocks", "// go send"},
		{"chan receive", "main.recv", "// recv blocks", "// go recv (second)"},
		{"chan receive (nil chan)", "main.recvnil", "// recvnil blocks", "// go recvnil"},
	}
	for _, procs := range []int{1, 2, 4} {
		for run := 0; run < runsOf(3); run++ {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, 10*time.Second)
			if err != nil || code != 2 || out != "" {
				t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q; want exit 2 and no output\nstderr:\n%s", procs, code, err, out, errOut)
			}
			gs, regs := parseGoroutines(t, errOut, "fatal error: all goroutines are asleep - deadlock!")
			if regs != nil || len(gs) != len(want) {
				t.Fatalf("GOMAXPROCS=%d: %d goroutines and %d registers, want %d goroutines and no registers:\n%s", procs, len(gs), len(regs), len(want), errOut)
			}
			prev := 0
			for i, w := range want {
				g := gs[i]
				id, _ := strconv.Atoi(g.id)
				if i == 0 && id != 1 || id <= prev {
					t.Errorf("GOMAXPROCS=%d: goroutine %d is number %d: want 1 first, then increasing ids:\n%s", procs, i+1, id, errOut)
				}
				prev = id
				if g.status != w.status {
					t.Errorf("GOMAXPROCS=%d: goroutine %s is [%s], want [%s]:\n%s", procs, g.id, g.status, w.status, errOut)
				}
				line := lineOf(t, "deadlock", w.at)
				if len(g.frames) != 1 || !hasFrame(g.frames, w.fn, "deadlock.s", line) {
					t.Errorf("GOMAXPROCS=%d: goroutine %s: frames %v, want only %s at deadlock.s:%s:\n%s", procs, g.id, g.frames, w.fn, line, errOut)
				}
				if w.created == "" {
					if g.createdBy != "" {
						t.Errorf("GOMAXPROCS=%d: goroutine 1 says it was created by %s", procs, g.createdBy)
					}
					continue
				}
				line = lineOf(t, "deadlock", w.created)
				if g.createdBy != "main.main in goroutine 1" || !strings.HasSuffix(g.createdAt.file, "deadlock.s") || g.createdAt.line != line {
					t.Errorf("GOMAXPROCS=%d: goroutine %s created by %q at %s:%s, want main.main in goroutine 1 at deadlock.s:%s", procs, g.id, g.createdBy, g.createdAt.file, g.createdAt.line, line)
				}
			}
		}
	}
}

// TestSIGQUITReportsEveryGoroutine: kill -QUIT ends a program as it ends
// a Go program: "SIGQUIT: quit", the PC, M and signal code, then every
// goroutine with all its frames, the runtime's too (a receiver, a sleeper,
// main waiting; one that never stops is either stopped where it was or
// running on another thread, whose stack cannot be read), then the
// registers; exit status 2.
func TestSIGQUITReportsEveryGoroutine(t *testing.T) {
	exe := buildRuntimeProgram(t, "sigquit")
	header := regexp.MustCompile(`^SIGQUIT: quit\nPC=0x[0-9a-f]+ m=\d+ sigcode=0$`)
	regNames := []string{"rax", "rbx", "rcx", "rdx", "rdi", "rsi", "rbp", "rsp", "r8", "r9", "r10", "r11",
		"r12", "r13", "r14", "r15", "rip", "rflags", "cs", "fs", "gs"}
	for _, procs := range []string{"1", "2", "4"} {
		t.Setenv("GOMAXPROCS", procs)
		for run := 0; run < runsOf(3); run++ {
			cmd, _, stderr := startWithReady(t, exe)
			time.Sleep(100 * time.Millisecond) // main reaches its receive
			if err := cmd.Process.Signal(syscall.SIGQUIT); err != nil {
				t.Fatal(err)
			}
			err := waitExit(t, cmd, 10*time.Second)
			errOut := stderr.String()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("GOMAXPROCS=%s: %v (signal %v), want exit status 2\nstderr:\n%s", procs, err, signalOf(err), errOut)
			}
			lines := strings.SplitN(errOut, "\n", 3)
			if len(lines) < 3 || !header.MatchString(lines[0]+"\n"+lines[1]) {
				t.Fatalf("GOMAXPROCS=%s: stderr does not start as Go's does (SIGQUIT: quit, PC=0x… m=N sigcode=0):\n%s", procs, errOut)
			}
			gs, regs := parseGoroutines(t, errOut, lines[0]+"\n"+lines[1])
			if len(regs) != len(regNames) {
				t.Fatalf("GOMAXPROCS=%s: %d register lines, want %d:\n%s", procs, len(regs), len(regNames), errOut)
			}
			for i, r := range regs {
				if !strings.HasPrefix(r, regNames[i]+" ") {
					t.Errorf("GOMAXPROCS=%s: register line %d is %q, want %s", procs, i, r, regNames[i])
				}
			}
			// Each goroutine by where it was created (main: goroutine 1).
			byCreation := map[string]goroutineDump{}
			for _, g := range gs {
				key := g.createdAt.line
				if g.id == "1" {
					key = "main"
				} else if g.createdBy != "main.main in goroutine 1" || !strings.HasSuffix(g.createdAt.file, "sigquit.s") {
					t.Errorf("GOMAXPROCS=%s: goroutine %s created by %q at %s", procs, g.id, g.createdBy, g.createdAt.file)
				}
				if _, dup := byCreation[key]; dup {
					t.Errorf("GOMAXPROCS=%s: goroutine %s reported twice:\n%s", procs, key, errOut)
				}
				byCreation[key] = g
			}
			if len(gs) != 4 {
				t.Errorf("GOMAXPROCS=%s: %d goroutines, want 4 (main, recv, sleeper, spin):\n%s", procs, len(gs), errOut)
			}
			check := func(key, status, fn, marker string) {
				t.Helper()
				g, ok := byCreation[key]
				if !ok {
					t.Errorf("GOMAXPROCS=%s: no goroutine for %s:\n%s", procs, fn, errOut)
					return
				}
				if g.status != status {
					t.Errorf("GOMAXPROCS=%s: %s's goroutine is [%s], want [%s]:\n%s", procs, fn, g.status, status, errOut)
				}
				if line := lineOf(t, "sigquit", marker); !hasFrame(g.frames, fn, "sigquit.s", line) {
					t.Errorf("GOMAXPROCS=%s: %s's goroutine has no frame %s at sigquit.s:%s:\n%s", procs, fn, fn, line, errOut)
				}
			}
			check("main", "chan receive", "main.main", "// main blocks")
			check(lineOf(t, "sigquit", "// go recv"), "chan receive", "main.recv", "// recv blocks")
			check(lineOf(t, "sigquit", "// go sleeper"), "sleep", "main.sleeper", "// sleeper sleeps")
			if g := byCreation["main"]; !hasFunc(g.frames, "runtime.chanrecv1", "chan_amd64.s") {
				t.Errorf("GOMAXPROCS=%s: the main goroutine's frames leave out the runtime's (runtime.chanrecv1):\n%s", procs, errOut)
			}
			spin := byCreation[lineOf(t, "sigquit", "// go spin")]
			switch {
			case spin.status == "running" && spin.unavailable && spin.id != gs[0].id:
			case (spin.status == "running" || spin.status == "runnable") && hasFunc(spin.frames, "main.spin", "sigquit.s"):
			default:
				t.Errorf("GOMAXPROCS=%s: the spinning goroutine is [%s] with frames %v, want it running elsewhere or stopped in main.spin:\n%s", procs, spin.status, spin.frames, errOut)
			}
		}
	}
}
