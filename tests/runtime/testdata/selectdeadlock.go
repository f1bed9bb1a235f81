// Go's twin of selectdeadlock.s: goroutines that wait for ever in a
// select with no cases and in selects nothing completes.
package main

import "time"

func main() {
	c1, c2, c3 := make(chan int), make(chan int), make(chan int)
	go func() {
		select {}
	}()
	go func() {
		select {
		case <-c1:
		case c3 <- 1:
		}
	}()
	time.Sleep(10 * time.Millisecond)
	select {
	case <-c1:
	case <-c2:
	}
}
