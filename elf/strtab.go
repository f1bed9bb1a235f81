package elf

// strtab builds an ELF string table: a leading NUL, then each distinct
// string once, NUL-terminated.
type strtab struct {
	data []byte
	off  map[string]uint32
}

func newStrtab() *strtab {
	return &strtab{data: []byte{0}, off: map[string]uint32{"": 0}}
}

// add returns the offset of s, appending it the first time it is seen.
func (t *strtab) add(s string) uint32 {
	if o, ok := t.off[s]; ok {
		return o
	}
	o := uint32(len(t.data))
	t.data = append(t.data, s...)
	t.data = append(t.data, 0)
	t.off[s] = o
	return o
}
