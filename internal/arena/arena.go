// Package arena hands out values from blocks that are used again: a
// stage that holds one part of a file at a time (a function's progs, a
// part's operands) resets its arena between parts, so the memory the
// largest part needed is all it ever allocates, and the collector has
// nothing to do for it.
package arena

// Arena hands out slices of T. The zero Arena is ready to use.
type Arena[T any] struct {
	blocks [][]T
	next   int // the index in blocks of the block after cur
	cur    []T // what is left of the block in use
}

// Blocks grow from firstBlock values to maxBlock, so that a small input
// allocates little and a large one few blocks.
const (
	firstBlock = 16
	maxBlock   = 512
)

// Alloc returns n zeroed values, valid until Reset.
func (r *Arena[T]) Alloc(n int) []T {
	if n > maxBlock {
		return make([]T, n)
	}
	for len(r.cur) < n { // a block too small for n is passed over
		if r.next == len(r.blocks) {
			size := firstBlock
			if k := len(r.blocks); k > 0 {
				size = min(2*len(r.blocks[k-1]), maxBlock)
			}
			r.blocks = append(r.blocks, make([]T, max(size, n)))
		}
		r.cur = r.blocks[r.next]
		r.next++
	}
	s := r.cur[:n:n]
	r.cur = r.cur[n:]
	return s
}

// New returns a pointer to one zeroed value, valid until Reset.
func (r *Arena[T]) New() *T { return &r.Alloc(1)[0] }

// Reset makes every value handed out available again, zeroed.
func (r *Arena[T]) Reset() {
	for _, b := range r.blocks[:r.next] {
		clear(b)
	}
	r.next, r.cur = 0, nil
}
