// Package argsize declares functions whose TEXT gives the wrong
// argument size, and leaves one undeclared.
package argsize

func wrong(x, y int) int
func none(x int)
func nosplitnone(x int)
func nosplitwrong(x int)
func empty()
func emptysplit()
func variadic(f string, args ...any)
func unnamed(int, bool, string) (int, error)
