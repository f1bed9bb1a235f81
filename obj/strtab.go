package obj

// StringTable builds an ELF string table: a leading NUL, then each
// distinct string once, NUL-terminated. The object writer and the linker
// both use it.
type StringTable struct {
	Data []byte
	off  map[string]uint32
}

// NewStringTable returns a table holding only the empty string, with room
// for n strings of nbytes bytes in all, NULs included.
func NewStringTable(n, nbytes int) *StringTable {
	t := &StringTable{Data: make([]byte, 1, nbytes+1), off: make(map[string]uint32, n+1)}
	t.off[""] = 0
	return t
}

// Add returns the offset of s, appending it the first time it is seen.
func (t *StringTable) Add(s string) uint32 {
	if o, ok := t.off[s]; ok {
		return o
	}
	o := uint32(len(t.Data))
	t.Data = append(t.Data, s...)
	t.Data = append(t.Data, 0)
	t.off[s] = o
	return o
}
