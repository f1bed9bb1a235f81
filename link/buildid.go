package link

import (
	"crypto/md5"
	"crypto/sha1"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
)

// BuildID is the .note.gnu.build-id a link writes, as GNU ld's
// --build-id=style: a hash of the output (sha1, md5), random bytes (uuid)
// or given bytes (0xHEX).
type BuildID struct {
	Style string // "sha1", "md5", "uuid" or "hex"
	Bytes []byte // for "hex"
}

// ParseBuildID reads a --build-id style as GNU ld does: "" and "sha1" are
// SHA-1 (20 bytes), "md5" MD5 (16), "uuid" 16 random bytes, "0x..." the
// bytes given in hexadecimal; "none" is no note (nil).
func ParseBuildID(style string) (*BuildID, error) {
	switch style {
	case "", "sha1":
		return &BuildID{Style: "sha1"}, nil
	case "md5", "uuid":
		return &BuildID{Style: style}, nil
	case "none":
		return nil, nil
	}
	if h, ok := strings.CutPrefix(strings.ToLower(style), "0x"); ok {
		h = strings.ReplaceAll(h, "-", "") // GNU ld skips dashes: 0x0123-4567
		b, err := hex.DecodeString(h)
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("--build-id=%s: not an even number of hexadecimal digits", style)
		}
		return &BuildID{Style: "hex", Bytes: b}, nil
	}
	return nil, fmt.Errorf("--build-id=%s: unknown style (sha1, md5, uuid, 0xHEX or none)", style)
}

// size is the descriptor's length.
func (b *BuildID) size() int {
	switch b.Style {
	case "sha1":
		return sha1.Size
	case "md5", "uuid":
		return md5.Size
	}
	return len(b.Bytes)
}

// ntGNUBuildID is NT_GNU_BUILD_ID, the note type.
const ntGNUBuildID = 3

// buildIDSection is the note's output section name.
const buildIDSection = ".note.gnu.build-id"

// addBuildIDSection makes the output section that holds the note, first
// in the read-only segment; its contents are written by fillBuildID.
func (l *linker) addBuildIDSection(newOut func(string, elf.SectionType, elf.SectionFlag) *outSection) {
	if l.opts.BuildID == nil {
		return
	}
	o := newOut(buildIDSection, elf.SHT_NOTE, elf.SHF_ALLOC)
	o.rank = -1
	o.align = 4
	o.size = 16 + (uint64(l.opts.BuildID.size())+3)&^3 // the descriptor padded to 4 bytes
	l.buildID = o
}

// fillBuildID writes the note into the finished output: the header, then
// the descriptor, computed (sha1, md5) over the whole file with the
// descriptor still zero, so the same inputs give the same id.
func (l *linker) fillBuildID(out []byte) {
	o := l.buildID
	if o == nil {
		return
	}
	b := l.opts.BuildID
	copy(out[o.off:], appendNoteHeader(nil, "GNU", ntGNUBuildID, b.size()))
	desc := out[o.off+16 : o.off+16+uint64(b.size())]
	switch b.Style {
	case "sha1":
		sum := sha1.Sum(out)
		copy(desc, sum[:])
	case "md5":
		sum := md5.Sum(out)
		copy(desc, sum[:])
	case "uuid":
		// math/rand/v2's generator is seeded from the system's random
		// source and needs no secrecy here; crypto/rand would cost every
		// link its initialisation (more pages touched at start-up).
		for i := range desc {
			desc[i] = byte(rand.Uint32())
		}
		desc[6] = desc[6]&0x0f | 0x40 // version 4
		desc[8] = desc[8]&0x3f | 0x80 // RFC 4122 variant
	default:
		copy(desc, b.Bytes)
	}
}
