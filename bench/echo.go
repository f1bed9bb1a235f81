package main

import (
	"bufio"
	"cmp"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/p9tools/p9/internal/echoload"
)

// The echo load: echoConns connections at once, each sending echoMsgs
// messages of echoSize bytes and checking every echo, on loopback.
const (
	echoConns = 2000
	echoMsgs  = 100
	echoSize  = 64
)

// echoSection runs examples/echo.s and bench/peers/echo under the same
// load (internal/echoload, in this process), alternating, and reports the
// time per message (the inverse of messages per second) and the p99
// round trip, medians over runs.
func echoSection(e *env, runs int, procs []int) section {
	s := section{
		title: "Network poller: TCP echo",
		intro: fmt.Sprintf("examples/echo.s against bench/peers/echo (net.Listen, a goroutine per connection with io.Copy): %d connections on 127.0.0.1, "+
			"each sending %d messages of %d bytes one at a time and checking each echo; the client (internal/echoload) runs in the bench's process, "+
			"on the same cores. Per message: elapsed time / messages (1 / messages per second); p99: the round trips' 99th percentile. "+
			"Medians over runs, the servers alternating; a fresh server each run.", echoConns, echoMsgs, echoSize),
	}
	built := buildPair(e, "echo", "echo")
	failed := cmp.Or(built.oursFailed, built.failed)
	for _, p := range procs {
		per := row{name: fmt.Sprintf("echo time per message, GOMAXPROCS=%d", p), peer: "Go", unit: unitNsOp, target: target{ratio: 1.0}, failed: failed}
		p99 := row{name: fmt.Sprintf("echo p99 round trip, GOMAXPROCS=%d", p), peer: "Go", unit: unitUs, target: target{ratio: 1.0}, failed: failed}
		// Per side (p9's at index 0): time per message and p99 of each run.
		var perMsg, p99s [2][]float64
		for i := 0; i < runs && per.failed == ""; i++ {
			for _, who := range turns(i) {
				r, err := echoRun([]string{built.ours, built.theirs}[who], p)
				if err != nil {
					per.failed = []string{"p9", "Go"}[who] + ": " + err.Error()
					p99.failed = per.failed
					break
				}
				perMsg[who] = append(perMsg[who], float64(r.Duration.Nanoseconds())/float64(r.Msgs))
				p99s[who] = append(p99s[who], float64(r.P99.Microseconds()))
			}
		}
		if per.failed == "" {
			per, p99 = spreadRow(per, perMsg), spreadRow(p99, p99s)
		}
		s.rows = append(s.rows, per, p99)
	}
	return s
}

// spreadRow puts the medians of each side's runs into r, and their
// ranges into its note.
func spreadRow(r row, xs [2][]float64) row {
	r.ours, r.theirs = median(xs[0]), median(xs[1])
	r.note = fmt.Sprintf("p9 %.0f–%.0f, Go %.0f–%.0f", slices.Min(xs[0]), slices.Max(xs[0]), slices.Min(xs[1]), slices.Max(xs[1]))
	return r
}

// echoRun starts the server exe at GOMAXPROCS=procs on a free port, runs
// the load against it, and stops it.
func echoRun(exe string, procs int) (echoload.Result, error) {
	port, err := freeLoopbackPort()
	if err != nil {
		return echoload.Result{}, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs), fmt.Sprintf("ECHO_PORT=%d", port))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return echoload.Result{}, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return echoload.Result{}, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	ready := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		ready <- l
	}()
	select {
	case l := <-ready:
		if !strings.HasPrefix(l, "echo listening on ") {
			return echoload.Result{}, fmt.Errorf("server: %q, stderr %q", l, stderr.String())
		}
	case <-time.After(10 * time.Second):
		return echoload.Result{}, fmt.Errorf("server did not listen")
	}
	r, err := echoload.Run(echoload.Config{Addr: fmt.Sprintf("127.0.0.1:%d", port), Conns: echoConns, Msgs: echoMsgs, Size: echoSize, Timeout: cmdTimeout})
	if err != nil {
		return r, fmt.Errorf("%v (server stderr %q)", err, stderr.String())
	}
	return r, nil
}

// freeLoopbackPort is a port nobody listens on at 127.0.0.1 (now).
func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
