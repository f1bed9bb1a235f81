package link

import (
	"bytes"
	"compress/zlib"
	"debug/elf"
	"encoding/binary"
)

// debugCompressor writes debug sections as SHF_COMPRESSED bodies (an
// Elf64_Chdr and a zlib stream), as Go's linker writes DWARF by default;
// gdb, binutils and debug/elf read them. One zlib writer serves every
// section of a link, reset for each.
type debugCompressor struct {
	buf bytes.Buffer
	zw  *zlib.Writer
}

// compress returns data compressed, or ok false when that would not make
// the section smaller.
func (c *debugCompressor) compress(data []byte, align uint64) (out []byte, ok bool) {
	var hdr [24]byte
	le := binary.LittleEndian
	le.PutUint32(hdr[0:], uint32(elf.COMPRESS_ZLIB))
	le.PutUint64(hdr[8:], uint64(len(data)))
	le.PutUint64(hdr[16:], max(align, 1))
	c.buf.Reset()
	c.buf.Write(hdr[:])
	if c.zw == nil {
		c.zw, _ = zlib.NewWriterLevel(&c.buf, zlib.BestSpeed) // Go's linker's level; a valid one
	} else {
		c.zw.Reset(&c.buf)
	}
	// Writes to a bytes.Buffer do not fail.
	c.zw.Write(data)
	c.zw.Close()
	if c.buf.Len() >= len(data) {
		return nil, false
	}
	return bytes.Clone(c.buf.Bytes()), true
}
