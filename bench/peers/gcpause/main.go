// Command gcpause is the Go peer of examples/gcpause.s: a list of N
// (1,600,000, or the first argument) 64-byte nodes, about 100 MB live,
// reachable from a global, then runtime.GC timed three times. It prints
// "gcpause <N> <ns>", the fastest of the three (Go's cycle is concurrent:
// this is the whole cycle, not only its stop-the-world pauses).
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

type node struct {
	next *node
	v    [7]uint64
}

var head *node

func main() {
	n := int64(1600000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			n = max(v, 1)
		}
	}
	for i := n; i > 0; i-- {
		head = &node{next: head, v: [7]uint64{uint64(i)}}
	}
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 3; i++ {
		start := time.Now()
		runtime.GC()
		best = min(best, time.Since(start))
	}
	fmt.Printf("gcpause %d %d\n", n, best.Nanoseconds())
}
