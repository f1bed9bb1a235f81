package link

import (
	"debug/elf"
	"encoding/binary"
)

// Format is the kind of file Link writes.
type Format int

const (
	// FormatLinux is a static Linux executable.
	FormatLinux Format = iota
	// FormatPVH is an image a machine boots directly: the same ELF64
	// executable, whose load addresses are physical ones, with a Xen
	// PHYS32_ENTRY note giving the 32-bit entry point, as QEMU's -kernel
	// and Xen's PVH loaders expect.
	FormatPVH
)

// PVHEntry is the entry symbol of a FormatPVH image when Options.Entry is
// empty: the runtime's 32-bit start.
const PVHEntry = "_rt0_amd64_pvh"

// xenElfnotePhys32Entry is XEN_ELFNOTE_PHYS32_ENTRY.
const xenElfnotePhys32Entry = 18

// noteInfo is where the PVH note lies in the output file.
type noteInfo struct {
	off, size uint64
}

// pvhMapped is how much memory the runtime's PVH entry identity-maps.
const pvhMapped = 1 << 30

// checkPVH reports an entry point a 32-bit start cannot reach, and an
// image the boot code's page tables do not cover.
func (l *linker) checkPVH() {
	if l.opts.Format != FormatPVH || len(l.segs) == 0 {
		return
	}
	if entry := l.globals[l.opts.Entry].addr(); entry >= 1<<32 {
		l.errorf("", "PVH entry %s at %#x is not below 4 GiB", l.opts.Entry, entry)
	}
	last := l.segs[len(l.segs)-1]
	if end := last.vaddr + last.memsz; end > pvhMapped {
		l.errorf("", "PVH image ends at %#x, above the first GiB, which is all the boot code maps", end)
	}
}

// pvhNote returns the note of a FormatPVH image, or nil: name "Xen",
// type PHYS32_ENTRY, and the entry's physical address as 8 bytes (Xen
// reads 4 or 8; QEMU reads 8).
func (l *linker) pvhNote() []byte {
	if l.opts.Format != FormatPVH {
		return nil
	}
	le := binary.LittleEndian
	var b []byte
	b = le.AppendUint32(b, 4) // namesz, with the NUL
	b = le.AppendUint32(b, 8) // descsz
	b = le.AppendUint32(b, xenElfnotePhys32Entry)
	b = append(b, "Xen\x00"...)
	return le.AppendUint64(b, l.globals[l.opts.Entry].addr())
}

// appendNote appends the PVH note, if any, to out and records where it is.
func (l *linker) appendNote(out []byte) []byte {
	note := l.pvhNote()
	if note == nil {
		return out
	}
	out = padTo(out, 4)
	l.note = noteInfo{off: uint64(len(out)), size: uint64(len(note))}
	return append(out, note...)
}

// notePhdrs is how many program headers the PVH note adds.
func (l *linker) notePhdrs() uint64 {
	if l.opts.Format == FormatPVH {
		return 1
	}
	return 0
}

// noteProg is the PT_NOTE program header's type, flags and alignment. The
// alignment must be 4: QEMU aligns the note's name to it when it looks for
// the descriptor.
const (
	noteProgType  = elf.PT_NOTE
	noteProgFlags = elf.PF_R
	noteProgAlign = 4
)
