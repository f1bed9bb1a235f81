package link

import (
	"cmp"
	"debug/elf"
	"slices"
	"strings"

	"github.com/p9tools/p9/obj"
)

const pageSize = 0x1000

// segKind is the PT_LOAD segment an output section goes in.
type segKind uint8

const (
	segText   segKind = iota // R+X, begins with the ELF and program headers
	segRodata                // R
	segData                  // RW: TLS templates, data, then bss
)

var segFlags = [...]elf.ProgFlag{segText: elf.PF_R | elf.PF_X, segRodata: elf.PF_R, segData: elf.PF_R | elf.PF_W}

// outSection is a section of the executable.
type outSection struct {
	name  string
	typ   elf.SectionType
	flags elf.SectionFlag
	align uint64
	size  uint64
	addr  uint64
	off   uint64 // file offset
	ins   []*inSection
	data  []byte // contents of a debug section, built by relocate
	seg   segKind
	rank  int
	order int
	shndx uint32 // index in the section header table; 0 if not written
}

func (o *outSection) end() uint64 { return o.addr + o.size }

// add appends an input section to o, aligned.
func (o *outSection) add(s *inSection) {
	o.ins = append(o.ins, s)
	o.align = max(o.align, s.align)
	s.out = o
	s.off = obj.AlignUp(o.size, s.align)
	o.size = s.off + s.size
}

// segment is one PT_LOAD.
type segment struct {
	kind   segKind
	flags  elf.ProgFlag
	vaddr  uint64
	off    uint64
	filesz uint64
	memsz  uint64
}

// tlsInfo describes the PT_TLS segment: the TLS template's first address,
// its sizes and alignment.
type tlsInfo struct {
	present        bool
	addr           uint64
	off            uint64
	filesz, memsz  uint64
	align          uint64
	tdata, tbssSec *outSection
}

// end is the thread pointer's offset from the template start in x86-64's
// variant II layout: the block sits right below the thread pointer, its
// size rounded up to the alignment.
func (t *tlsInfo) end() uint64 { return t.addr + obj.AlignUp(t.memsz, t.align) }

// outputName maps an input section to the output section it joins.
func outputName(s *inSection) string {
	if s.flags&elf.SHF_TLS != 0 {
		if s.typ == elf.SHT_NOBITS {
			return ".tbss"
		}
		return ".tdata"
	}
	for _, p := range [...]string{".text", ".rodata", ".data", ".bss", ".noptrdata", ".noptrbss"} {
		if rest, ok := strings.CutPrefix(s.name, p); ok && (rest == "" || rest[0] == '.') {
			return p
		}
	}
	return s.name
}

// rankOf orders output sections within their segment.
func rankOf(name string, typ elf.SectionType, flags elf.SectionFlag) (segKind, int) {
	switch {
	case flags&elf.SHF_EXECINSTR != 0:
		if name == ".text" {
			return segText, 0
		}
		return segText, 1
	case flags&(elf.SHF_WRITE|elf.SHF_TLS) == 0:
		if name == ".rodata" {
			return segRodata, 0
		}
		return segRodata, 1
	}
	if r, ok := dataRank[name]; ok {
		return segData, r
	}
	if typ == elf.SHT_NOBITS {
		return segData, 8
	}
	return segData, 4
}

// dataRank orders the data segment's sections of known names: the TLS
// templates, data, other data (4), the GOT, then bss and other bss (8).
var dataRank = map[string]int{".tdata": 0, ".tbss": 1, ".data": 2, ".noptrdata": 3, ".got": 5, ".bss": 6, ".noptrbss": 7}

