package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const (
	helloSizeTarget         = 64 << 10 // bytes, with symbols and DWARF
	helloStrippedSizeTarget = 32 << 10 // bytes, with -s
	helloExecTarget         = 0.3      // p9 hello / Go hello, exec to exit
)

// helloSection compares examples/hello.s linked by p9ld with a Go hello
// (bench/peers/hello): executable size and exec-to-exit time.
func helloSection(e *env, cycles int) section {
	s := section{
		title: "hello: size and exec-to-exit",
		intro: fmt.Sprintf("`p9ld -o hello examples/hello.s` (and with `-s`) against bench/peers/hello built by `go build` "+
			"(and with `-ldflags=-s -w`). Exec-to-exit is the median of %d fork/exec/wait cycles per program, "+
			"timed in the harness, the two programs alternating, output to /dev/null. The last row times p9's hello "+
			"against a C program that only writes and exits, built static: what exec, page faults and exit cost "+
			"on this machine, whatever the runtime.", cycles),
	}
	ours := e.path("hello", "hello")
	oursS := e.path("hello", "hello-s")
	peer := e.path("hello", "gohello")
	peerS := e.path("hello", "gohello-s")
	src := filepath.Join(e.root, "examples", "hello.s")
	var errs []string
	if _, err := run(command{name: e.p9ld, args: []string{"-o", ours, src}}); err != nil {
		errs = append(errs, err.Error())
	}
	if _, err := run(command{name: e.p9ld, args: []string{"-s", "-o", oursS, src}}); err != nil {
		errs = append(errs, "with -s: "+err.Error())
	}
	if err := e.goBuild(peer, "./bench/peers/hello"); err != nil {
		errs = append(errs, err.Error())
	}
	if err := e.goBuild(peerS, "./bench/peers/hello", "-ldflags=-s -w"); err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		s.rows = append(s.rows, row{name: "hello", peer: "Go hello", failed: strings.Join(errs, "; ")})
		return s
	}
	size := func(p string) float64 {
		st, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return float64(st.Size())
	}
	s.rows = append(s.rows,
		row{name: "executable size", ours: size(ours), peer: "Go hello", theirs: size(peer), unit: unitBytes, target: target{bytes: helloSizeTarget}},
		row{name: "executable size, stripped (`-s`; Go: `-s -w`)", ours: size(oursS), peer: "Go hello", theirs: size(peerS), unit: unitBytes, target: target{bytes: helloStrippedSizeTarget}},
	)
	r := row{name: "exec to exit", peer: "Go hello", unit: unitUs, target: target{ratio: helloExecTarget}}
	var err error
	if r.ours, r.theirs, err = execPair(ours, peer, cycles); err != nil {
		r.failed = err.Error()
	}
	s.rows = append(s.rows, r, execFloorRow(e, ours, cycles))
	if c, err := helloComponents(ours); err != nil {
		s.notes = append(s.notes, "size by component: "+err.Error())
	} else {
		s.notes = append(s.notes, c)
	}
	return s
}

// cHello is the least a Linux program does to print hello: the floor
// under any runtime's exec-to-exit on this machine (exec, the kernel's
// page faults, exit), beside which the target is read.
const cHello = `#include <unistd.h>
int main(void) { write(1, "hello, world\n", 13); return 0; }
`

// execFloorRow times p9's hello against cHello built by gcc -O2 -static;
// it has no target.
func execFloorRow(e *env, ours string, cycles int) row {
	r := row{name: "exec to exit, against a static C hello", peer: "C hello (`gcc -O2 -static`)", unit: unitUs}
	src, exe := e.path("hello", "hello.c"), e.path("hello", "chello")
	err := os.WriteFile(src, []byte(cHello), 0o644)
	if err == nil {
		_, err = run(command{name: "gcc", args: []string{"-O2", "-static", "-o", exe, src}, timeout: buildTimeout})
	}
	if err == nil {
		r.ours, r.theirs, err = execPair(ours, exe, cycles)
	}
	if err != nil {
		r.failed = err.Error()
	}
	return r
}

// execPair runs a and b alternately, cycles times each, and returns the
// median exec-to-exit time of each in microseconds.
func execPair(a, b string, cycles int) (float64, float64, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return 0, 0, err
	}
	defer devnull.Close()
	var t [2][]float64
	for i := 0; i < cycles; i++ {
		for _, who := range turns(i) {
			d, err := execOnce([]string{a, b}[who], devnull.Fd())
			if err != nil {
				return 0, 0, err
			}
			t[who] = append(t[who], float64(d)/float64(time.Microsecond))
		}
	}
	return median(t[0]), median(t[1]), nil
}

// execOnce forks, execs and waits for path with all standard files on
// fd, and fails on a non-zero exit or a run longer than cmdTimeout.
func execOnce(path string, fd uintptr) (time.Duration, error) {
	attr := &syscall.ProcAttr{Env: os.Environ(), Files: []uintptr{fd, fd, fd}}
	start := time.Now()
	pid, err := syscall.ForkExec(path, []string{path}, attr)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	timer := time.AfterFunc(cmdTimeout, func() { syscall.Kill(pid, syscall.SIGKILL) })
	var ws syscall.WaitStatus
	for {
		_, err = syscall.Wait4(pid, &ws, 0, nil)
		if err != syscall.EINTR {
			break
		}
	}
	d := time.Since(start)
	timer.Stop()
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s: wait: %v", filepath.Base(path), err)
	case ws.Signaled():
		return 0, fmt.Errorf("%s: killed by %v", filepath.Base(path), ws.Signal())
	case ws.ExitStatus() != 0:
		return 0, fmt.Errorf("%s: exit status %d", filepath.Base(path), ws.ExitStatus())
	}
	return d, nil
}
