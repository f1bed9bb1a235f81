// Go's twin of selecttoomany.s: a select of 65,537 cases.
package main

import "reflect"

func main() {
	cases := make([]reflect.SelectCase, 65537)
	for i := range cases {
		cases[i] = reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(make(chan int))}
	}
	reflect.Select(cases)
}
