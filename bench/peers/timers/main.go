// Command timers is the Go peer of examples/timers.s: N goroutines
// (10,000, or the first argument) each sleep 100 ms at once, joined by a
// sync.WaitGroup. It prints "timers <N> <wall ns per sleeper>" and
// "threads <OS threads at the end>", from /proc/self/status.
package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func main() {
	n := int64(10000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			n = max(v, 1)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(int(n))
	for i := int64(0); i < n; i++ {
		go func() {
			time.Sleep(100 * time.Millisecond)
			wg.Done()
		}()
	}
	wg.Wait()
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("timers %d %d\n", n, ns/n)
	fmt.Printf("threads %d\n", threads())
}

// threads is the number after "Threads:" in /proc/self/status, or -1.
func threads() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	_, rest, ok := bytes.Cut(b, []byte("Threads:"))
	if !ok {
		return -1
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	v, err := strconv.Atoi(string(bytes.TrimSpace(line)))
	if err != nil {
		return -1
	}
	return v
}
