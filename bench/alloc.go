package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The allocator benchmarks' targets, p9 / Go, and the resident size a
// freed heap must come back to.
const (
	allocChurnWallTarget = 1.0
	allocChurnRSSTarget  = 1.0
	// The collector's churn (gcchurn: allocate and forget): wall within
	// 1.5× Go's, peak RSS within 2×.
	gcChurnWallTarget = 1.5
	gcChurnRSSTarget  = 2.0
	allocSizesTarget  = 1.0
	scavengeRSSTarget = 64 << 20
)

// allocConfig is the sizes the allocator benchmarks run with.
type allocConfig struct {
	churn []int // blocks allocchurn allocates and frees, one row set each
	perG  int   // allocations per goroutine in allocsizes
	heap  int   // MiB allocscavenge grows the heap by
	idle  int   // seconds allocscavenge waits at most for its memory to go
}

// allocSection runs the allocator benchmarks: examples/allocchurn.s
// (malloc, write, free of 64-byte blocks) for its time and peak resident
// memory, examples/allocsizes.s (4 goroutines allocating 8 B to 32 KiB)
// for its time, at each GOMAXPROCS, and examples/allocscavenge.s (a heap
// grown and freed, then idle) for how soon its memory goes back to the
// system; each against its Go peer in bench/peers/, whose collector
// reclaims what p9's programs free. A p9 program that does not link or
// fails leaves its rows marked as failing, with the peer's figures.
func allocSection(e *env, runs int, procs []int, c allocConfig) section {
	s := section{
		title: "Allocator",
		intro: "examples/allocchurn.s (N × malloc(64), write the block's 8 words, free), examples/gcchurn.s (the same, never freed: the collector reclaims the blocks), examples/allocsizes.s (4 goroutines, " +
			fmt.Sprintf("%d allocations each, sizes going round 8, 16, …, 32768 bytes, first byte written, freed) ", c.perG) +
			"and examples/allocscavenge.s against the Go programs in bench/peers/, which allocate the same and leave the rest to the collector; " +
			"the two alternating, medians over runs. Time is ns/op as each program prints it; peak RSS is the process's maximum resident set " +
			"(getrusage, through the wrapper). " +
			fmt.Sprintf("allocscavenge grows the heap by %d MiB in 1 MiB blocks (every page written), frees them (Go: drops them and collects twice), ", c.heap) +
			fmt.Sprintf("then polls its resident size every 100 ms for up to %d s, until it is at most 64 MiB.", c.idle),
	}
	for _, churn := range []struct {
		name                  string
		wallTarget, rssTarget float64
	}{{"allocchurn", allocChurnWallTarget, allocChurnRSSTarget}, {"gcchurn", gcChurnWallTarget, gcChurnRSSTarget}} {
		p := buildPair(e, "alloc", churn.name)
		for _, n := range c.churn {
			s.rows = append(s.rows, progRows{prog: p, name: churn.name, args: []string{strconv.Itoa(n)}, head: fmt.Sprintf("%s N=%d", churn.name, n),
				tail: ": time (ns per block)", target: churn.wallTarget, rssTarget: churn.rssTarget}.measure(procs, runs)...)
		}
	}
	s.rows = append(s.rows, progRows{prog: buildPair(e, "alloc", "gcpause"), name: "gcpause",
		head: "gcpause 1,600,000 × 64 B live (100 MB)", tail: ": a full cycle (runtime·GC; Go: runtime.GC, concurrent)", zero: true}.measure(procs, runs)...)
	s.rows = append(s.rows, progRows{prog: buildPair(e, "alloc", "allocsizes"), name: "allocsizes", args: []string{strconv.Itoa(c.perG)},
		head: fmt.Sprintf("allocsizes 4×%d", c.perG), tail: " (ns per allocation)", target: allocSizesTarget, rssNote: true}.measure(procs, runs)...)
	s.rows = append(s.rows, scavengeRows(buildPair(e, "alloc", "allocscavenge"), c, runs)...)
	return s
}

// scavengeRun is what one run of allocscavenge printed: the milliseconds
// until its resident size was at most 64 MiB (-1: not within the idle
// time) and that size at the end.
type scavengeRun struct {
	ms, endKiB float64
}

// parseScavenge reads "allocscavenge <ms or -1> <KiB>".
func parseScavenge(out string) (scavengeRun, error) {
	if f := resultLine(out, "allocscavenge", 3); f != nil {
		ms, err1 := strconv.ParseFloat(f[1], 64)
		kib, err2 := strconv.ParseFloat(f[2], 64)
		if err1 == nil && err2 == nil && ms >= -1 && kib >= 0 {
			return scavengeRun{ms: ms, endKiB: kib}, nil
		}
	}
	return scavengeRun{}, fmt.Errorf("no \"allocscavenge <ms> <KiB>\" line in %q", shorten(out, 60))
}

// scavengeRows runs allocscavenge and its peer alternately, runs times
// each (at the machine's GOMAXPROCS), and makes two rows: the time until
// the resident size was at most 64 MiB (no target: the resident size at
// the end of the idle time is the target's row), and that size.
func scavengeRows(p prog, c allocConfig, runs int) []row {
	name := fmt.Sprintf("allocscavenge %d MiB freed, idle ≤ %d s", c.heap, c.idle)
	wall := row{name: name + ": time until resident ≤ 64 MiB", peer: "Go", unit: unitMs, zero: true, failed: p.failed}
	end := row{name: name + ": resident at the end", peer: "Go", unit: unitBytes, failed: p.failed,
		target: target{bytes: scavengeRSSTarget}}
	if p.failed != "" {
		return []row{wall, end}
	}
	// Per side (p9's at index 0): each run's milliseconds to 64 MiB, bytes
	// resident at the end and peak resident bytes.
	var ms, resident, peak [2][]float64
	args := []string{strconv.Itoa(c.heap), strconv.Itoa(c.idle)}
	oursFailed, failed := runPair(p, command{args: args, peakRSS: true}, runs, func(who int, res result) error {
		r, err := parseScavenge(res.stdout)
		if err == nil {
			ms[who] = append(ms[who], r.ms)
			resident[who] = append(resident[who], r.endKiB*1024)
			peak[who] = append(peak[who], float64(res.maxRSS))
		}
		return err
	})
	if failed != "" {
		wall.failed, end.failed = failed, failed
		return []row{wall, end}
	}
	// A side's time is the median over its runs, unless a run never got
	// down to 64 MiB: then it has none (-1), and the note says so.
	times := [2]float64{-1, -1}
	var ends [2]float64
	var notes []string
	for who, xs := range ms {
		if len(xs) == 0 {
			continue
		}
		missed := 0
		for _, x := range xs {
			if x < 0 {
				missed++
			}
		}
		who9 := []string{"p9", "Go"}[who]
		times[who] = median(xs)
		if missed > 0 {
			times[who] = -1
			notes = append(notes, fmt.Sprintf("%s: above 64 MiB after %d s in %d of %d runs", who9, c.idle, missed, len(xs)))
		}
		ends[who] = median(resident[who])
		notes = append(notes, fmt.Sprintf("%s's peak RSS %s", who9, unitBytes.format(median(peak[who]))))
	}
	note := strings.Join(notes, "; ")
	wall.note, end.note = note, note
	// -1 (not within the idle time) shows as no figure.
	end.theirs, wall.theirs = ends[1], times[1]
	if oursFailed != "" {
		wall.oursFailed, end.oursFailed = oursFailed, oursFailed
		wall.ours = -1
	} else {
		end.ours, wall.ours = ends[0], times[0]
	}
	return []row{wall, end}
}
