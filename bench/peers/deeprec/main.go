// Command deeprec is the Go peer of examples/deeprec.s: a function with a
// 64-byte local array calls itself D deep (1,000,000, or the first
// argument), once on the main goroutine and once on a goroutine started
// for it. It prints "deeprec <D> <ns per call>", the mean over both.
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// rec calls rec(d-1) until d is 0, writing two words of its frame's
// array on the way (as examples/deeprec.s writes its frame) and reading
// them back: every level adds d - d.
//
//go:noinline
func rec(d int64) int64 {
	var frame [8]int64
	frame[d&7] = d
	frame[(d+7)&7] = -d
	if d <= 0 {
		return frame[d&7] + frame[(d+7)&7]
	}
	return rec(d-1) + frame[d&7] + frame[(d+7)&7]
}

func main() {
	d := int64(1000000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			d = v
		}
	}
	done := make(chan int64)
	start := time.Now()
	r := rec(d)
	go func() { done <- rec(d) }()
	r += <-done
	ns := time.Since(start).Nanoseconds() / 2
	if r != 0 {
		fmt.Println("deeprec: wrong result", r)
		os.Exit(1)
	}
	fmt.Printf("deeprec %d %d\n", max(d, 1), ns/max(d, 1))
}
