package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// cmdTimeout bounds every measured command (-timeout); buildTimeout
// bounds the go commands that build and discover what is measured.
var (
	cmdTimeout   = 2 * time.Minute
	buildTimeout = 10 * time.Minute
)

// command describes one external process.
type command struct {
	dir  string   // working directory; "" for the current one
	env  []string // added to the harness's environment
	name string
	args []string
	// timeout overrides cmdTimeout when set.
	timeout time.Duration
	// peakRSS runs the command under the peak-RSS wrapper (peakrss.go),
	// so that result.maxRSS is the program's own.
	peakRSS bool
}

// result is what one process did.
type result struct {
	stdout, stderr string
	wall           time.Duration // start to exit, fork and exec included
	cpu            time.Duration // user and system time of the process
	// maxRSS is the peak resident memory of the process, in bytes; unless
	// the command asked for peakRSS, at least the harness's own peak.
	maxRSS int64
}

// run starts c, waits at most cmdTimeout, and reports its output and
// wall time. A non-zero exit, a signal or the timeout is an error that
// carries the first line of the process's standard error.
func run(c command) (result, error) {
	limit := cmp.Or(c.timeout, cmdTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.name, c.args...)
	var report *os.File
	if c.peakRSS {
		self, err := os.Executable()
		if err != nil {
			return result{}, fmt.Errorf("the peak-RSS wrapper: %v", err)
		}
		rd, wr, err := os.Pipe()
		if err != nil {
			return result{}, err
		}
		defer rd.Close()
		defer wr.Close()
		report = rd
		cmd = exec.CommandContext(ctx, self, append([]string{c.name}, c.args...)...)
		cmd.Env = append(os.Environ(), rssWrapEnv+"=1")
		cmd.ExtraFiles = []*os.File{wr}
	}
	cmd.Dir = c.dir
	if len(c.env) > 0 {
		if cmd.Env == nil {
			cmd.Env = os.Environ()
		}
		cmd.Env = append(cmd.Env, c.env...)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Start()
	if err == nil {
		if report != nil {
			cmd.ExtraFiles[0].Close() // the wrapper holds the write end now
		}
		err = cmd.Wait()
	}
	r := result{stdout: out.String(), stderr: errb.String(), wall: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		r.cpu = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			r.maxRSS = ru.Maxrss << 10 // Linux reports kilobytes
		}
	}
	if report != nil && cmd.ProcessState != nil && ctx.Err() == nil {
		b, _ := io.ReadAll(report)
		rss, status, perr := parseRSSReport(string(b))
		switch {
		case perr != nil && err == nil:
			err = perr
		case perr == nil:
			r.maxRSS = rss
			if status != "exit status 0" {
				err = errors.New(status) // the program's status, not the wrapper's
			}
		}
	}
	if ctx.Err() == context.DeadlineExceeded {
		return r, fmt.Errorf("%s: timed out after %v", filepath.Base(c.name), limit)
	}
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return r, fmt.Errorf("%s: %v", filepath.Base(c.name), ee.Err)
		}
		return r, fmt.Errorf("%s: %v: %s", filepath.Base(c.name), err, firstLine(r.stderr))
	}
	return r, nil
}

// output runs c and returns its trimmed standard output.
func output(c command) (string, error) {
	r, err := run(c)
	return strings.TrimSpace(r.stdout), err
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
