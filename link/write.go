package link

import (
	"debug/elf"
	"encoding/binary"

	"github.com/p9tools/p9/obj"
)

// write appends the symbol table and section headers to the image and
// fills in the ELF and program headers.
func (l *linker) write() []byte {
	shnames := obj.NewStringTable()
	type shdr struct {
		name            uint32
		typ             elf.SectionType
		flags           elf.SectionFlag
		addr, off, size uint64
		link, info      uint32
		align, entsize  uint64
	}
	shdrs := []shdr{{}}
	for _, o := range l.outs {
		if o.size == 0 {
			continue
		}
		o.shndx = uint32(len(shdrs))
		shdrs = append(shdrs, shdr{name: shnames.Add(o.name), typ: o.typ, flags: o.flags,
			addr: o.addr, off: o.off, size: o.size, align: o.align})
	}
	out := l.appendNote(l.image)
	if l.note.size > 0 {
		shdrs = append(shdrs, shdr{name: shnames.Add(".note.Xen"), typ: elf.SHT_NOTE, off: l.note.off,
			size: l.note.size, align: noteProgAlign})
	}
	var symtab, strtab []byte
	var firstGlobal uint32
	if !l.opts.StripSymbols {
		symtab, strtab, firstGlobal = l.symtab()
	}
	var zc debugCompressor
	for _, o := range l.debug {
		data, flags, align := o.data, elf.SectionFlag(0), o.align
		if z, ok := zc.compress(o.data, o.align); ok {
			data, flags, align = z, elf.SHF_COMPRESSED, 8
		}
		out = padTo(out, int(min(align, 8)))
		shdrs = append(shdrs, shdr{name: shnames.Add(o.name), typ: o.typ, flags: flags, off: uint64(len(out)),
			size: uint64(len(data)), align: align})
		out = append(out, data...)
	}
	if !l.opts.StripSymbols {
		out = padTo(out, 8)
		symIdx := uint32(len(shdrs))
		shdrs = append(shdrs, shdr{name: shnames.Add(".symtab"), typ: elf.SHT_SYMTAB, off: uint64(len(out)),
			size: uint64(len(symtab)), link: symIdx + 1, info: firstGlobal, align: 8, entsize: 24})
		out = append(out, symtab...)
		shdrs = append(shdrs, shdr{name: shnames.Add(".strtab"), typ: elf.SHT_STRTAB, off: uint64(len(out)),
			size: uint64(len(strtab)), align: 1})
		out = append(out, strtab...)
	}
	shstrndx := len(shdrs)
	nameOff := shnames.Add(".shstrtab")
	shdrs = append(shdrs, shdr{name: nameOff, typ: elf.SHT_STRTAB, off: uint64(len(out)),
		size: uint64(len(shnames.Data)), align: 1})
	out = append(out, shnames.Data...)

	le := binary.LittleEndian
	out = padTo(out, 8)
	shoff := uint64(len(out))
	for _, h := range shdrs {
		out = le.AppendUint32(out, h.name)
		out = le.AppendUint32(out, uint32(h.typ))
		out = le.AppendUint64(out, uint64(h.flags))
		out = le.AppendUint64(out, h.addr)
		out = le.AppendUint64(out, h.off)
		out = le.AppendUint64(out, h.size)
		out = le.AppendUint32(out, h.link)
		out = le.AppendUint32(out, h.info)
		out = le.AppendUint64(out, h.align)
		out = le.AppendUint64(out, h.entsize)
	}

	phnum := l.writeProgHeaders(out[64:l.hdrLen])
	h := out[:64]
	copy(h, elf.ELFMAG)
	h[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	h[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	h[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	h[elf.EI_OSABI] = byte(elf.ELFOSABI_NONE)
	le.PutUint16(h[16:], uint16(elf.ET_EXEC))
	le.PutUint16(h[18:], uint16(elf.EM_X86_64))
	le.PutUint32(h[20:], uint32(elf.EV_CURRENT))
	le.PutUint64(h[24:], l.globals[l.opts.Entry].addr())
	le.PutUint64(h[32:], 64) // e_phoff
	le.PutUint64(h[40:], shoff)
	le.PutUint16(h[52:], 64)
	le.PutUint16(h[54:], 56)
	le.PutUint16(h[56:], uint16(phnum))
	le.PutUint16(h[58:], 64)
	le.PutUint16(h[60:], uint16(len(shdrs)))
	le.PutUint16(h[62:], uint16(shstrndx))
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
		put(noteProgType, noteProgFlags, l.note.off, 0, l.note.size, 0, noteProgAlign)
	}
	put(elf.PT_GNU_STACK, elf.PF_R|elf.PF_W, 0, 0, 0, 0, 16)
	return n
}

// symtab encodes the output symbol table: for each input a file symbol and
// its local symbols, then the globals.
func (l *linker) symtab() (tab, names []byte, firstGlobal uint32) {
	strs := obj.NewStringTable()
	le := binary.LittleEndian
	n := uint32(0)
	put := func(name string, bind elf.SymBind, typ elf.SymType, shndx uint32, value, size uint64) {
		tab = le.AppendUint32(tab, strs.Add(name))
		tab = append(tab, elf.ST_INFO(bind, typ), byte(elf.STV_DEFAULT))
		tab = le.AppendUint16(tab, uint16(shndx))
		tab = le.AppendUint64(tab, value)
		tab = le.AppendUint64(tab, size)
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
		if g.kind == symDropped || g.kind == symUndef && g.special == 0 && g.bind != elf.STB_WEAK {
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
