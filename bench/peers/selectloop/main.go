// Command selectloop is the Go peer of examples/selectloop.s: two goroutines each
// send n/2 values on their own unbuffered channel and main takes all n
// with a select over both. It prints "selectloop <n> <ns per select>".
package main

import (
	"fmt"
	"time"
)

const n = 500000

func main() {
	a, b := make(chan int), make(chan int)
	produce := func(c chan int) {
		for i := 0; i < n/2; i++ {
			c <- i
		}
	}
	go produce(a)
	go produce(b)
	start := time.Now()
	var v int
	for i := 0; i < n; i++ {
		select {
		case v = <-a:
		case v = <-b:
		}
	}
	ns := time.Since(start).Nanoseconds()
	_ = v
	fmt.Printf("selectloop %d %d\n", n, ns/n)
}
