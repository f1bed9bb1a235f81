package runtime_test

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// buildRuntimeProgram links tests/runtime/testdata/<name>.s (and any extra
// inputs) with the bundled runtime.
func buildRuntimeProgram(t *testing.T, name string, extra ...string) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), name)
	args := append([]string{"-o", exe, filepath.Join("tests", "runtime", "testdata", name+".s")}, extra...)
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", args...)
	return exe
}

// brokenPipe returns the write end of a pipe whose read end is closed.
func brokenPipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}

// signalOf is the signal that ended a process, or 0.
func signalOf(err error) syscall.Signal {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return ws.Signal()
		}
	}
	return 0
}

// TestBrokenPipe: a write to a pipe without a reader is an EPIPE result on
// any descriptor but 1 and 2; on standard output the program dies of
// SIGPIPE. A Go program doing the same writes dies the same way.
func TestBrokenPipe(t *testing.T) {
	exe := buildRuntimeProgram(t, "sigpipe")

	// Descriptor 3 broken, standard output fine: -32, then survives.
	cmd := exec.Command(exe)
	cmd.ExtraFiles = []*os.File{brokenPipe(t)}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("fd 3 broken: %v (signal %v), stderr %q", err, signalOf(err), stderr.String())
	}
	if got, want := stderr.String(), "-32\nsurvived\n"; got != want {
		t.Errorf("fd 3 broken: stderr %q, want %q", got, want)
	}
	if stdout.String() != "hello\n" {
		t.Errorf("fd 3 broken: stdout %q, want %q", stdout.String(), "hello\n")
	}

	// Both broken: the write to standard output kills it with SIGPIPE.
	cmd = exec.Command(exe)
	cmd.ExtraFiles = []*os.File{brokenPipe(t)}
	cmd.Stdout = brokenPipe(t)
	stderr.Reset()
	cmd.Stderr = &stderr
	err := cmd.Run()
	if sig := signalOf(err); sig != syscall.SIGPIPE {
		t.Errorf("stdout broken: %v, want death by SIGPIPE; stderr %q", err, stderr.String())
	}
	if got, want := stderr.String(), "-32\n"; got != want {
		t.Errorf("stdout broken: stderr %q, want %q (nothing after the write to fd 1)", got, want)
	}

	// Go's twin dies the same way on standard output.
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"go.mod": "module twin\n\ngo 1.21\n",
		"main.go": `package main

import "os"

func main() {
	f := os.NewFile(3, "pipe")
	_, err := f.Write([]byte("x"))
	os.Stderr.WriteString(err.Error() + "\n")
	os.Stdout.WriteString("hello\n")
	os.Stderr.WriteString("survived\n")
}
`})
	testutil.MustRun(t, dir, "go", "build", "-o", "twin", ".")
	cmd = exec.Command(filepath.Join(dir, "twin"))
	cmd.ExtraFiles = []*os.File{brokenPipe(t)}
	cmd.Stdout = brokenPipe(t)
	stderr.Reset()
	cmd.Stderr = &stderr
	err = cmd.Run()
	if sig := signalOf(err); sig != syscall.SIGPIPE {
		t.Errorf("Go twin: %v, want death by SIGPIPE; stderr %q", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "broken pipe") || strings.Contains(stderr.String(), "survived") {
		t.Errorf("Go twin: stderr %q", stderr.String())
	}
}

// startWithReady starts exe with its standard output on a pipe and waits
// for the line "ready". It returns the rest of the output as lines.
func startWithReady(t *testing.T, exe string) (*exec.Cmd, *bufio.Reader, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(exe)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	r := bufio.NewReader(out)
	line := readLine(t, r, 10*time.Second)
	if line != "ready" {
		t.Fatalf("first line %q, want ready; stderr %q", line, stderr.String())
	}
	return cmd, r, &stderr
}

// readLine reads one line, failing the test after timeout.
func readLine(t *testing.T, r *bufio.Reader, timeout time.Duration) string {
	t.Helper()
	type res struct {
		s   string
		err error
	}
	ch := make(chan res, 1)
	go func() {
		s, err := r.ReadString('\n')
		ch <- res{strings.TrimSuffix(s, "\n"), err}
	}()
	select {
	case got := <-ch:
		if got.err != nil && got.err != io.EOF {
			t.Fatalf("reading output: %v", got.err)
		}
		return got.s
	case <-time.After(timeout):
		t.Fatalf("no output line within %v", timeout)
		return ""
	}
}

// waitExit waits for cmd with a deadline.
func waitExit(t *testing.T, cmd *exec.Cmd, timeout time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(timeout):
		cmd.Process.Kill()
		t.Fatalf("no exit within %v", timeout)
		return nil
	}
}

