// Package testutil is what p9's end-to-end test packages share: p9as and
// p9ld built once per test binary, and running them and other programs.
//
// Each package under tests/ calls Main from its TestMain. Every test
// binary builds the commands itself; Go's build cache makes every build
// after the first cheap.
package testutil

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// RepoRoot is the repository's top directory.
var RepoRoot = repoRoot()

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// bin is the directory holding p9as and p9ld, built by Main.
var bin string

// Main builds p9as and p9ld into a temporary directory, runs the tests
// and exits; a package's TestMain is just a call of Main.
func Main(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "p9-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = dir
	cmd := exec.Command("go", "build", "-o", dir, "./cmd/p9as", "./cmd/p9ld")
	cmd.Dir = RepoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the commands: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// Exe returns the path of a p9 command (p9as or p9ld) built by Main.
func Exe(name string) string {
	if bin == "" {
		panic("testutil: the commands are not built; call testutil.Main from TestMain")
	}
	return filepath.Join(bin, name)
}

// Result is what a command did.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Run runs name (a p9 command, or any program on PATH or given by path)
// in dir and returns its output and exit status.
func Run(t *testing.T, dir, name string, args ...string) Result {
	t.Helper()
	path := name
	if name == "p9as" || name == "p9ld" {
		path = Exe(name)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", name, err)
		}
		code = ee.ExitCode()
	}
	return Result{stdout.String(), stderr.String(), code}
}

// MustRun runs a command that must succeed.
func MustRun(t *testing.T, dir, name string, args ...string) Result {
	t.Helper()
	r := Run(t, dir, name, args...)
	if r.Code != 0 {
		t.Fatalf("%s %v: exit %d\nstdout:\n%s\nstderr:\n%s", name, args, r.Code, r.Stdout, r.Stderr)
	}
	return r
}

// NeedTool skips the test when a program it checks against is missing.
func NeedTool(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s not installed", n)
		}
	}
}

// WriteFiles creates files (name → contents) under dir.
func WriteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// GoRoot returns the installed Go's GOROOT, or skips the test.
func GoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("go env GOROOT:", err)
	}
	return strings.TrimSpace(string(out))
}

// BuildExample links examples/<name>.s with the bundled runtime.
func BuildExample(t *testing.T, name string) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), name)
	MustRun(t, RepoRoot, "p9ld", "-o", exe, filepath.Join("examples", name+".s"))
	return exe
}

// LinkPVH links sources (paths relative to the repository's top) into a
// PVH image in dir; they may include test.h (see HeaderDir).
func LinkPVH(t *testing.T, dir, name string, sources ...string) string {
	t.Helper()
	img := filepath.Join(dir, name+".img")
	MustRun(t, RepoRoot, "p9ld", append([]string{"-H", "pvh", "-I", HeaderDir, "-o", img}, sources...)...)
	return img
}

// HeaderDir holds test.h, the macros for the runtime calls that the test
// programs make again and again (print, make a channel, send, receive,
// start a goroutine). The programs in it include it from there; the ones
// a test writes elsewhere find it with -I HeaderDir.
var HeaderDir = filepath.Join(RepoRoot, "tests", "runtime", "testdata")

// LinkProgram writes src as p.s in a new temporary directory and links it
// with the runtime and any more p9ld arguments (-I HeaderDir among them,
// for test.h) into p there, whose path it returns.
func LinkProgram(t *testing.T, src string, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	WriteFiles(t, dir, map[string]string{"p.s": src})
	MustRun(t, dir, "p9ld", append(append([]string{"-I", HeaderDir}, args...), "-o", "p", "p.s")...)
	return filepath.Join(dir, "p")
}

// RunWithTimeout runs exe with GOMAXPROCS=procs and a deadline; a run
// that does not finish in time is reported as a hang.
func RunWithTimeout(exe string, procs int, timeout time.Duration) (stdout, stderr string, code int, err error) {
	return RunEnvWithTimeout(exe, procs, timeout)
}

// RunEnvWithTimeout is RunWithTimeout with more environment settings
// ("GOGC=1").
func RunEnvWithTimeout(exe string, procs int, timeout time.Duration, env ...string) (stdout, stderr string, code int, err error) {
	stdout, stderr, code, _, err = RunMaxRSS(exe, procs, timeout, env...)
	return stdout, stderr, code, err
}

// RunMaxRSS is RunWithTimeout that also reports the most memory the
// program had resident at once (its rusage ru_maxrss), in bytes.
func RunMaxRSS(exe string, procs int, timeout time.Duration, env ...string) (stdout, stderr string, code int, maxRSS int64, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs)), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return out.String(), errb.String(), -1, 0, fmt.Errorf("hung: no exit within %v", timeout)
	}
	if cmd.ProcessState == nil {
		return out.String(), errb.String(), 0, 0, runErr // it did not start
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	if ee, ok := runErr.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode(), maxRSS, nil
	}
	return out.String(), errb.String(), 0, maxRSS, runErr
}

// ResidentBytes returns the VmRSS of the running process pid, from
// /proc/<pid>/status.
func ResidentBytes(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
				return 0, err
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("/proc/%d/status: no VmRSS", pid)
}

// RuntimeArchiveLinkArgs are the arguments with which GNU ld or lld link
// every member of the runtime p9ld carries (runtime-src/obj/linux.a), in
// the order p9ld links them: before the objects that follow.
func RuntimeArchiveLinkArgs() []string {
	return []string{"--whole-archive", filepath.Join(RepoRoot, "runtime-src", "obj", "linux.a"), "--no-whole-archive"}
}

// ParallelRuns calls f(0..n-1), two at a time (the machines have 2 cores).
func ParallelRuns(n int, f func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
