package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// schedBench is one runtime micro-benchmark: examples/<name>.s against
// bench/peers/<name>.
type schedBench struct {
	name, what string
	target     float64 // p9 / Go at GOMAXPROCS=1
}

var schedBenches = []schedBench{
	{"yield", "Gosched ping-pong (ns per Gosched)", 0.5},
	{"spawn", "spawn-and-finish (ns per goroutine)", 0.5},
	{"chan", "unbuffered channel round trip (ns per round trip)", 0.7},
	// Two senders on their own unbuffered channels, one receiver
	// selecting over both: most selects park and are woken by a send.
	{"selectloop", "2-case select fed by two senders (ns per select)", 1.0},
	// Both runtimes' sysmon notices a goroutine running 10 ms after it
	// starts looking: a round is 10-20 ms in either, and the saving of the
	// whole extended state must not show.
	{"preempt", "spinner stopped for a goroutine started after it (ns per round)", 1.1},
	// sync.Mutex against sync.Mutex: 8 goroutines contending for one lock.
	{"mutex", "8 goroutines lock/increment/unlock one counter (ns per lock/unlock)", 1.0},
	// runtime·nanotime against time.Now, which reads the same vDSO clock
	// (and the wall clock besides).
	{"nanotime", "clock reading, nanotime vs time.Now (ns per call)", 1.5},
}

// schedSection runs each micro-benchmark under each GOMAXPROCS and parses
// the "<name> <ops> <ns/op>" line both programs print.
func schedSection(e *env, runs int, procs []int) section {
	s := section{
		title: "Runtime micro-benchmarks",
		intro: "examples/{yield,spawn,chan,selectloop,preempt,mutex,nanotime}.s linked by p9ld against the Go programs in bench/peers/ doing the same work with the same N; " +
			"ns/op as each program prints it, median over runs, the two alternating. Targets apply at GOMAXPROCS=1.",
	}
	for _, b := range schedBenches {
		ours := e.path("sched", b.name)
		theirs := e.path("sched", "go"+b.name)
		var failed string
		if _, err := run(command{name: e.p9ld, args: []string{"-o", ours, filepath.Join(e.root, "examples", b.name+".s")}}); err != nil {
			failed = err.Error()
		} else if err := e.goBuild(theirs, "./bench/peers/"+b.name); err != nil {
			failed = err.Error()
		}
		for _, p := range procs {
			r := row{name: fmt.Sprintf("%s %s, GOMAXPROCS=%d", b.name, b.what, p), peer: "Go", unit: unitNsOp, failed: failed}
			if p == 1 {
				r.target.ratio = b.target
			}
			if failed == "" {
				r.ours, r.theirs, r.failed = schedPair(ours, theirs, b.name, p, runs)
			}
			s.rows = append(s.rows, r)
		}
	}
	return s
}

func schedPair(ours, theirs, name string, procs, runs int) (float64, float64, string) {
	env := []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}
	var o, t []float64
	for i := 0; i < runs; i++ {
		for k := 0; k < 2; k++ {
			p, dst, who := ours, &o, "p9"
			if (i+k)%2 == 1 {
				p, dst, who = theirs, &t, "Go"
			}
			res, err := run(command{name: p, env: env})
			if err != nil {
				return 0, 0, who + ": " + err.Error()
			}
			v, err := parseNsOp(res.stdout, name)
			if err != nil {
				return 0, 0, who + ": " + err.Error()
			}
			*dst = append(*dst, v)
		}
	}
	return median(o), median(t), ""
}

// parseNsOp finds the line "name ops ns" and returns ns.
func parseNsOp(out, name string) (float64, error) {
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) == 3 && f[0] == name {
			return strconv.ParseFloat(f[2], 64)
		}
	}
	return 0, fmt.Errorf("no %q result line in %q", name, shorten(out, 60))
}
