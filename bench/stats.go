package main

import (
	"fmt"
	"slices"
	"time"
)

// median returns the middle value of xs (the mean of the two middle ones
// for an even count), or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// cpuNote reports the medians of user+system CPU time, which a busy
// machine disturbs less than wall time.
func cpuNote(ours, theirs []float64) string {
	o, t := median(ours), median(theirs)
	if o <= 0 || t <= 0 {
		return ""
	}
	return fmt.Sprintf("CPU (user+sys): %.2f vs %.2f ms, ratio %.2f", o, t, o/t)
}

// turns is the order the two sides run in, round i of a pair's
// measurement: 0 is p9's tool or program, 1 the peer. They take turns
// going first, as a process run just after the other pays for the caches
// the other left.
func turns(i int) [2]int { return [2]int{i % 2, (i + 1) % 2} }

// gomaxprocs is the environment that runs a program with n Ps.
func gomaxprocs(n int) []string { return []string{fmt.Sprintf("GOMAXPROCS=%d", n)} }

// timings are the wall and CPU times of each side's runs, in
// milliseconds: p9's at index 0, the peer's at 1.
type timings struct{ wall, cpu [2][]float64 }

func (t *timings) add(who int, res result) {
	t.wall[who] = append(t.wall[who], ms(res.wall))
	t.cpu[who] = append(t.cpu[who], ms(res.cpu))
}

// alternate runs cmds[0] (p9's side) and cmds[1] (the peer's) n times
// each, taking turns, round i in the order turns(i+first), and collects
// their times. check sees every run; an error it returns ends the runs.
func alternate(cmds [2]command, n, first int, check func(who int, res result, err error) error) (timings, error) {
	var t timings
	for i := 0; i < n; i++ {
		for _, who := range turns(i + first) {
			res, err := run(cmds[who])
			if err := check(who, res, err); err != nil {
				return t, err
			}
			t.add(who, res)
		}
	}
	return t, nil
}

// anyFailure is the check that ends the runs at the first failure.
func anyFailure(_ int, _ result, err error) error { return err }

// fill puts the medians of the wall times into r, and those of the CPU
// times into its note.
func (t timings) fill(r row) row {
	r.ours, r.theirs = median(t.wall[0]), median(t.wall[1])
	r.note = cpuNote(t.cpu[0], t.cpu[1])
	return r
}
