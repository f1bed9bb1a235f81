// Command sieve is the Go peer of examples/sieve.s: the Go tour's prime
// sieve, a chain of filter goroutines over unbuffered channels, for N
// primes (5,000, or the first argument). The last prime must be the one
// trial division finds. It prints "sieve <N> <ns per prime>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

// nthprime is the n-th prime (2 is the first) by trial division.
func nthprime(n int) int {
	p := 1
	for ; n > 0; n-- {
	candidate:
		for p++; ; p++ {
			for d := 2; d*d <= p; d++ {
				if p%d == 0 {
					continue candidate
				}
			}
			break
		}
	}
	return p
}

func main() {
	n := 5000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	start := time.Now()
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	ns := time.Since(start).Nanoseconds()
	if want := nthprime(n); n > 0 && prime != want {
		fmt.Printf("sieve: wrong prime %d\n", prime)
		os.Exit(1)
	}
	fmt.Printf("sieve %d %d\n", n, ns/int64(max(n, 1)))
}
