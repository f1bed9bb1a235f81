package main

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// schedBench is one runtime micro-benchmark: examples/<prog>.s against
// bench/peers/<prog> (prog is name unless set), both run with args.
type schedBench struct {
	name, what string
	prog       string
	args       []string
	target     float64 // p9 / Go at GOMAXPROCS=1
	// targets, when set, are the goals at GOMAXPROCS 1, 2 and 4 instead.
	targets map[int]float64
}

// issue23 is the scheduler issue's goal for a row at GOMAXPROCS 1, 2, 4.
var issue23 = map[int]float64{1: 0.7, 2: 0.8, 4: 1.0}

var schedBenches = []schedBench{
	{name: "yield", what: "Gosched ping-pong (ns per Gosched)", target: 0.5, targets: issue23},
	{name: "spawn", what: "spawn-and-finish (ns per goroutine)", target: 0.5, targets: issue23},
	{name: "chan", what: "unbuffered channel round trip (ns per round trip)", target: 0.7, targets: issue23},
	// The Go tour's sieve: 5,000 filter goroutines in a chain of
	// unbuffered channels; every number wakes the next filter.
	{name: "sieve", what: "prime sieve, 5,000 primes (ns per prime)", targets: issue23},
	// 8 workers between a producer and main, over two channels.
	{name: "workerpool", what: "worker pool, 8 workers, 1,000,000 jobs, buffer 100 (ns per job)", targets: issue23},
	{name: "workerpool-unbuffered", prog: "workerpool", args: []string{"1000000", "0"}, what: "worker pool, 8 workers, 1,000,000 jobs, unbuffered (ns per job)", targets: issue23},
	// Two senders on their own unbuffered channels, one receiver
	// selecting over both: most selects park and are woken by a send.
	{name: "selectloop", what: "2-case select fed by two senders (ns per select)", target: 1.0},
	// Both runtimes' sysmon notices a goroutine running 10 ms after it
	// starts looking: a round is 10-20 ms in either, and the saving of the
	// whole extended state must not show.
	{name: "preempt", what: "spinner stopped for a goroutine started after it (ns per round)", target: 1.1},
	// sync.Mutex against sync.Mutex: 8 goroutines contending for one lock.
	{name: "mutex", what: "8 goroutines lock/increment/unlock one counter (ns per lock/unlock)", target: 1.0},
	// runtime·nanotime against time.Now, which reads the same vDSO clock
	// (and the wall clock besides).
	{name: "nanotime", what: "clock reading, nanotime vs time.Now (ns per call)", target: 1.5},
}

// schedSection runs each micro-benchmark under each GOMAXPROCS and parses
// the "<name> <ops> <ns/op>" line both programs print.
func schedSection(e *env, runs int, procs []int) section {
	s := section{
		title: "Runtime micro-benchmarks",
		intro: "examples/{yield,spawn,chan,sieve,workerpool,selectloop,preempt,mutex,nanotime}.s linked by p9ld against the Go programs in bench/peers/ doing the same work with the same N " +
			"(workerpool-unbuffered is workerpool with the arguments 1000000 0); " +
			"ns/op as each program prints it, median over runs, the two alternating. " +
			"yield, spawn, chan, sieve and both worker pools have the scheduler issue's targets at GOMAXPROCS 1, 2 and 4 (yield and spawn keep their older 0.5 at 1); the others' targets apply at GOMAXPROCS=1.",
	}
	for _, b := range schedBenches {
		prog := cmp.Or(b.prog, b.name)
		built := buildPair(e, "sched", prog)
		failed := cmp.Or(built.oursFailed, built.failed)
		for _, p := range procs {
			r := row{name: fmt.Sprintf("%s %s, GOMAXPROCS=%d", b.name, b.what, p), peer: "Go", unit: unitNsOp, failed: failed,
				target: target{ratio: b.targets[p]}}
			if p == 1 && b.target > 0 {
				r.target.ratio = b.target
			}
			if failed == "" {
				// A p9 program that fails fails its row, without the peer's figures.
				if m := measurePair(built, prog, command{args: b.args, env: gomaxprocs(p)}, runs, nil); m.oursFailed != "" {
					r.failed = "p9: " + m.oursFailed
				} else {
					r = m.fill(r, false)
				}
			}
			s.rows = append(s.rows, r)
		}
	}
	return s
}

// parseNsOp finds the line "name ops ns" and returns ns.
func parseNsOp(out, name string) (float64, error) {
	if f := resultLine(out, name, 3); f != nil {
		return strconv.ParseFloat(f[2], 64)
	}
	return 0, fmt.Errorf("no %q result line in %q", name, shorten(out, 60))
}

// resultLine returns the fields of the first line of out that has n
// fields, the first of them name.
func resultLine(out, name string, n int) []string {
	for l := range strings.Lines(out) {
		if f := strings.Fields(l); len(f) == n && f[0] == name {
			return f
		}
	}
	return nil
}
