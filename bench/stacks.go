package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
)

// The stack benchmarks' targets, p9 / Go.
const (
	goroutinesWallTarget = 1.0
	goroutinesRSSTarget  = 1.0
	deeprecTarget        = 1.5
)

// stacksSection runs the goroutine-stack benchmarks at each GOMAXPROCS:
// examples/goroutines1m.s (n goroutines blocked at once), for its time and
// its peak resident memory, and examples/deeprec.s (a recursion depth
// deep), linked by p9ld and by GNU ld, each against its Go peer in
// bench/peers/. A p9 program that fails leaves its rows marked as failing,
// with the peer's figures and the reason, and the section goes on.
func stacksSection(e *env, runs int, procs []int, n, depth int) section {
	s := section{
		title: "Goroutine stacks",
		intro: fmt.Sprintf("examples/goroutines1m.s (%d goroutines alive at once, each blocked on one unbuffered channel, then released) "+
			"and examples/deeprec.s (a function with a 64-byte frame recursing %d deep, on the main goroutine and on a new one) "+
			"against the Go programs in bench/peers/ with the same argument; the two alternating, medians over runs. "+
			"Time is ns/op as each program prints it; peak RSS is the process's maximum resident set (getrusage). "+
			"deeprec runs linked by p9ld and, from the same p9as objects, by GNU ld (`ld -static -e _rt0_amd64_linux`). "+
			"examples/hotsplit.s calls a function that needs a new stack segment on every call (a hot split).", n, depth),
	}
	// Build p9's programs and the peers; a build failure fails its rows.
	build := func(name string) prog {
		p := buildPair(e, "stacks", name)
		if p.failed == "" {
			p.failed = p.oursFailed
		}
		return p
	}
	g := build("goroutines1m")
	d := build("deeprec")
	gnu := d
	gnu.ours = e.path("stacks", "deeprec-gnuld")
	if gnu.failed == "" {
		gnu.failed = linkGNU(e, "deeprec", gnu.ours)
	}

	nArg, dArg := strconv.Itoa(n), strconv.Itoa(depth)
	for _, p := range procs {
		name := fmt.Sprintf("goroutines1m N=%d, GOMAXPROCS=%d", n, p)
		wall := row{name: name + ": time (ns per goroutine)", peer: "Go", unit: unitNsOp, failed: g.failed,
			target: target{ratio: goroutinesWallTarget}}
		rss := row{name: name + ": peak RSS", peer: "Go", unit: unitBytes, failed: g.failed,
			target: target{ratio: goroutinesRSSTarget}}
		if g.failed == "" {
			m := measurePair(g.ours, g.theirs, "goroutines1m", nArg, p, runs)
			wall = m.fill(wall, false)
			rss = m.fill(rss, true)
		}
		s.rows = append(s.rows, wall, rss)
	}
	for _, l := range []struct {
		linker string
		p      prog
	}{{"p9ld", d}, {"GNU ld", gnu}} {
		for _, p := range procs {
			r := row{name: fmt.Sprintf("deeprec D=%d, %s, GOMAXPROCS=%d (ns per call)", depth, l.linker, p), peer: "Go",
				unit: unitNsOp, failed: l.p.failed, target: target{ratio: deeprecTarget}}
			if r.failed == "" {
				m := measurePair(l.p.ours, l.p.theirs, "deeprec", dArg, p, runs)
				r = m.fill(r, false)
				if m.oursFailed == "" && m.failed == "" {
					r.note = fmt.Sprintf("peak RSS %s vs %s", unitBytes.format(median(m.rss[0])), unitBytes.format(median(m.rss[1])))
				}
			}
			s.rows = append(s.rows, r)
		}
	}
	// A call that splits on every iteration: no target (Go's stacks stay
	// grown, so only its first call pays), measured to keep it in view.
	h := build("hotsplit")
	for _, p := range procs {
		r := row{name: fmt.Sprintf("hotsplit N=%d, GOMAXPROCS=%d (ns per call)", hotsplitN, p), peer: "Go",
			unit: unitNsOp, failed: h.failed}
		if r.failed == "" {
			r = measurePair(h.ours, h.theirs, "hotsplit", strconv.Itoa(hotsplitN), p, runs).fill(r, false)
		}
		s.rows = append(s.rows, r)
	}
	return s
}

