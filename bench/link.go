package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

const linkTarget = 1.0 // p9ld / GNU ld

// linkSamples is how many times each linker runs per benchmark run.
const linkSamples = 10

// linkSection times p9ld against GNU ld and against lld linking the same
// p9as objects: the runtime and examples/goroutines.s.
func linkSection(e *env, runs int, m *machine) section {
	s := section{
		title: "p9ld vs GNU ld and lld",
		intro: "Whole-process wall time linking the same p9as objects: runtime-src/*.s (`-p runtime -I runtime-src`) " +
			"and examples/goroutines.s (`-p main -I runtime-src`); `p9ld --no-runtime`, `ld -static -e _rt0_amd64_linux`, " +
			"`ld.lld -static -e _rt0_amd64_linux`. Each row alternates p9ld with that peer alone, ten links of each per run; " +
			"the medians are over all of them. Each output is run once to check it works.",
	}
	objs, err := runtimeObjects(e)
	if err != nil {
		s.rows = append(s.rows, row{name: "runtime + goroutines.s", peer: "GNU ld", failed: err.Error()})
		return s
	}
	name := fmt.Sprintf("runtime + goroutines.s (%d objects)", len(objs))
	ours := e.path("link", "p9ld.out")
	type linker struct {
		peer, tool, out string
		cmd             command
		times, cpu      []float64
		row             row
	}
	all := []*linker{{tool: "p9ld", out: ours,
		cmd: command{name: e.p9ld, args: append([]string{"--no-runtime", "-o", ours}, objs...)}}}
	for _, p := range []struct{ peer, tool, pkg string }{{"GNU ld", "ld", "binutils"}, {"lld", "ld.lld", "lld"}} {
		l := &linker{peer: p.peer, tool: p.tool, row: row{name: name, peer: p.peer, unit: unitMs}}
		if p.tool == "ld" {
			l.row.target.ratio = linkTarget
		}
		path, err := exec.LookPath(p.tool)
		if err != nil {
			l.row.failed = fmt.Sprintf("%s not found; skipped (on Debian: apt-get install -y %s)", p.tool, p.pkg)
			s.rows = append(s.rows, l.row)
			continue
		}
		if v, err := output(command{name: path, args: []string{"--version"}}); err == nil {
			m.peers = append(m.peers, p.peer+": "+firstLine(v))
		}
		l.out = e.path("link", p.tool+".out")
		l.cmd = command{name: path, args: append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", l.out}, objs...)}
		all = append(all, l)
	}
	// Each peer is timed against p9ld alone, the two alternating: a
	// linker that runs just after lld, whose working set evicts the
	// caches, is slower for it, and a three-way rotation puts p9ld after
	// lld twice as often as ld. A link takes milliseconds, which one run
	// measures too noisily: each run takes linkSamples turns of each.
	p9 := all[0]
	for _, l := range all[1:] {
		if l.row.failed != "" {
			s.rows = append(s.rows, l.row)
			continue
		}
		var p9times, p9cpu []float64
		for i := 0; i < runs*linkSamples && p9.row.failed == "" && l.row.failed == ""; i++ {
			for k := 0; k < 2; k++ {
				c := l
				if (i+k)%2 == 0 {
					c = p9
				}
				res, err := run(c.cmd)
				if err != nil {
					c.row.failed = err.Error()
					break
				}
				if c == p9 {
					p9times, p9cpu = append(p9times, ms(res.wall)), append(p9cpu, ms(res.cpu))
				} else {
					l.times, l.cpu = append(l.times, ms(res.wall)), append(l.cpu, ms(res.cpu))
				}
			}
		}
		switch {
		case p9.row.failed != "":
			l.row.failed = p9.row.failed
		case l.row.failed == "":
			l.row.ours, l.row.theirs = median(p9times), median(l.times)
			l.row.note = checkRuns(ours, l.out) + "; " + cpuNote(p9cpu, l.cpu)
		}
		s.rows = append(s.rows, l.row)
	}
	return s
}

// runtimeObjects assembles the link inputs with p9as.
func runtimeObjects(e *env) ([]string, error) {
	srcs, _ := filepath.Glob(filepath.Join(e.root, "runtime-src", "*.s"))
	if len(srcs) == 0 {
		return nil, fmt.Errorf("no runtime-src/*.s under %s", e.root)
	}
	var objs []string
	inc := filepath.Join(e.root, "runtime-src")
	for _, s := range srcs {
		o := e.path("link", "obj", "runtime_"+strings.TrimSuffix(filepath.Base(s), ".s")+".o")
		if _, err := run(command{name: e.p9as, args: []string{"-p", "runtime", "-I", inc, "-o", o, s}}); err != nil {
			return nil, fmt.Errorf("%s: %v", filepath.Base(s), err)
		}
		objs = append(objs, o)
	}
	o := e.path("link", "obj", "goroutines.o")
	if _, err := run(command{name: e.p9as, args: []string{"-p", "main", "-I", inc, "-o", o, filepath.Join(e.root, "examples", "goroutines.s")}}); err != nil {
		return nil, fmt.Errorf("goroutines.s: %v", err)
	}
	return append(objs, o), nil
}

// checkRuns runs both executables once and says if either fails or they
// disagree on the first word of their output (the sum).
func checkRuns(ours, theirs string) string {
	a, errA := run(command{name: ours, env: []string{"GOMAXPROCS=2"}})
	b, errB := run(command{name: theirs, env: []string{"GOMAXPROCS=2"}})
	switch {
	case errA != nil:
		return "p9ld's output fails: " + errA.Error()
	case errB != nil:
		return "peer's output fails: " + errB.Error()
	}
	fa, fb := strings.Fields(a.stdout), strings.Fields(b.stdout)
	if len(fa) == 0 || len(fb) == 0 || fa[0] != fb[0] {
		return fmt.Sprintf("outputs differ: %q vs %q", firstLine(a.stdout), firstLine(b.stdout))
	}
	return "both outputs run and agree"
}
