// Go's twin of selectmany.s: 4 producers and 4 consumers passing
// 1..100,000 through selects; prints the count, the sum and how many
// values did not arrive exactly once.
package main

import (
	"fmt"
	"sync/atomic"
)

const (
	p = 4
	c = 4
	n = 25000
	t = 100000
)

func main() {
	c1, c2, idle, done := make(chan int), make(chan int, 4), make(chan int), make(chan int)
	var nilc chan int
	var seen [t + 1]atomic.Int64
	var count, sum atomic.Int64
	for j := 0; j < p; j++ {
		go func(j int) {
			for v := j*n + 1; v <= j*n+n; v++ {
				select {
				case c1 <- v:
				case c2 <- v:
				}
			}
		}(j)
	}
	for k := 0; k < c; k++ {
		go func() {
			for {
				var v int
				select {
				case v = <-c1:
				case idle <- v:
				case v = <-c2:
				case v = <-nilc:
				}
				if v >= 0 && v <= t {
					seen[v].Add(1)
				}
				sum.Add(int64(v))
				if count.Add(1) == t {
					done <- v
				}
			}
		}()
	}
	<-done
	bad := 0
	for v := 1; v <= t; v++ {
		if seen[v].Load() != 1 {
			bad++
		}
	}
	fmt.Printf("%d %d %d\n", count.Load(), sum.Load(), bad)
}
