package link

import "encoding/binary"

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

// noteAlign is the PVH note's alignment, in the file and in its PT_NOTE
// program header. It must be 4: QEMU aligns the note's name to it when it
// looks for the descriptor.
const noteAlign = 4

// appendNote appends the note of a FormatPVH image, if it is one, to out
// and records where it is: name "Xen", type PHYS32_ENTRY, and the entry's
// physical address as 8 bytes (Xen reads 4 or 8; QEMU reads 8).
func (l *linker) appendNote(out []byte) []byte {
	if l.opts.Format != FormatPVH {
		return out
	}
	out = padTo(out, noteAlign)
	l.note.off = uint64(len(out))
	out = appendNoteHeader(out, "Xen", xenElfnotePhys32Entry, 8)
	out = binary.LittleEndian.AppendUint64(out, l.globals[l.opts.Entry].addr())
	l.note.size = uint64(len(out)) - l.note.off
	return out
}

// appendNoteHeader appends an ELF note's header: the sizes of its name
// (with the NUL) and descriptor, its type, then the name, which here is
// always 3 bytes and so needs no padding.
func appendNoteHeader(b []byte, name string, typ uint32, descsz int) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, uint32(len(name)+1))
	b = le.AppendUint32(b, uint32(descsz))
	b = le.AppendUint32(b, typ)
	return append(append(b, name...), 0)
}
