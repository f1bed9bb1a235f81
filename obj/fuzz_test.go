package obj

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"
)

// fuzzReader hands out the bytes of a fuzz input as small numbers,
// zeros once it runs out.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) u64() uint64 {
	var v [8]byte
	for i := range v {
		v[i] = r.byte()
	}
	return binary.LittleEndian.Uint64(v[:])
}

func (r *fuzzReader) bytes(n int) []byte {
	n = min(n, len(r.b))
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// fuzzNames are symbol and file names, the awkward ones included.
var fuzzNames = []string{"main.main", "runtime.morestack", "a", "", "x.y/z.w", "é·∕", "sym<>", "main.f", "a\x00b", ".text"}

// fuzzObject builds an object from a fuzz input: sections with data or
// sizes, symbols defined in them or not, relocations and line tables.
func fuzzObject(in []byte) *Object {
	r := &fuzzReader{b: in}
	o := &Object{Source: fuzzNames[int(r.byte())%len(fuzzNames)]}
	for k := SectionKind(0); k < numSectionKinds; k++ {
		if r.byte()&1 == 0 {
			continue
		}
		s := o.Section(k)
		s.Align = 1 << (r.byte() % 13)
		if k.IsNoBits() {
			s.Size = r.u64() >> (r.byte() % 64)
		} else {
			s.Data = bytes.Clone(r.bytes(int(r.byte())))
			s.Size = uint64(len(s.Data))
		}
	}
	for n := int(r.byte() % 16); n > 0; n-- {
		s := &Symbol{Name: fuzzNames[int(r.byte())%len(fuzzNames)]}
		flags := r.byte()
		s.Local, s.DupOK, s.Defined = flags&1 != 0, flags&2 != 0, flags&4 != 0
		s.Type = SymType(flags >> 3 & 3)
		s.Section = SectionKind(r.byte() % byte(numSectionKinds))
		s.Value, s.Size = uint64(r.byte()), uint64(r.byte())
		if s.Defined && o.Sections[s.Section] == nil {
			s.Defined = false
		}
		s.TextFlags, s.Frame, s.Args = int64(r.byte()), int64(int8(r.byte()))*8, int64(r.byte())
		for m := int(r.byte() % 4); m > 0; m-- {
			s.Lines = append(s.Lines, Line{Offset: uint32(r.byte()), File: fuzzNames[int(r.byte())%len(fuzzNames)], Line: int32(int8(r.byte()))})
		}
		o.Symbols = append(o.Symbols, s)
	}
	for n := int(r.byte() % 8); n > 0 && len(o.Symbols) > 0; n-- {
		s := o.Sections[SectionKind(r.byte()%byte(numSectionKinds))]
		if s == nil {
			continue
		}
		types := []elf.R_X86_64{elf.R_X86_64_64, elf.R_X86_64_PC32, elf.R_X86_64_PLT32, elf.R_X86_64_32S, elf.R_X86_64_TPOFF32, elf.R_X86_64_32}
		s.Relocs = append(s.Relocs, Reloc{Offset: uint64(r.byte()), Type: uint32(types[int(r.byte())%len(types)]),
			Sym: o.Symbols[int(r.byte())%len(o.Symbols)], Addend: int64(int8(r.byte()))})
	}
	return o
}

// FuzzWrite: any object the model can hold is written as an ELF file
// that debug/elf reads back, or refused with an error; never a panic.
func FuzzWrite(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 3, 4, 0x90, 0x90, 0xc3, 0xe8, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 5, 0, 0, 5, 1, 0, 0, 0})
	f.Add(bytes.Repeat([]byte{1, 7, 200}, 40))
	f.Fuzz(func(t *testing.T, in []byte) {
		o := fuzzObject(in)
		data, err := Write(o)
		if err != nil {
			return
		}
		ef, err := elf.NewFile(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("written object does not read back: %v", err)
		}
		if ef.Type != elf.ET_REL || ef.Machine != elf.EM_X86_64 {
			t.Fatalf("written object is %v for %v", ef.Type, ef.Machine)
		}
		for k, s := range o.Sections {
			if s == nil || len(s.Data) == 0 {
				continue
			}
			es := ef.Section(SectionKind(k).Name())
			if es == nil {
				t.Fatalf("section %s is missing", SectionKind(k).Name())
			}
			got, err := es.Data()
			if err != nil || !bytes.Equal(got, s.Data) {
				t.Fatalf("section %s reads back as %x (%v), want %x", SectionKind(k).Name(), got, err, s.Data)
			}
		}
	})
}
