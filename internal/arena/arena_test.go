package arena

import "testing"

func TestAllocReset(t *testing.T) {
	var r Arena[int]
	var got [][]int
	for n := 1; n < 700; n += 37 {
		s := r.Alloc(n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("Alloc(%d): len %d cap %d", n, len(s), cap(s))
		}
		for i := range s {
			if s[i] != 0 {
				t.Fatalf("Alloc(%d)[%d] = %d, want 0", n, i, s[i])
			}
			s[i] = n
		}
		got = append(got, s)
	}
	for _, s := range got {
		for _, v := range s {
			if v != len(s) {
				t.Fatalf("a later Alloc overwrote a slice of %d values (%d)", len(s), v)
			}
		}
	}
	blocks := len(r.blocks)
	r.Reset()
	for n := 1; n < 700; n += 37 {
		s := r.Alloc(n)
		for i := range s {
			if s[i] != 0 {
				t.Fatalf("after Reset, Alloc(%d)[%d] = %d, want 0", n, i, s[i])
			}
		}
	}
	if len(r.blocks) != blocks {
		t.Errorf("the same allocations after Reset made %d blocks, want the %d made before", len(r.blocks), blocks)
	}
}

func TestSmallBlockPassedOver(t *testing.T) {
	var r Arena[byte]
	r.Alloc(1) // the first block, of firstBlock values
	r.Reset()
	s := r.Alloc(firstBlock + 1)
	if len(s) != firstBlock+1 {
		t.Fatalf("Alloc(%d) after Reset: len %d", firstBlock+1, len(s))
	}
}
