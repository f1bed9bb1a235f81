package main

import (
	"fmt"
	"sort"
	"time"
)

// median returns the middle value of xs (the mean of the two middle ones
// for an even count), or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
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
