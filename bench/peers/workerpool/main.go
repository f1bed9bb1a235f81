// Command workerpool is the Go peer of examples/workerpool.s: 8 workers
// take jobs 1..N (1,000,000, or the first argument) from one channel and
// send back twice each on another, both holding B elements (100, or the
// second argument; 0 is unbuffered); main adds up the results, which must
// come to N(N+1). It prints "workerpool <N> <ns per job>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

const workers = 8

func arg(i, def int) int {
	if len(os.Args) > i {
		if v, err := strconv.Atoi(os.Args[i]); err == nil {
			return v
		}
	}
	return def
}

func main() {
	n := arg(1, 1000000)
	buf := arg(2, 100)
	start := time.Now()
	jobs := make(chan int, buf)
	results := make(chan int, buf)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				results <- 2 * j
			}
		}()
	}
	go func() {
		for i := 1; i <= n; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	ns := time.Since(start).Nanoseconds()
	if sum != n*(n+1) {
		fmt.Printf("workerpool: sum %d\n", sum)
		os.Exit(1)
	}
	fmt.Printf("workerpool %d %d\n", n, ns/int64(max(n, 1)))
}
