// Go's twin of selectclosedwait.s: a select waiting to send on a channel
// another goroutine closes.
package main

import "time"

func main() {
	c, d := make(chan int), make(chan int)
	go func() {
		time.Sleep(10 * time.Millisecond)
		close(c)
	}()
	select {
	case c <- 0:
	case <-d:
	}
}
