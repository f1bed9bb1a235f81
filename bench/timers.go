package main

import (
	"fmt"
	"strconv"
)

// timersWallTarget is the sleepers' wall time target, p9 / Go; each
// program may have at most GOMAXPROCS + timersThreadSlack OS threads.
const (
	timersWallTarget  = 1.5
	timersThreadSlack = 4
)

// timersSection runs examples/timers.s (n goroutines sleeping 100 ms at
// once) against bench/peers/timers for each n and GOMAXPROCS, alternating:
// the wall time, as ns per sleeper, and the most OS threads either had.
func timersSection(e *env, runs int, procs, ns []int) section {
	s := section{
		title: "Timers",
		intro: "examples/timers.s (N goroutines each sleeping 100 ms at once in runtime·timeSleep, joined by a wait group) against " +
			"bench/peers/timers (time.Sleep and sync.WaitGroup), the two alternating, medians over runs. Time is the wall time from the first " +
			"spawn to Wait's return, divided by N, as each program prints it; the note gives each program's OS threads at its end " +
			"(/proc/self/status; neither runtime gives threads back), the most over the runs, against the limit GOMAXPROCS + 4.",
	}
	p := buildPair(e, "timers", "timers")
	for _, n := range ns {
		for _, procs := range procs {
			r := row{name: fmt.Sprintf("timers N=%d, GOMAXPROCS=%d (ns per sleeper)", n, procs), peer: "Go", unit: unitNsOp,
				failed: p.failed, target: target{ratio: timersWallTarget}}
			if r.failed == "" {
				r = measureTimers(p, n, procs, runs, r)
			}
			s.rows = append(s.rows, r)
		}
	}
	return s
}

// measureTimers runs both programs with n sleepers, alternating, and
// fills r with the medians and a note on threads.
func measureTimers(p prog, n, procs, runs int, r row) row {
	var threads [2]int
	m := measurePair(p, "timers", command{args: []string{strconv.Itoa(n)}, env: gomaxprocs(procs)}, runs, func(who int, out string) error {
		t, err := parseThreads(out)
		threads[who] = max(threads[who], t)
		return err
	})
	r = m.fill(r, false)
	if m.failed != "" || m.oursFailed != "" {
		return r
	}
	r.note = fmt.Sprintf("threads %d vs %d (limit %d)", threads[0], threads[1], procs+timersThreadSlack)
	if threads[0] > procs+timersThreadSlack {
		r.note += ": over the limit"
	}
	return r
}

// parseThreads reads the "threads <n>" line both timers programs print.
func parseThreads(out string) (int, error) {
	if f := resultLine(out, "threads", 2); f != nil {
		return strconv.Atoi(f[1])
	}
	return 0, fmt.Errorf("no threads line in %q", shorten(out, 60))
}
