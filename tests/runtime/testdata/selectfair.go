// Go's twin of selectfair.s: how often each of two always-ready cases
// is chosen in 100,000 selects.
package main

import "fmt"

const n = 100000

func main() {
	a, b := make(chan int, 1), make(chan int, 1)
	a <- 0
	b <- 0
	var count [2]int
	for i := 0; i < n; i++ {
		select {
		case v := <-a:
			count[0]++
			a <- v
		case v := <-b:
			count[1]++
			b <- v
		}
	}
	fmt.Println(count[0], count[1])
}