// layout groups input sections into output sections, sizes them and gives
// everything an address and a file offset. Segments are packed in the
// file: each starts right after the previous one's bytes, while its
// addresses start on a page of their own (see packSegment).
func (l *linker) layout() {
	byName := map[string]*outSection{}
	newOut := func(name string, typ elf.SectionType, flags elf.SectionFlag) *outSection {
		o := &outSection{name: name, typ: typ, flags: flags, align: 1, order: len(l.outs)}
		o.seg, o.rank = rankOf(name, typ, flags)
		byName[name] = o
		l.outs = append(l.outs, o)
		return o
	}
	// The sections programs and linker-defined symbols expect always
	// exist; empty ones get an address but no section header.
	newOut(".text", elf.SHT_PROGBITS, elf.SHF_ALLOC|elf.SHF_EXECINSTR)
	newOut(".rodata", elf.SHT_PROGBITS, elf.SHF_ALLOC)
	for _, n := range []string{".data", ".noptrdata"} {
		newOut(n, elf.SHT_PROGBITS, elf.SHF_ALLOC|elf.SHF_WRITE)
	}
	for _, n := range []string{".bss", ".noptrbss"} {
		newOut(n, elf.SHT_NOBITS, elf.SHF_ALLOC|elf.SHF_WRITE)
	}
	l.addBuildIDSection(newOut)
	if len(l.gotEnt) > 0 {
		l.got = newOut(".got", elf.SHT_PROGBITS, elf.SHF_ALLOC|elf.SHF_WRITE)
		l.got.align = 8
		l.got.size = 8 * uint64(len(l.gotEnt))
	}
	for _, in := range l.objs {
		for _, s := range in.secs {
			if s == nil {
				continue
			}
			if !s.alloc() {
				l.addDebug(s)
				continue
			}
			name := outputName(s)
			o := byName[name]
			if o == nil {
				o = newOut(name, s.typ, s.flags)
			}
			if s.typ != elf.SHT_NOBITS && o.typ == elf.SHT_NOBITS {
				// PROGBITS data with a bss-like name: the section holds data.
				o.typ = elf.SHT_PROGBITS
			}
			o.add(s)
		}
	}
	// A data section can only hold file contents before the nobits part of
	// its segment.
	for _, o := range l.outs {
		if o.seg == segData && o.typ != elf.SHT_NOBITS && o.rank >= 6 {
			o.rank = 4
		}
	}
	slices.SortFunc(l.outs, func(a, b *outSection) int {
		return cmp.Or(cmp.Compare(a.seg, b.seg), cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order))
	})

	// The TLS template starts aligned for everything in it.
	if td, tb := byName[".tdata"], byName[".tbss"]; td != nil && tb != nil {
		td.align = max(td.align, tb.align)
	}

	var segSize, segAlign [3]uint64
	for _, o := range l.outs {
		segSize[o.seg] += o.size
		segAlign[o.seg] = max(segAlign[o.seg], o.align)
		if o.flags&elf.SHF_TLS != 0 && o.size > 0 {
			l.tls.present = true
		}
	}
	phnum := uint64(2) // text, GNU_STACK
	if segSize[segRodata] > 0 {
		phnum++
	}
	if segSize[segData] > 0 {
		phnum++
	}
	if l.tls.present {
		phnum++
	}
	if l.opts.Format == FormatPVH {
		phnum++ // the PVH note's PT_NOTE
	}
	if l.buildID != nil {
		phnum++ // its PT_NOTE
	}
	l.hdrLen = 64 + 56*phnum

	// cur is the next free address, fileEnd the next free file offset.
	cur, fileEnd := l.base+l.hdrLen, l.hdrLen
	for k := segText; k <= segData; k++ {
		if k != segText && segSize[k] == 0 {
			for _, o := range l.outs {
				if o.seg == k {
					o.addr, o.off = cur, fileEnd
				}
			}
			continue
		}
		seg := &segment{kind: k, flags: segFlags[k], vaddr: l.base}
		if k != segText {
			seg.off, seg.vaddr = packSegment(fileEnd, cur, segAlign[k])
			cur = seg.vaddr
		}
		segFileEnd := cur
		for _, o := range l.outs {
			if o.seg != k {
				continue
			}
			o.addr = obj.AlignUp(cur, o.align)
			o.off = seg.off + (o.addr - seg.vaddr)
			tls := o.flags&elf.SHF_TLS != 0
			if tls && o.typ == elf.SHT_NOBITS {
				// The TLS bss template takes no room in the segment: each
				// thread gets its own copy.
				l.tls.tbssSec = o
				continue
			}
			cur = o.end()
			if o.typ != elf.SHT_NOBITS {
				segFileEnd = cur
			}
			if tls {
				l.tls.tdata = o
			}
		}
		seg.filesz = segFileEnd - seg.vaddr
		seg.memsz = cur - seg.vaddr
		fileEnd = seg.off + seg.filesz
		l.segs = append(l.segs, seg)
	}
	last := l.segs[len(l.segs)-1]
	if end := last.vaddr + last.memsz; end > maxAddr {
		l.errorf("", "program too large: it ends at %#x, expected at most %#x", end, uint64(maxAddr))
		return
	}
	if fileEnd > maxImageSize {
		l.errorf("", "program too large: %d bytes of code and data in the file, expected at most %d", fileEnd, maxImageSize)
		return
	}
	if l.tls.present {
		t := &l.tls
		first, last := t.tdata, t.tbssSec
		if first == nil {
			first = last
		}
		if last == nil {
			last = first
		}
		t.addr, t.off = first.addr, first.off
		if t.tdata != nil {
			t.filesz = t.tdata.size
		}
		t.memsz = last.end() - t.addr
		t.align = max(first.align, last.align)
	}
	l.defineSpecials()
}

// packSegment places a segment that follows file offset fileEnd and address
// end: it returns the segment's file offset and address. A loader maps
// whole pages, so only the offset and the address modulo the page size
// must agree; the segment then shares its first file page with the end of
// the one before it, while its memory begins on a fresh page, so no page
// is mapped with two segments' permissions. The file holds no padding
// between segments beyond the segment's alignment.
func packSegment(fileEnd, end, align uint64) (off, vaddr uint64) {
	if align > pageSize {
		off = obj.AlignUp(fileEnd, pageSize)
		return off, obj.AlignUp(end, align)
	}
	off = obj.AlignUp(fileEnd, align)
	return off, obj.AlignUp(end, pageSize) + off%pageSize
}

// addDebug appends a debug input section to the output section of its
// name. Debug sections have address 0 and are not loaded, so relocations
// against their section symbols yield offsets within them.
func (l *linker) addDebug(s *inSection) {
	var o *outSection
	for _, d := range l.debug {
		if d.name == s.name {
			o = d
		}
	}
	if o == nil {
		o = &outSection{name: s.name, typ: elf.SHT_PROGBITS, align: 1}
		l.debug = append(l.debug, o)
	}
	o.add(s)
}
