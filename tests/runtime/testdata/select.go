// Go's twin of select.s: the same selects, the same numbers printed.
package main

import (
	"fmt"
	"os"
	"reflect"
	"time"
)

func p(v any) { fmt.Println(v) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func main() {
	a, b := make(chan int, 1), make(chan int, 1)
	c1, c2, c3 := make(chan int), make(chan int), make(chan int)
	req := make(chan int)
	var v, w int
	var ok bool
	var nilc chan int

	// Nothing ready, not blocking: -1.
	select {
	case v, ok = <-a:
		p(0)
	case v, ok = <-b:
		p(1)
	default:
		p(-1)
	}
	b <- 7
	select {
	case v, ok = <-a:
		p(0)
	case v, ok = <-b:
		p(1)
	}
	p(v)
	p(b2i(ok))

	// Nil channels are never ready.
	select {
	case v, ok = <-nilc:
		p(0)
	case nilc <- w:
		p(1)
	default:
		p(-1)
	}
	a <- 5
	select {
	case v, ok = <-nilc:
		p(0)
	case v, ok = <-a:
		p(1)
	}
	p(v)

	// A closed channel.
	close(b)
	v = 99
	select {
	case v, ok = <-b:
		p(0)
	case v, ok = <-nilc:
		p(1)
	default:
		p(-1)
	}
	p(v)
	p(b2i(ok))
	select {
	case <-b:
		p(0)
	}

	// Send cases.
	w = 11
	for i := 0; i < 2; i++ {
		select {
		case a <- w:
			p(0)
		case v, ok = <-nilc:
			p(1)
		default:
			p(-1)
		}
	}
	p(<-a)

	// A blocking select woken by a sender.
	go func() {
		time.Sleep(time.Millisecond)
		c2 <- 42
	}()
	select {
	case v, ok = <-c1:
		p(0)
	case v, ok = <-c2:
		p(1)
	}
	p(v)
	p(b2i(ok))

	// A blocking send case taken by a receiver.
	go func() { c3 <- <-c1 }()
	w = 77
	select {
	case c1 <- w:
		p(0)
	case v, ok = <-c2:
		p(1)
	}
	p(<-c3)

	// A timeout.
	go func() {
		time.Sleep(20 * time.Millisecond)
		c3 <- 1
	}()
	select {
	case v, ok = <-c1:
		p(0)
	case v, ok = <-c3:
		p(1)
	}
	p(v)

	// Closed while waiting.
	go func() {
		time.Sleep(time.Millisecond)
		close(c2)
	}()
	v = 99
	select {
	case v, ok = <-c1:
		p(0)
	case v, ok = <-c2:
		p(1)
	}
	p(v)
	p(b2i(ok))

	// Non-blocking receives.
	nbrecv := func(c chan int) {
		v = -5
		selected, received := false, false
		select {
		case v, received = <-c:
			selected = true
		default:
		}
		p(b2i(selected))
		p(b2i(received))
		p(v)
	}
	nbrecv(a)
	a <- 3
	nbrecv(a)
	nbrecv(b)

	// The same channel in two cases.
	a <- 4
	select {
	case v = <-a:
	case v = <-a:
	}
	p(v)

	// 2 to 64 cases.
	var ch, u [64]chan int
	for i := range ch {
		ch[i], u[i] = make(chan int, 1), make(chan int)
	}
	go func() {
		for k := range req {
			time.Sleep(100 * time.Microsecond)
			u[k] <- k + 1000
		}
	}()
	sum := 0
	for n := 2; n <= 64; n++ {
		k := (5*n + 3) % n
		ch[k] <- n
		if got, x := sel(ch[:n], false); got != k || x != n {
			p(n)
			os.Exit(1)
		}
		req <- k
		if got, x := sel(u[:n], true); got != k || x != k+1000 {
			p(n)
			os.Exit(1)
		}
		sum += n
	}
	p(sum)
}

// sel selects over receive cases on cs (and a default case unless it
// blocks), as selectgo over len(cs) cases: reflect.Select is Go's
// selectgo for cases built at run time.
func sel(cs []chan int, block bool) (int, int) {
	cases := make([]reflect.SelectCase, len(cs), len(cs)+1)
	for i, c := range cs {
		cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(c)}
	}
	if !block {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectDefault})
	}
	i, x, _ := reflect.Select(cases)
	if i == len(cs) {
		return -1, 0
	}
	return i, int(x.Int())
}
