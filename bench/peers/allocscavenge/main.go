// Command allocscavenge is the Go peer of examples/allocscavenge.s: it
// grows the heap by S MiB (1024, or the first argument) in 1 MiB blocks,
// each page of them written, drops them all and runs the collector twice,
// then idles for up to T seconds (5, or the second argument), reading its
// resident size from /proc/self/statm every 100 ms, until that is at most
// 64 MiB. The scavenger returns the memory in the background. It prints
// "allocscavenge <ms until resident ≤ 64 MiB, or -1> <resident KiB at the
// end>".
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

const (
	block     = 1 << 20
	threshold = 64 << 20
	poll      = 100 * time.Millisecond
)

// arg returns the i-th command-line argument as a number, or def.
func arg(i int, def int64) int64 {
	if len(os.Args) > i {
		if v, err := strconv.ParseInt(os.Args[i], 10, 64); err == nil && v >= 0 {
			return v
		}
	}
	return def
}

// resident returns the process's resident size in bytes, from the second
// field of /proc/self/statm (in pages).
func resident() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return -1
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return -1
	}
	return pages * int64(os.Getpagesize())
}

func main() {
	mib, idle := arg(1, 1024), arg(2, 5)
	blocks := make([][]byte, mib*(1<<20)/block)
	for i := range blocks {
		b := make([]byte, block)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		blocks[i] = b
	}
	blocks = nil
	// The first collection frees the blocks; the second sets the heap
	// goal the scavenger paces itself by from the near-empty heap (after
	// only the first, the goal is still twice the 1 GB the heap held).
	runtime.GC()
	runtime.GC()
	start := time.Now()
	deadline := start.Add(time.Duration(idle) * time.Second)
	reached := int64(-1)
	rss := resident()
	for {
		if rss >= 0 && rss <= threshold {
			reached = time.Since(start).Milliseconds()
			break
		}
		if !time.Now().Add(poll).Before(deadline.Add(time.Millisecond)) {
			break
		}
		time.Sleep(poll)
		rss = resident()
	}
	fmt.Printf("allocscavenge %d %d\n", reached, rss>>10)
}
