// Package mnemonic holds the hash that indexes the encoder's generated
// instruction table by mnemonic. The generator lays the index out with it
// and the encoder probes the index with it, so both must use this one.
package mnemonic

// Hash is 32-bit FNV-1a of name.
func Hash(name string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h ^= uint32(name[i])
		h *= 16777619
	}
	return h
}

// IndexBits is log2 of the index's slot count: at least twice the number
// of mnemonics, so linear probes stay short.
const IndexBits = 12
