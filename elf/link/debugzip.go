package link

import (
	"debug/elf"
	"encoding/binary"

	"github.com/p9tools/p9/internal/deflate"
)

// debugCompressor writes debug sections as SHF_COMPRESSED bodies (an
// Elf64_Chdr and a zlib stream), as Go's linker writes DWARF by default;
// gdb, binutils and debug/elf read them. The zlib stream comes from
// internal/deflate, whose state is sized to each section.
type debugCompressor struct{}

// compress returns data compressed, or ok false when that would not make
// the section smaller.
func (c *debugCompressor) compress(data []byte, align uint64) (out []byte, ok bool) {
	out = make([]byte, 24, 24+len(data)/2+64)
	le := binary.LittleEndian
	le.PutUint32(out[0:], uint32(elf.COMPRESS_ZLIB))
	le.PutUint64(out[8:], uint64(len(data)))
	le.PutUint64(out[16:], max(align, 1))
	out = deflate.AppendZlib(out, data)
	if len(out) >= len(data) {
		return nil, false
	}
	return out, true
}
