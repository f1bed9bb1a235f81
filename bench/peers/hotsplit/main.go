// Command hotsplit is the Go peer of examples/hotsplit.s: a goroutine
// calls a function with a 256-byte frame N times (10,000,000, or the first
// argument) and checks the sum of its results. Go's stack grows once, on
// the first call, and stays grown. Prints "hotsplit <N> <ns per call>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// leaf returns n+1, writing both ends of its frame's array.
//
//go:noinline
func leaf(n int64) int64 {
	var frame [32]int64
	frame[n&31] = n
	frame[(n+31)&31] = n
	return frame[n&31] + 1
}

func main() {
	n := int64(10000000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			n = v
		}
	}
	done := make(chan int64)
	start := time.Now()
	go func() {
		var sum int64
		for i := n; i > 0; i-- {
			sum += leaf(i)
		}
		done <- sum
	}()
	sum := <-done
	ns := time.Since(start).Nanoseconds()
	if sum != n*(n+3)/2 {
		fmt.Println("hotsplit: wrong sum", sum)
		os.Exit(1)
	}
	fmt.Printf("hotsplit %d %d\n", max(n, 1), ns/max(n, 1))
}
