// Command gcchurn is the Go peer of examples/gcchurn.s: N
// (10,000,000, or the first argument) times, a new 64-byte block, every
// word of it written, then dropped, in both: each collector reclaims them.
// It prints "gcchurn <N> <ns/op>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// block is 64 bytes without pointers, as a block from runtime·malloc(64)
// is to p9's runtime.
type block [8]uint64

// sink keeps each block on the heap: the compiler cannot prove it dead.
var sink *block

func main() {
	n := int64(10000000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			n = max(v, 1)
		}
	}
	start := time.Now()
	for i := int64(0); i < n; i++ {
		b := new(block)
		for j := range b {
			b[j] = uint64(i)
		}
		sink = b
	}
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("gcchurn %d %d\n", n, ns/n)
}
