package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// machine describes where the numbers were taken.
type machine struct {
	cpu, kernel, goVersion, commit string
	cores                          int
	loadStart, loadEnd             string
	started                        time.Time
	peers                          []string // "name: version" of each peer tool
}

func probeMachine(root string) *machine {
	m := &machine{cpu: "unknown", kernel: "unknown", cores: runtime.NumCPU(), started: time.Now().UTC()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = "Linux " + strings.TrimSpace(string(data))
	}
	m.goVersion, _ = output(command{name: "go", args: []string{"env", "GOVERSION"}, timeout: buildTimeout})
	if c, err := output(command{dir: root, name: "git", args: []string{"rev-parse", "--short", "HEAD"}, timeout: buildTimeout}); err == nil {
		m.commit = c
		if st, err := output(command{dir: root, name: "git", args: []string{"status", "--porcelain", "--untracked-files=no"}, timeout: buildTimeout}); err == nil && st != "" {
			m.commit += " (with uncommitted changes)"
		}
	}
	m.loadStart = loadAvg()
	return m
}

// loadAvg is the 1-minute load average: how busy the machine was.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(data) + " unknown")[0]
}

func (m *machine) write(w io.Writer, runs int, note string) {
	fmt.Fprintf(w, "| machine | |\n| --- | --- |\n")
	fmt.Fprintf(w, "| CPU | %s |\n", cell(m.cpu))
	fmt.Fprintf(w, "| cores | %d |\n", m.cores)
	fmt.Fprintf(w, "| kernel | %s |\n", cell(m.kernel))
	fmt.Fprintf(w, "| Go | %s |\n", cell(m.goVersion))
	for _, p := range m.peers {
		k, v, _ := strings.Cut(p, ": ")
		fmt.Fprintf(w, "| %s | %s |\n", cell(k), cell(v))
	}
	if m.commit != "" {
		fmt.Fprintf(w, "| p9 commit | %s |\n", cell(m.commit))
	}
	fmt.Fprintf(w, "| date | %s |\n", m.started.Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "| runs | median of %d |\n", runs)
	fmt.Fprintf(w, "| load average (1 min) | %s at start, %s at end |\n", m.loadStart, m.loadEnd)
	fmt.Fprintln(w)
	if note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
}
