package link

import (
	"debug/elf"
	"encoding/binary"

	"github.com/p9tools/p9/obj"
)

// write appends the symbol table and section headers to the image and
// fills in the ELF and program headers; debug delivers the debug
// sections as they are stored.
func (l *linker) write(debug <-chan []zsec) []byte {
	shnames := obj.NewStringTable(0, 0)
	type shdr = obj.SectionHeader
	shdrs := []shdr{{}}
	for _, o := range l.outs {
		if o.size == 0 {
			continue
		}
		o.shndx = uint32(len(shdrs))
		shdrs = append(shdrs, shdr{Name: shnames.Add(o.name), Type: o.typ, Flags: o.flags,
			Addr: o.addr, Off: o.off, Size: o.size, Align: o.align})
	}
	out := l.appendNote(l.image)
	if l.note.size > 0 {
		shdrs = append(shdrs, shdr{Name: shnames.Add(".note.Xen"), Type: elf.SHT_NOTE, Off: l.note.off,
			Size: l.note.size, Align: noteAlign})
	}
	var symtab, strtab []byte
	var firstGlobal uint32
	if !l.opts.StripSymbols {
		symtab, strtab, firstGlobal = l.symtab()
	}
	// appendSection appends a section that is not loaded: its contents,
	// and its header with the name, offset and size filled in.
	appendSection := func(name string, h shdr, data []byte) {
		h.Name, h.Off, h.Size = shnames.Add(name), uint64(len(out)), uint64(len(data))
		shdrs = append(shdrs, h)
		out = append(out, data...)
	}
	zs := <-debug
	for i, o := range l.debug {
		out = padTo(out, int(min(zs[i].align, 8)))
		appendSection(o.name, shdr{Type: o.typ, Flags: zs[i].flags, Align: zs[i].align}, zs[i].data)
	}
	if !l.opts.StripSymbols {
		out = padTo(out, 8)
		appendSection(".symtab", shdr{Type: elf.SHT_SYMTAB, Link: uint32(len(shdrs)) + 1, Info: firstGlobal,
			Align: 8, EntSize: symSize}, symtab)
		appendSection(".strtab", shdr{Type: elf.SHT_STRTAB, Align: 1}, strtab)
	}
	shstrndx := len(shdrs)
	shnames.Add(".shstrtab") // before the table's contents are taken
	appendSection(".shstrtab", shdr{Type: elf.SHT_STRTAB, Align: 1}, shnames.Data)

	out = padTo(out, 8)
	shoff := uint64(len(out))
	for _, h := range shdrs {
		out = obj.AppendSectionHeader(out, h)
	}

	phnum := l.writeProgHeaders(out[obj.FileHeaderSize:l.hdrLen])
	obj.PutFileHeader(out, obj.FileHeader{Type: elf.ET_EXEC, Entry: l.globals[l.opts.Entry].addr(),
		PhOff: obj.FileHeaderSize, PhNum: phnum, ShOff: shoff, ShNum: len(shdrs), ShStrNdx: shstrndx})
	l.fillBuildID(out)
	return out
}

// writeProgHeaders encodes the PT_LOAD segments, PT_TLS and PT_GNU_STACK
// into b and returns how many it wrote.
func (l *linker) writeProgHeaders(b []byte) int {
	le := binary.LittleEndian
	n := 0
	put := func(typ elf.ProgType, flags elf.ProgFlag, off, vaddr, filesz, memsz, align uint64) {
		p := b[56*n:]
		le.PutUint32(p, uint32(typ))
		le.PutUint32(p[4:], uint32(flags))
		le.PutUint64(p[8:], off)
		le.PutUint64(p[16:], vaddr)
		le.PutUint64(p[24:], vaddr)
		le.PutUint64(p[32:], filesz)
		le.PutUint64(p[40:], memsz)
		le.PutUint64(p[48:], align)
		n++
	}
	for _, s := range l.segs {
		put(elf.PT_LOAD, s.flags, s.off, s.vaddr, s.filesz, s.memsz, pageSize)
	}
	if l.tls.present {
		t := &l.tls
		put(elf.PT_TLS, elf.PF_R, t.off, t.addr, t.filesz, t.memsz, t.align)
	}
	if l.note.size > 0 {
		put(elf.PT_NOTE, elf.PF_R, l.note.off, 0, l.note.size, 0, noteAlign)
	}
	if o := l.buildID; o != nil {
		put(elf.PT_NOTE, elf.PF_R, o.off, o.addr, o.size, o.size, o.align)
	}
	put(elf.PT_GNU_STACK, elf.PF_R|elf.PF_W, 0, 0, 0, 0, 16)
	return n
}

