// Command preempt is the Go peer of examples/preempt.s: n times, a
// goroutine spins on a flag in a loop with no calls, and once it spins a
// second goroutine, started after it, sets the flag. With one P each
// round is one asynchronous preemption. It prints
// "preempt <ops> <ns per round>".
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

const n = 20

func main() {
	var flag, started atomic.Int64
	done := make(chan int)
	start := time.Now()
	for i := 0; i < n; i++ {
		flag.Store(0)
		started.Store(0)
		go func() {
			started.Store(1)
			for flag.Load() == 0 {
			}
			done <- 0
		}()
		for started.Load() == 0 {
			runtime.Gosched()
		}
		go flag.Store(1)
		<-done
	}
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("preempt %d %d\n", n, ns/n)
}
