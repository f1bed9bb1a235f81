package link

import (
	"bytes"
	"compress/zlib"
	"debug/elf"
	"encoding/binary"
)

// compressDebug returns data as an SHF_COMPRESSED section body (an
// Elf64_Chdr and a zlib stream), as Go's linker writes DWARF by default;
// gdb, binutils and debug/elf read it. ok is false when compressing would
// not make the section smaller.
func compressDebug(data []byte, align uint64) (out []byte, ok bool) {
	var b bytes.Buffer
	le := binary.LittleEndian
	var hdr [24]byte
	le.PutUint32(hdr[0:], uint32(elf.COMPRESS_ZLIB))
	le.PutUint64(hdr[8:], uint64(len(data)))
	le.PutUint64(hdr[16:], max(align, 1))
	b.Write(hdr[:])
	w, err := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	if err != nil {
		return nil, false
	}
	if _, err := w.Write(data); err != nil {
		return nil, false
	}
	if err := w.Close(); err != nil || b.Len() >= len(data) {
		return nil, false
	}
	return b.Bytes(), true
}
