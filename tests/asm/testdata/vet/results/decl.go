// Package results declares functions that return without writing their
// results, or write them in ways go vet accepts.
package results

func noret(x int) int
func tworets(x int) (int, int)
func named(x int) (n int)
func partial(x int) string
func tail(x int) int
func reads() int
func datainside() int
func ret2(a bool) (int32, int64)
func internal(x int) int
