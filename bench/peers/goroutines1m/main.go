// Command goroutines1m is the Go peer of examples/goroutines1m.s: N
// goroutines (1,000,000, or the first argument) alive at once, each
// blocked on a receive from one shared unbuffered channel, released by N
// sends; the last ready and the last finished goroutine each tell main.
// It prints "goroutines1m <N> <ns per goroutine>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

func main() {
	n := int64(1000000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			n = max(v, 1)
		}
	}
	var ready, finished atomic.Int64
	c := make(chan int64)
	readyc := make(chan int64, 1)
	donec := make(chan int64, 1)
	start := time.Now()
	for i := int64(0); i < n; i++ {
		go func() {
			if ready.Add(1) == n {
				readyc <- 0
			}
			<-c
			if finished.Add(1) == n {
				donec <- 0
			}
		}()
	}
	<-readyc
	for i := n; i > 0; i-- {
		c <- i
	}
	<-donec
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("goroutines1m %d %d\n", n, ns/n)
}
