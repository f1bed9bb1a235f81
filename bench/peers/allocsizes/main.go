// Command allocsizes is the Go peer of examples/allocsizes.s: 4
// goroutines each make M byte slices (2,000,000, or the first argument),
// their sizes going round 8, 16, 32, ..., 32768 bytes, and write the
// first byte of each; the collector reclaims them. It prints
// "allocsizes <4*M> <ns per allocation>", the time from the first
// goroutine's start to the last one's end over all allocations.
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

const workers = 4

// sizes are the powers of two from 8 to 32768 bytes: a size class each.
var sizes = [...]int{8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768}

// sinks keeps each goroutine's latest slice reachable, one cache line
// apiece, so that no allocation can be optimized away.
var sinks [workers]struct {
	b []byte
	_ [40]byte
}

func work(w int, m int64, done chan<- bool) {
	j := 0
	for i := int64(0); i < m; i++ {
		b := make([]byte, sizes[j])
		b[0] = byte(i)
		sinks[w].b = b
		if j++; j == len(sizes) {
			j = 0
		}
	}
	done <- true
}

func main() {
	m := int64(2000000)
	if len(os.Args) > 1 {
		if v, err := strconv.ParseInt(os.Args[1], 10, 64); err == nil {
			m = max(v, 1)
		}
	}
	done := make(chan bool, workers)
	start := time.Now()
	for w := 0; w < workers; w++ {
		go work(w, m, done)
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	ns := time.Since(start).Nanoseconds()
	fmt.Printf("allocsizes %d %d\n", workers*m, ns/(workers*m))
}