// TestSignalNotify: kill -INT reaches a program that asked for SIGINT on a
// channel; it prints the number and exits 0, at any GOMAXPROCS.
func TestSignalNotify(t *testing.T) {
	exe := buildRuntimeProgram(t, "signotify")
	for _, procs := range []string{"1", "2", "4"} {
		t.Setenv("GOMAXPROCS", procs)
		for i := 0; i < runsOf(5); i++ {
			cmd, r, stderr := startWithReady(t, exe)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			line := readLine(t, r, 10*time.Second)
			err := waitExit(t, cmd, 10*time.Second)
			if line != "2" || err != nil {
				t.Fatalf("GOMAXPROCS=%s: printed %q, exit %v (signal %v), stderr %q; want 2 and exit 0",
					procs, line, err, signalOf(err), stderr.String())
			}
		}
	}
}

// TestSignalQueue: each arrival goes to every channel asked for it, without
// blocking: a channel with room for 2 keeps 2 of 3 signals, one with room
// for 8 keeps all 3; a sleep they interrupt still lasts its time. A signal
// nobody asked for keeps its default action.
func TestSignalQueue(t *testing.T) {
	exe := buildRuntimeProgram(t, "sigqueue")
	cmd, r, stderr := startWithReady(t, exe)
	for i := 0; i < 3; i++ {
		if err := cmd.Process.Signal(syscall.SIGUSR1); err != nil {
			t.Fatal(err)
		}
		// Standard signals do not queue in the kernel: one pending
		// SIGUSR1 absorbs the next. Leave each time to be handled.
		time.Sleep(50 * time.Millisecond)
	}
	small, big := readLine(t, r, 10*time.Second), readLine(t, r, 10*time.Second)
	if small != "2" || big != "3" {
		t.Errorf("channels hold %s and %s signals, want 2 (full) and 3; stderr %q", small, big, stderr.String())
	}
	// Each signal interrupts the sleep (nanosleep is never restarted by
	// the kernel): the runtime sleeps again for what remains.
	if ms, err := strconv.Atoi(readLine(t, r, 10*time.Second)); err != nil || ms < 500 {
		t.Errorf("a 500 ms sleep took %d ms (%v) with signals arriving", ms, err)
	}
	if line := readLine(t, r, 10*time.Second); line != "waiting" {
		t.Fatalf("got %q, want waiting; stderr %q", line, stderr.String())
	}
	// Waiting on a channel while signals may come is not a deadlock.
	time.Sleep(100 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("the program is gone before SIGTERM: %v; stderr %q", err, stderr.String())
	}
	err := waitExit(t, cmd, 10*time.Second)
	if sig := signalOf(err); sig != syscall.SIGTERM {
		t.Errorf("after SIGTERM: %v, want death by SIGTERM (nobody asked for it); stderr %q", err, stderr.String())
	}
}

// TestSignalNotifyErrors: bad arguments are fatal errors that say what is
// wrong.
func TestSignalNotifyErrors(t *testing.T) {
	cases := []struct {
		name, setup, want string
	}{
		{"signal 0", "MOVQ $0, 0(SP)", "fatal error: signalNotify: bad signal number"},
		{"signal 65", "MOVQ $65, 0(SP)", "fatal error: signalNotify: bad signal number"},
		{"SIGKILL", "MOVQ $9, 0(SP)", "fatal error: signalNotify: SIGKILL and SIGSTOP cannot be caught"},
		{"nil channel", "MOVQ $2, 0(SP); MOVQ $0, 8(SP)", "fatal error: signalNotify: nil channel"},
		{"element size", "MOVQ $2, 0(SP); MOVQ c4-8(SP), AX; MOVQ AX, 8(SP)", "fatal error: signalNotify: channel elements must be 8 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			exe := testutil.LinkProgram(t, `#include "textflag.h"
#include "test.h"
TEXT main·main(SB), NOSPLIT, $40-0
	MOVQ	$4, 0(SP)
	MOVQ	$1, 8(SP)
	CALL	runtime·makechan(SB)
	MOVQ	16(SP), AX
	MOVQ	AX, c4-8(SP)
	MAKECHAN($1)
	MOVQ	AX, 8(SP)
	`+tc.setup+`
	CALL	runtime·signalNotify(SB)
	RET
`)
			out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 10*time.Second)
			if err != nil || code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want+"\n") {
				t.Errorf("exit %d, err %v, stdout %q, stderr %q; want exit 2 and %q", code, err, out, errOut, tc.want)
			}
		})
	}
}
