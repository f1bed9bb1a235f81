// Package offsets declares functions whose assembly names its
// parameters at wrong offsets, with wrong sizes, or by wrong names.
package offsets

func add(x, y int64) int64
func str(s string, b []byte) int
func small(a byte, b int16, c int32) (r bool)
func addr(p *int, n int) int
func unknown(x int)
func wholeframe(x, y int)
