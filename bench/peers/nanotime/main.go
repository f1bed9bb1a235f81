// Command nanotime is the Go peer of examples/nanotime.s: n readings of
// the clock through time.Now (n from the first argument, default
// 10,000,000), each kept. It prints "nanotime <n> <ns per call>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	n := 10000000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil && v >= 0 {
			n = v
		}
	}
	start := time.Now()
	var sum int64
	for i := 0; i < n; i++ {
		sum += int64(time.Now().Nanosecond())
	}
	ns := time.Since(start).Nanoseconds()
	ops := int64(n)
	if ops == 0 {
		ops = 1
	}
	fmt.Printf("nanotime %d %d\n", n, ns/ops)
	if sum == -1 {
		fmt.Println(sum)
	}
}
