package main

import (
	"cmp"
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
		p.failed = cmp.Or(p.failed, p.oursFailed)
		return p
	}
	g := build("goroutines1m")
	d := build("deeprec")
	gnu := d
	gnu.ours = e.path("stacks", "deeprec-gnuld")
	if gnu.failed == "" {
		gnu.failed = linkGNU(e, "deeprec", gnu.ours)
	}

	s.rows = progRows{prog: g, name: "goroutines1m", args: []string{strconv.Itoa(n)}, head: fmt.Sprintf("goroutines1m N=%d", n),
		tail: ": time (ns per goroutine)", target: goroutinesWallTarget, rssTarget: goroutinesRSSTarget}.measure(procs, runs)
	for _, l := range []struct {
		linker string
		p      prog
	}{{"p9ld", d}, {"GNU ld", gnu}} {
		s.rows = append(s.rows, progRows{prog: l.p, name: "deeprec", args: []string{strconv.Itoa(depth)},
			head: fmt.Sprintf("deeprec D=%d, %s", depth, l.linker), tail: " (ns per call)", target: deeprecTarget, rssNote: true}.measure(procs, runs)...)
	}
	// A call that splits on every iteration: no target (Go's stacks stay
	// grown, so only its first call pays), measured to keep it in view.
	s.rows = append(s.rows, progRows{prog: build("hotsplit"), name: "hotsplit", args: []string{strconv.Itoa(hotsplitN)},
		head: fmt.Sprintf("hotsplit N=%d", hotsplitN), tail: " (ns per call)"}.measure(procs, runs)...)
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
	objs, err := runtimeObjects(e, name)
	if err != nil {
		return err.Error()
	}
	args := append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", out}, objs...)
	if _, err := run(command{name: ld, args: args}); err != nil {
		return err.Error()
	}
	return ""
}

// progRows describes the rows of one example against its Go peer, a set
// at each GOMAXPROCS: a row of the ns/op both print, named head,
// ", GOMAXPROCS=n" and tail, and with a peak-RSS target a row of peak
// resident memory after it.
type progRows struct {
	prog prog
	name string // the first word of the result line both programs print
	args []string

	head, tail string
	target     float64 // the time row's ratio target; 0 for none
	rssTarget  float64 // if set, a peak-RSS row with this ratio target
	// rssNote puts the medians of peak RSS in the time row's note.
	rssNote bool
	// zero says that a time of 0 is a measured value.
	zero bool
}

// measure runs the programs at each GOMAXPROCS in procs and makes the rows.
func (b progRows) measure(procs []int, runs int) []row {
	var rows []row
	for _, p := range procs {
		name := fmt.Sprintf("%s, GOMAXPROCS=%d", b.head, p)
		wall := row{name: name + b.tail, peer: "Go", unit: unitNsOp, zero: b.zero, failed: b.prog.failed,
			target: target{ratio: b.target}}
		rss := row{name: name + ": peak RSS", peer: "Go", unit: unitBytes, failed: b.prog.failed,
			target: target{ratio: b.rssTarget}}
		if b.prog.failed == "" {
			m := measurePair(b.prog, b.name, command{args: b.args, env: gomaxprocs(p), peakRSS: true}, runs, nil)
			wall, rss = m.fill(wall, false), m.fill(rss, true)
			if b.rssNote && m.oursFailed == "" && m.failed == "" {
				wall.note = fmt.Sprintf("peak RSS %s vs %s", unitBytes.format(median(m.rss[0])), unitBytes.format(median(m.rss[1])))
			}
		}
		rows = append(rows, wall)
		if b.rssTarget > 0 {
			rows = append(rows, rss)
		}
	}
	return rows
}

// runPair runs p's two programs as c says (but for its name), the two
// alternating, runs times each, and hands each result to read. Once p9's
// program fails (exits non-zero, dies, times out or read rejects what it
// printed) it is not run again, nor at all if it did not link
// (p.oursFailed); the peer still runs every time, and its failure ends
// the runs.
func runPair(p prog, c command, runs int, read func(who int, res result) error) (oursFailed, failed string) {
	oursFailed = p.oursFailed
	for i := 0; i < runs; i++ {
		for _, who := range turns(i) {
			if who == 0 && oursFailed != "" {
				continue
			}
			c.name = []string{p.ours, p.theirs}[who]
			res, err := run(c)
			if err == nil {
				err = read(who, res)
			}
			switch {
			case err != nil && who == 0:
				oursFailed = err.Error()
			case err != nil:
				return oursFailed, "Go: " + err.Error()
			}
		}
	}
	return oursFailed, ""
}

// pairRuns is what measurePair saw: ns/op and peak RSS of each run, p9's
// at index 0 and the peer's at 1.
type pairRuns struct {
	nsop, rss  [2][]float64
	oursFailed string // p9's program failed; the peer kept running
	failed     string // the peer failed: no figures
}

// measurePair runs p's programs as c says, alternating, runs times each,
// and reads the "<name> <ops> <ns/op>" line both print (see runPair); if
// set, more reads the rest of what they printed.
func measurePair(p prog, name string, c command, runs int, more func(who int, out string) error) pairRuns {
	var m pairRuns
	m.oursFailed, m.failed = runPair(p, c, runs, func(who int, res result) error {
		v, err := parseNsOp(res.stdout, name)
		if err == nil && more != nil {
			err = more(who, res.stdout)
		}
		if err == nil {
			m.nsop[who] = append(m.nsop[who], v)
			m.rss[who] = append(m.rss[who], float64(res.maxRSS))
		}
		return err
	})
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
