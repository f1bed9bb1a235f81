// Go's twin of selectclosed.s: a select that sends on a closed channel.
package main

func main() {
	c := make(chan int)
	close(c)
	var nilc chan int
	select {
	case c <- 0:
	case <-nilc:
	default:
	}
}
