// Package sp declares functions whose assembly reaches the arguments
// through the hardware SP.
package sp

func spargs(x, y int) int
func spwrite(x int) int
func local(x int) int
