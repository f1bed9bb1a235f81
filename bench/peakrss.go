package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

// A child's peak RSS from wait4 is not the program's alone: Go starts a
// child with vfork, so until exec the child shares the harness's address
// space, and Linux carries that space's high-water mark into the child's
// maxrss. A harness that has grown to 200 MB sees every child peak at
// 200 MB or more. So a program whose peak matters runs under a wrapper:
// this harness's own executable started afresh (rssWrapEnv set), whose
// few MiB are the floor of what it reports: its child's maxrss and exit
// status, as one line on descriptor 3.

// rssWrapEnv marks the harness's executable started as the wrapper.
const rssWrapEnv = "P9BENCH_RSS_WRAPPER"

// rssWrapper runs args as a child, with the wrapper's standard streams
// and environment (less rssWrapEnv), and writes "<maxrss bytes> <status>"
// to descriptor 3; it exits with the child's status (1 for a signal).
func rssWrapper(args []string) int {
	syscall.CloseOnExec(3)
	report := os.NewFile(3, "report")
	if report == nil || len(args) == 0 {
		fmt.Fprintln(os.Stderr, "bench: the peak-RSS wrapper needs descriptor 3 and a command")
		return 2
	}
	os.Unsetenv(rssWrapEnv)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// The harness's timeout kills the wrapper; the program goes with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	err := cmd.Run()
	ps := cmd.ProcessState
	if ps == nil {
		fmt.Fprintf(report, "0 %v\n", err)
		return 1
	}
	var maxrss int64
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		maxrss = ru.Maxrss << 10 // Linux reports kilobytes
	}
	fmt.Fprintf(report, "%d %s\n", maxrss, ps)
	if code := ps.ExitCode(); code >= 0 {
		return code
	}
	return 1
}

// parseRSSReport reads the wrapper's line: the peak RSS in bytes and the
// child's status ("exit status 0", "signal: killed", ...).
func parseRSSReport(s string) (int64, string, error) {
	n, status, ok := strings.Cut(firstLine(s), " ")
	v, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil {
		return 0, "", fmt.Errorf("no peak-RSS report from the wrapper (%q)", shorten(s, 60))
	}
	return v, status, nil
}
