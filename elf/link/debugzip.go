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
// section: setting one up costs more than compressing a small section.
type debugCompressor struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

// compress returns data compressed, or ok false when that would not make
// the section smaller.
func (c *debugCompressor) compress(data []byte, align uint64) (out []byte, ok bool) {
	c.buf.Reset()
	var hdr [24]byte
	le := binary.LittleEndian
	le.PutUint32(hdr[0:], uint32(elf.COMPRESS_ZLIB))
	le.PutUint64(hdr[8:], uint64(len(data)))
	le.PutUint64(hdr[16:], max(align, 1))
	c.buf.Write(hdr[:])
	if c.w == nil {
		w, err := zlib.NewWriterLevel(&c.buf, zlib.BestSpeed)
		if err != nil {
			return nil, false
		}
		c.w = w
	} else {
		c.w.Reset(&c.buf)
	}
	if _, err := c.w.Write(data); err != nil {
		return nil, false
	}
	if err := c.w.Close(); err != nil || c.buf.Len() >= len(data) {
		return nil, false
	}
	return bytes.Clone(c.buf.Bytes()), true
}
