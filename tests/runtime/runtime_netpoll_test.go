package runtime_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/p9tools/p9/internal/echoload"
	"github.com/p9tools/p9/tests/internal/testutil"
)

var echoFull = flag.Bool("echo.full", false, "TestEchoLoad at full size: 10,000 connections")

// TestReadLeavesP: testdata/readpipe.s's main goroutine blocks in
// runtime·read on a pipe nobody writes to yet, at GOMAXPROCS=1 with
// asynchronous preemption off; its ticker goroutine still ticks every
// 100 ms (the read is a blocking system call whose P goes to the ticker),
// never early, and the read returns what is written once the ticks are in.
func TestReadLeavesP(t *testing.T) {
	exe := buildRuntimeProgram(t, "readpipe")
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "P9DEBUG=asyncpreemptoff=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	// The ticks, long before the read can return: a starved ticker shows
	// none until the write below.
	hang := time.After(5 * time.Second)
	for i := 1; i <= 5; i++ {
		select {
		case l := <-lines:
			ms, err := strconv.Atoi(strings.TrimPrefix(l, "tick "))
			if err != nil || ms < 100*i {
				t.Fatalf("tick %d: %q, want tick at %d ms or later", i, l, 100*i)
			}
		case <-hang:
			t.Fatalf("tick %d did not come while main blocked in read", i)
		}
	}
	io.WriteString(in, "hello\n")
	select {
	case l := <-lines:
		if l != "read 6" {
			t.Fatalf("after the ticks: %q, want \"read 6\"", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("read did not return after the write")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// echoServer is examples/echo.s running on a free loopback port.
type echoServer struct {
	cmd    *exec.Cmd
	addr   string
	stderr *strings.Builder
}

// startEcho builds (once per test) and starts the echo example at
// GOMAXPROCS=procs, with env added, and waits for it to listen.
func startEcho(t *testing.T, exe string, procs int, env ...string) *echoServer {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs), fmt.Sprintf("ECHO_PORT=%d", port))
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &echoServer{cmd: cmd, addr: fmt.Sprintf("127.0.0.1:%d", port), stderr: new(strings.Builder)}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		ready <- l
		io.Copy(io.Discard, out)
	}()
	select {
	case l := <-ready:
		if l != fmt.Sprintf("echo listening on %d\n", port) {
			t.Fatalf("echo: %q, stderr %q", l, s.stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("echo did not start listening")
	}
	return s
}

// freePort is a loopback port nobody listens on (now).
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// threads is the server's OS thread count now.
func (s *echoServer) threads(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Threads:\s+(\d+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("no thread count in /proc/%d/status", s.cmd.Process.Pid)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// alive checks that the server still echoes for a well-behaved client.
func (s *echoServer) alive(t *testing.T, what string) {
	t.Helper()
	if _, err := echoload.Run(echoload.Config{Addr: s.addr, Conns: 4, Msgs: 10, Size: 64, Timeout: 10 * time.Second}); err != nil {
		t.Fatalf("%s: the server no longer echoes: %v (stderr %q)", what, err, s.stderr.String())
	}
}

// TestEchoLoad: examples/echo.s echoes every message of 1,000 concurrent
// connections (10,000 with -echo.full) × 100 messages of 64 bytes, at
// GOMAXPROCS 1 and 2, with at most GOMAXPROCS + 4 OS threads: a
// goroutine waiting for its connection holds no thread. The server idles
// between loads with every goroutine in the poller, which is not a
// deadlock.
func TestEchoLoad(t *testing.T) {
	exe := testutil.BuildExample(t, "echo")
	conns := 1000
	if *echoFull {
		conns = 10000
	}
	for _, procs := range []int{1, 2} {
		s := startEcho(t, exe, procs)
		for round := 0; round < 2; round++ {
			r, err := echoload.Run(echoload.Config{Addr: s.addr, Conns: conns, Msgs: 100, Size: 64, Timeout: 120 * time.Second})
			if err != nil {
				t.Fatalf("GOMAXPROCS=%d round %d: %v (server stderr %q)", procs, round, err, s.stderr.String())
			}
			if r.Msgs != conns*100 {
				t.Fatalf("GOMAXPROCS=%d: %d messages echoed, want %d", procs, r.Msgs, conns*100)
			}
			if n := s.threads(t); n > procs+4 {
				t.Errorf("GOMAXPROCS=%d: %d threads, want at most %d", procs, n, procs+4)
			}
			time.Sleep(50 * time.Millisecond) // every goroutine in the poller
		}
	}
}

// TestEchoHostilePeers: the server drops a peer that connects and sends
// nothing at its read deadline (ECHO_IDLE_MS), survives peers that reset
// the connection halfway through a message or between its echoes (EPIPE
// and ECONNRESET are results, not SIGPIPE), and keeps serving others while
// a peer that sent 1 MB never reads its echo.
func TestEchoHostilePeers(t *testing.T) {
	exe := testutil.BuildExample(t, "echo")
	for _, procs := range []int{1, 2} {
		s := startEcho(t, exe, procs, "ECHO_IDLE_MS=300")

		// Silent: dropped (end of file) after 300 ms, not before. The
		// clock starts before the dial: the server may accept, and start
		// its deadline, before Dial returns here.
		t0 := time.Now()
		silent, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		silent.SetReadDeadline(time.Now().Add(10 * time.Second))
		if n, err := silent.Read(make([]byte, 1)); err != io.EOF {
			t.Fatalf("GOMAXPROCS=%d: a silent peer read %d, %v; want end of file when dropped", procs, n, err)
		}
		if d := time.Since(t0); d < 300*time.Millisecond {
			t.Fatalf("GOMAXPROCS=%d: a silent peer dropped after %v, before its 300 ms deadline", procs, d)
		}
		silent.Close()
		s.alive(t, "after a silent peer")

		// Reset halfway through a message, and after sending while the
		// echo is on its way back.
		for i := 0; i < 20; i++ {
			c, err := net.Dial("tcp", s.addr)
			if err != nil {
				t.Fatal(err)
			}
			c.Write(make([]byte, 32+i*4096))
			c.(*net.TCPConn).SetLinger(0) // close with RST
			c.Close()
		}
		s.alive(t, "after peers that reset")

		// 1 MB sent at once, never read: the server's writes back fill
		// the socket buffers and park; the others are served meanwhile.
		hog, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		go hog.Write(make([]byte, 1<<20))
		time.Sleep(100 * time.Millisecond)
		s.alive(t, "while a peer does not read")
		hog.Close()
		s.alive(t, "after that peer left")

		if err := s.cmd.Process.Signal(syscall.Signal(0)); err != nil {
			t.Fatalf("GOMAXPROCS=%d: the server is gone: %v, stderr %q", procs, err, s.stderr.String())
		}
	}
}

// TestEchoPortInUse: a port another listener holds is reported and the
// program exits 1, as the example says.
func TestEchoPortInUse(t *testing.T) {
	exe := testutil.BuildExample(t, "echo")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), fmt.Sprintf("ECHO_PORT=%d", l.Addr().(*net.TCPAddr).Port))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || string(out) != "echo: bind: errno 98\n" {
		t.Fatalf("err %v, output %q; want exit 1 and \"echo: bind: errno 98\"", err, out)
	}
}

// TestEchoOutOfDescriptors: with 16 descriptors (prlimit), accepting
// fails with EMFILE; the server reports it, backs off on a timer instead
// of waiting for a readiness edge that never comes, and accepts the
// waiting connections once descriptors are free again.
func TestEchoOutOfDescriptors(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit")
	}
	exe := testutil.BuildExample(t, "echo")
	wrapper := filepath.Join(t.TempDir(), "echo16")
	script := fmt.Sprintf("#!/bin/sh\nexec %s --nofile=16:16 %s\n", prlimit, exe)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startEcho(t, wrapper, 1)
	var held []net.Conn
	for i := 0; i < 20; i++ {
		c, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// Some are served (their echo comes back), the rest wait in the
	// listen queue.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.stderr.String(), "echo: accept: errno 24\n") {
		if time.Now().After(deadline) {
			t.Fatalf("no EMFILE report; stderr %q", s.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, c := range held {
		c.Close()
	}
	s.alive(t, "after running out of descriptors")
}

// TestIOWaitTraceback: a goroutine parked in pollWait shows as [IO wait]
// in the goroutine dump SIGQUIT prints.
func TestIOWaitTraceback(t *testing.T) {
	exe := testutil.BuildExample(t, "echo")
	s := startEcho(t, exe, 1)
	c, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(100 * time.Millisecond)
	s.cmd.Process.Signal(syscall.SIGQUIT)
	s.cmd.Wait()
	if got := strings.Count(s.stderr.String(), " [IO wait]:\n"); got != 2 {
		t.Fatalf("%d goroutines in [IO wait], want 2 (accept, the connection); stderr:\n%s", got, s.stderr.String())
	}
}

// TestPollWaitIsNotDeadlock: testdata/pollpipe.s parks main in the poller
// on a pipe with no timer pending and every M idle, which is waiting, not
// a deadlock: the read returns what the test writes 300 ms later. A read
// past its deadline then returns -ETIMEDOUT.
func TestPollWaitIsNotDeadlock(t *testing.T) {
	exe := buildRuntimeProgram(t, "pollpipe")
	for _, procs := range []int{1, 2} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cmd := exec.CommandContext(ctx, exe)
		cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		io.WriteString(in, "hello\n")
		err = cmd.Wait()
		in.Close()
		cancel()
		if err != nil || out.String() != "read 6\nread -110\n" {
			t.Fatalf("GOMAXPROCS=%d: %v, stdout %q, stderr %q", procs, err, out.String(), errOut.String())
		}
	}
}
