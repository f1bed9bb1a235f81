package main

import (
	"fmt"
	"strconv"
	"strings"
)

// initRow measures package initialisation, the part of start-up a
// program's own code decides: GODEBUG=inittrace=1 prints each package's
// init clock time, summed here; the note names p9as's costliest package.
func initRow(cmds [2]command, runs int) row {
	r := row{name: "package initialisation (GODEBUG=inittrace=1)", peer: "Go asm", unit: unitMs}
	var sums [2][]float64 // p9as's at index 0
	top := map[string][]float64{}
	for i := 0; i < runs; i++ {
		for k, c := range cmds {
			c.env = append(append([]string(nil), c.env...), "GODEBUG=inittrace=1")
			res, err := run(c)
			if err != nil {
				r.failed = err.Error()
				return r
			}
			sum, pkgs := parseInitTrace(res.stderr)
			sums[k] = append(sums[k], sum)
			if k == 0 {
				for p, v := range pkgs {
					top[p] = append(top[p], v)
				}
			}
		}
	}
	r.ours, r.theirs = median(sums[0]), median(sums[1])
	best, bestV := "", 0.0
	for p, vs := range top {
		if v := median(vs); v > bestV {
			best, bestV = p, v
		}
	}
	if best != "" {
		r.note = fmt.Sprintf("p9as's largest: %s %.2f ms", best, bestV)
	}
	return r
}

// parseInitTrace sums lines "init pkg @0.1 ms, 0.5 ms clock, ...".
func parseInitTrace(stderr string) (float64, map[string]float64) {
	sum := 0.0
	pkgs := map[string]float64{}
	for _, l := range strings.Split(stderr, "\n") {
		f := strings.Fields(l)
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		v, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			continue
		}
		sum += v
		pkgs[f[1]] += v
	}
	return sum, pkgs
}
