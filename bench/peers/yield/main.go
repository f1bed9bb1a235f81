// Command yield is the Go peer of examples/yield.s: two goroutines take
// turns through runtime.Gosched, n times each. It prints
// "yield <ops> <ns per Gosched>".
package main

import (
	"fmt"
	"runtime"
	"time"
)

const n = 1000000

func main() {
	done := make(chan int, 2)
	start := time.Now()
	for i := 0; i < 2; i++ {
		go func() {
			for left := n; left > 0; left-- {
				runtime.Gosched()
			}
			done <- 0
		}()
	}
	<-done
	<-done
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("yield %d %d\n", 2*n, ns/(2*n))
}
