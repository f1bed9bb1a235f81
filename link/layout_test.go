package link

import (
	"bytes"
	"cmp"
	"debug/elf"
	"slices"
	"testing"

	"github.com/p9tools/p9/obj"
)

// checkSegments holds an executable to the rules a loader relies on and
// to the packed layout: each PT_LOAD's file offset agrees with its address
// modulo the page size, no segment is both writable and executable, no two
// segments share a page of memory or a byte of the file, and between two
// segments the file holds no more padding than the alignment of the
// second one's sections asks for. Every allocated section lies inside a
// segment at the matching offset, and so does PT_TLS.
func checkSegments(t *testing.T, exe []byte) []*elf.Prog {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	var loads []*elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			loads = append(loads, p)
		}
	}
	if len(loads) == 0 {
		t.Fatal("no PT_LOAD segment")
	}
	slices.SortFunc(loads, func(a, b *elf.Prog) int { return cmp.Compare(a.Vaddr, b.Vaddr) })
	for i, p := range loads {
		if p.Align != pageSize || p.Off%p.Align != p.Vaddr%p.Align {
			t.Errorf("PT_LOAD %d: offset %#x, address %#x, alignment %#x: offset and address disagree modulo the alignment", i, p.Off, p.Vaddr, p.Align)
		}
		if p.Flags&elf.PF_W != 0 && p.Flags&elf.PF_X != 0 {
			t.Errorf("PT_LOAD %d is writable and executable", i)
		}
		if p.Filesz > p.Memsz || p.Off+p.Filesz > uint64(len(exe)) {
			t.Errorf("PT_LOAD %d: %#x file bytes at %#x, memsz %#x, in a %#x-byte file", i, p.Filesz, p.Off, p.Memsz, len(exe))
		}
		if i == 0 {
			continue
		}
		q := loads[i-1]
		if lastPage, firstPage := (q.Vaddr+q.Memsz-1)/pageSize, p.Vaddr/pageSize; firstPage <= lastPage {
			t.Errorf("PT_LOAD %d starts on page %#x, where PT_LOAD %d ends", i, firstPage*pageSize, i-1)
		}
		if p.Filesz == 0 {
			continue
		}
		align := uint64(1)
		for _, s := range f.Sections {
			if s.Flags&elf.SHF_ALLOC != 0 && s.Addr >= p.Vaddr && s.Addr < p.Vaddr+p.Memsz {
				align = max(align, s.Addralign)
			}
		}
		prevEnd := q.Off + q.Filesz
		if p.Off < prevEnd {
			t.Errorf("PT_LOAD %d's file bytes at %#x overlap PT_LOAD %d's, which end at %#x", i, p.Off, i-1, prevEnd)
		} else if p.Off-prevEnd >= min(align, pageSize) {
			t.Errorf("PT_LOAD %d starts %#x bytes after PT_LOAD %d ends in the file, its sections' alignment being %#x: not packed", i, p.Off-prevEnd, i-1, align)
		}
	}
	within := func(addr, off uint64, nobits bool) bool {
		for _, p := range loads {
			if addr >= p.Vaddr && addr < p.Vaddr+p.Memsz {
				return nobits || off-p.Off == addr-p.Vaddr
			}
		}
		return false
	}
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC == 0 || s.Size == 0 || s.Type == elf.SHT_NOBITS && s.Flags&elf.SHF_TLS != 0 {
			continue
		}
		if !within(s.Addr, s.Offset, s.Type == elf.SHT_NOBITS) {
			t.Errorf("section %s at %#x (offset %#x) is not where a segment maps it", s.Name, s.Addr, s.Offset)
		}
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_TLS && !within(p.Vaddr, p.Off, p.Filesz == 0) {
			t.Errorf("PT_TLS at %#x (offset %#x) is not where a segment maps it", p.Vaddr, p.Off)
		}
	}
	return loads
}

// TestSegmentsPacked links programs with every kind of segment and checks
// the layout; the ones that run must still run.
func TestSegmentsPacked(t *testing.T) {
	rich := richProgram(t)
	checkSegments(t, rich)
	if _, status := run(t, rich); status != 84 {
		t.Errorf("code, rodata, data, bss and TLS: exit status %d, want 84", status)
	}

	// Only bss after the code: the data segment takes no file bytes.
	bss := mustLink(t, tlsInputs(t), Options{})
	loads := checkSegments(t, bss)
	if last := loads[len(loads)-1]; last.Flags&elf.PF_W == 0 || last.Filesz != 0 || last.Memsz == 0 {
		t.Errorf("data segment of a bss-only program: %+v, want writable, no file bytes", last.ProgHeader)
	}
	if _, status := run(t, bss); status != 84 {
		t.Errorf("bss-only data: exit status %d, want 84", status)
	}

	// Data aligned beyond a page starts on a page in the file too.
	o := newObj("big.s")
	o.define("main.aligned", obj.Data, obj.SymObject, []byte{1, 2, 3, 4, 5, 6, 7, 8}, 0, 4*pageSize, nil)
	o.define("main.ro", obj.Rodata, obj.SymObject, []byte("read-only"), 0, 1, nil)
	big := mustLink(t, append(tlsInputs(t), o.input(t, "big.o")), Options{NoGC: true})
	checkSegments(t, big)
	f, err := elf.NewFile(bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	if s := f.Section(".data"); s == nil || s.Addr%(4*pageSize) != 0 {
		t.Errorf(".data = %+v, want an address aligned to %#x", s, 4*pageSize)
	}
	if _, status := run(t, big); status != 84 {
		t.Errorf("page-aligned data: exit status %d, want 84", status)
	}

	checkSegments(t, mustLink(t, pvhInputs(t), Options{Format: FormatPVH}))
}

// TestPackSegment: the offset and address a segment gets.
func TestPackSegment(t *testing.T) {
	for _, c := range []struct {
		fileEnd, end, align, off, vaddr uint64
	}{
		{0x30af, 0x4030af, 8, 0x30b0, 0x4040b0},
		{0x3000, 0x403000, 8, 0x3000, 0x403000},
		{0x3451, 0x405451, 1, 0x3451, 0x406451},
		{0x3451, 0x405451, 0x1000, 0x4000, 0x406000},
		{0x3451, 0x405451, 0x4000, 0x4000, 0x408000},
	} {
		off, vaddr := packSegment(c.fileEnd, c.end, c.align)
		if off != c.off || vaddr != c.vaddr {
			t.Errorf("packSegment(%#x, %#x, %#x) = %#x, %#x; want %#x, %#x", c.fileEnd, c.end, c.align, off, vaddr, c.off, c.vaddr)
		}
	}
}