// tailBound is at most how many bytes write appends to the image: the
// PVH note, the debug sections (compressed only when that makes them
// smaller), the symbol table, the section names and headers, each
// padded. It only sizes a buffer; being short would cost a copy.
func (l *linker) tailBound() int {
	const pad = 8
	n := 64 + pad // the note
	names := len(".note.Xen.symtab.strtab.shstrtab") + 4
	for _, o := range l.outs {
		names += len(o.name) + 1
	}
	for _, o := range l.debug {
		n += int(o.size) + pad
		names += len(o.name) + 1
	}
	if !l.opts.StripSymbols {
		syms, strs := l.symtabBound()
		n += pad + symSize*syms + strs
	}
	return n + names + pad + obj.SectionHeaderSize*(len(l.outs)+len(l.debug)+5)
}

// symtabBound is at most how many symbols the output symbol table has,
// and how many bytes their names take.
func (l *linker) symtabBound() (syms, strs int) {
	syms, strs = 1, 1
	for _, o := range l.objs {
		syms += 1 + len(o.locals)
		strs += len(o.name) + 1
		for _, s := range o.locals {
			strs += len(s.name) + 1
		}
	}
	syms += len(l.gorder)
	for _, g := range l.gorder {
		strs += len(g.name) + 1
	}
	return syms, strs
}

// symtab encodes the output symbol table: for each input a file symbol and
// its local symbols, then the globals.
func (l *linker) symtab() (tab, names []byte, firstGlobal uint32) {
	nsyms, nbytes := l.symtabBound()
	tab = make([]byte, 0, symSize*nsyms)
	strs := obj.NewStringTable(nsyms, nbytes)
	n := uint32(0)
	put := func(name string, bind elf.SymBind, typ elf.SymType, shndx uint32, value, size uint64) {
		tab = obj.AppendSym(tab, strs.Add(name), elf.ST_INFO(bind, typ), uint16(shndx), value, size)
		n++
	}
	sym := func(s *symbol) {
		shndx, value := uint32(elf.SHN_ABS), s.addr()
		switch {
		case s.kind == symDefined:
			if s.sec.out.shndx != 0 {
				shndx = s.sec.out.shndx
			}
		case s.osec != nil && s.osec.shndx != 0:
			shndx = s.osec.shndx
		case s.kind == symUndef:
			shndx = uint32(elf.SHN_UNDEF)
		}
		if s.typ == elf.STT_TLS && l.tls.present {
			// TLS symbols hold their offset in the TLS template.
			value -= l.tls.addr
		}
		put(s.name, s.bind, s.typ, shndx, value, s.size)
	}
	put("", elf.STB_LOCAL, elf.STT_NOTYPE, 0, 0, 0)
	for _, obj := range l.objs {
		if len(obj.locals) == 0 && obj.syms == nil {
			continue
		}
		put(obj.name, elf.STB_LOCAL, elf.STT_FILE, uint32(elf.SHN_ABS), 0, 0)
		for _, s := range obj.locals {
			sym(s)
		}
	}
	firstGlobal = n
	for _, g := range l.gorder {
		if g.kind == symDropped || g.kind == symUndef && g.special == nil && g.bind != elf.STB_WEAK {
			continue
		}
		sym(g)
	}
	return tab, strs.Data, firstGlobal
}

func padTo(b []byte, a int) []byte {
	for len(b)%a != 0 {
		b = append(b, 0)
	}
	return b
}
