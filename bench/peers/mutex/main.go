// Command mutex is the Go peer of examples/mutex.s: 8 goroutines each
// lock a sync.Mutex, increment one counter and unlock it N times (200,000,
// or the first argument), joined by a sync.WaitGroup; the counter must be
// exactly 8N. It prints "mutex <8N> <ns per lock/unlock>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

const workers = 8

func main() {
	n := 200000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	start := time.Now()
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < n; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	ns := time.Since(start).Nanoseconds()
	if counter != workers*n {
		fmt.Printf("mutex: counter %d\n", counter)
		os.Exit(1)
	}
	ops := int64(workers * n)
	fmt.Printf("mutex %d %d\n", ops, ns/ops)
}