// hotsplitN is how many calls examples/hotsplit.s makes, each on a new
// stack segment.
const hotsplitN = 10000000

// prog is an example linked by p9ld and its Go peer, or why one of them
// could not be built.
type prog struct {
	ours, theirs string
	oursFailed   string // p9ld's error: the peer may still run
	failed       string // the peer's build error, or GNU ld's
}

// buildPair links examples/<name>.s with p9ld and builds bench/peers/<name>
// into the scratch directory dir, each whatever the other did; an error
// (the first line p9ld or the go command wrote) is kept for the rows.
func buildPair(e *env, dir, name string) prog {
	p := prog{ours: e.path(dir, name), theirs: e.path(dir, "go"+name)}
	// From the module root, so that an error names examples/<name>.s.
	if _, err := run(command{dir: e.root, name: e.p9ld, args: []string{"-o", p.ours, filepath.Join("examples", name+".s")}}); err != nil {
		p.oursFailed = err.Error()
	}
	if err := e.goBuild(p.theirs, "./bench/peers/"+name); err != nil {
		p.failed = err.Error()
	}
	return p
}

// linkGNU links examples/<name>.s, assembled by p9as, with the runtime's
// p9as objects by GNU ld into out, and returns why it could not.
func linkGNU(e *env, name, out string) string {
	ld, err := exec.LookPath("ld")
	if err != nil {
		return "ld not found; skipped (on Debian: apt-get install -y binutils)"
	}
	objs, err := runtimeOnlyObjects(e)
	if err != nil {
		return err.Error()
	}
	o, err := exampleObject(e, name)
	if err != nil {
		return err.Error()
	}
	args := append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", out}, append(append([]string(nil), objs...), o)...)
	if _, err := run(command{name: ld, args: args}); err != nil {
		return err.Error()
	}
	return ""
}

// pairRuns is what measurePair saw: ns/op and peak RSS of each run, p9's
// at index 0 and the peer's at 1.
type pairRuns struct {
	nsop, rss  [2][]float64
	oursFailed string // p9's program failed; the peer kept running
	failed     string // the peer failed: no figures
}

// measurePair runs p9's program and the peer with the argument arg under
// GOMAXPROCS=procs, alternating, runs times each. Once p9's program fails
// (exits non-zero, dies, times out or prints no result) it is not run
// again; the peer still runs every time.
func measurePair(ours, theirs, name, arg string, procs, runs int) pairRuns {
	return measurePairFrom(prog{ours: ours, theirs: theirs}, name, []string{arg}, procs, runs)
}

// measurePairFrom is measurePair for p, whose p9 program is not run if it
// did not link (p.oursFailed), with the arguments args.
func measurePairFrom(p prog, name string, args []string, procs, runs int) pairRuns {
	m := pairRuns{oursFailed: p.oursFailed}
	ours, theirs := p.ours, p.theirs
	env := []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}
	for i := 0; i < runs; i++ {
		for k := 0; k < 2; k++ {
			who := (i + k) % 2
			if who == 0 && m.oursFailed != "" {
				continue
			}
			res, err := run(command{name: []string{ours, theirs}[who], args: args, env: env, peakRSS: true})
			var v float64
			if err == nil {
				v, err = parseNsOp(res.stdout, name)
			}
			if err != nil {
				if who == 0 {
					m.oursFailed = err.Error()
					continue
				}
				m.failed = "Go: " + err.Error()
				return m
			}
			m.nsop[who] = append(m.nsop[who], v)
			m.rss[who] = append(m.rss[who], float64(res.maxRSS))
		}
	}
	return m
}

// fill puts the medians (of peak RSS if rss, else of ns/op) into r.
func (m pairRuns) fill(r row, rss bool) row {
	xs := m.nsop
	if rss {
		xs = m.rss
	}
	switch {
	case m.failed != "":
		r.failed = m.failed
	case m.oursFailed != "":
		r.oursFailed = m.oursFailed
		r.theirs = median(xs[1])
	default:
		r.ours, r.theirs = median(xs[0]), median(xs[1])
	}
	return r
}
