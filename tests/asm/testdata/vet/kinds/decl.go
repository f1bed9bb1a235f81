// Package kinds declares parameters of composite types.
package kinds

type pair struct {
	a int32
	b int64
	s string
}

type stringer interface{ String() string }

func structs(p pair, q [2]int16) int
func ifaces(e any, s stringer)
func complexes(c complex128, d complex64) float64
func floats(f float64, h float32) float32
func funcs(f func(), m map[int]int, c chan int, u uintptr)
