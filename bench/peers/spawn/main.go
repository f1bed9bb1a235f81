// Command spawn is the Go peer of examples/spawn.s: rounds of batch
// goroutines that each finish at once, waited for with a sync.WaitGroup.
// It prints "spawn <ops> <ns per goroutine>".
package main

import (
	"fmt"
	"sync"
	"time"
)

const (
	batch  = 10000
	rounds = 100
	n      = batch * rounds
)

func main() {
	var wg sync.WaitGroup
	start := time.Now()
	for r := 0; r < rounds; r++ {
		wg.Add(batch)
		for i := 0; i < batch; i++ {
			go wg.Done()
		}
		wg.Wait()
	}
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("spawn %d %d\n", n, ns/n)
}
