// Command chan is the Go peer of examples/chan.s: round trips over two
// unbuffered channels between two goroutines. It prints
// "chan <ops> <ns per round trip>".
package main

import (
	"fmt"
	"time"
)

const n = 500000

func main() {
	req := make(chan int)
	resp := make(chan int)
	go func() {
		for v := range req {
			resp <- v
		}
	}()
	start := time.Now()
	for i := n; i > 0; i-- {
		req <- i
		<-resp
	}
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("chan %d %d\n", n, ns/n)
}
