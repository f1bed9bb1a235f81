package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

const linkTarget = 1.0 // p9ld / GNU ld

// linkSection times p9ld, GNU ld and lld linking the same p9as objects:
// the runtime and examples/goroutines.s.
func linkSection(e *env, runs int, m *machine) section {
	s := section{
		title: "p9ld vs GNU ld and lld",
		intro: "Whole-process wall time linking the same p9as objects: runtime-src/*.s (`-p runtime -I runtime-src`) " +
			"and examples/goroutines.s (`-p main -I runtime-src`); `p9ld --no-runtime`, `ld -static -e _rt0_amd64_linux`, " +
			"`ld.lld -static -e _rt0_amd64_linux`. Each output is run once to check it works.",
	}
	objs, err := runtimeObjects(e)
	if err != nil {
		s.rows = append(s.rows, row{name: "runtime + goroutines.s", peer: "GNU ld", failed: err.Error()})
		return s
	}
	ours := command{name: e.p9ld, args: append([]string{"--no-runtime", "-o", e.path("link", "p9ld.out")}, objs...)}
	peers := []struct {
		name, tool string
		target     float64
	}{{"GNU ld", "ld", linkTarget}, {"lld", "ld.lld", 0}}
	for _, p := range peers {
		r := row{name: fmt.Sprintf("runtime + goroutines.s (%d objects)", len(objs)), peer: p.name, unit: unitMs, target: target{ratio: p.target}}
		path, err := exec.LookPath(p.tool)
		if err != nil {
			r.failed = fmt.Sprintf("%s not found; skipped (on Debian: apt-get install -y %s)", p.tool, map[string]string{"ld": "binutils", "ld.lld": "lld"}[p.tool])
			s.rows = append(s.rows, r)
			continue
		}
		if v, err := output(command{name: path, args: []string{"--version"}}); err == nil {
			m.peers = append(m.peers, p.name+": "+firstLine(v))
		}
		out := e.path("link", p.tool+".out")
		theirs := command{name: path, args: append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", out}, objs...)}
		var o, t []float64
		for i := 0; i < runs && r.failed == ""; i++ {
			for k := 0; k < 2; k++ {
				c, dst := ours, &o
				if (i+k)%2 == 1 {
					c, dst = theirs, &t
				}
				res, err := run(c)
				if err != nil {
					r.failed = err.Error()
					break
				}
				*dst = append(*dst, ms(res.wall))
			}
		}
		if r.failed == "" {
			r.ours, r.theirs = median(o), median(t)
			r.note = checkRuns(ours.args[2], out)
		}
		s.rows = append(s.rows, r)
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
			return nil, fmt.Errorf("p9as %s: %v", filepath.Base(s), err)
		}
		objs = append(objs, o)
	}
	o := e.path("link", "obj", "goroutines.o")
	if _, err := run(command{name: e.p9as, args: []string{"-p", "main", "-I", inc, "-o", o, filepath.Join(e.root, "examples", "goroutines.s")}}); err != nil {
		return nil, fmt.Errorf("p9as goroutines.s: %v", err)
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
