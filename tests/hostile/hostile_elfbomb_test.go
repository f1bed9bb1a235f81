package hostile_test

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// rawSection is a section of a hand-made object.
type rawSection struct {
	name  string
	typ   elf.SectionType
	flags elf.SectionFlag
	data  []byte
	size  uint64 // for NOBITS
	align uint64
	link  uint32
	info  uint32
	entsz uint64
}

// rawObject lays out an ELF64 relocatable file with the given sections
// after the null one; .shstrtab is added last.
func rawObject(secs []rawSection) []byte {
	le := binary.LittleEndian
	shstr := []byte{0}
	names := make([]uint32, len(secs)+1)
	for i, s := range secs {
		names[i] = uint32(len(shstr))
		shstr = append(append(shstr, s.name...), 0)
	}
	names[len(secs)] = uint32(len(shstr))
	shstr = append(append(shstr, ".shstrtab"...), 0)
	secs = append(secs, rawSection{name: ".shstrtab", typ: elf.SHT_STRTAB, data: shstr, align: 1})

	out := make([]byte, 64)
	offs := make([]uint64, len(secs))
	for i, s := range secs {
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
		offs[i] = uint64(len(out))
		if s.typ != elf.SHT_NOBITS {
			out = append(out, s.data...)
		}
	}
	for len(out)%8 != 0 {
		out = append(out, 0)
	}
	shoff := uint64(len(out))
	out = append(out, make([]byte, 64)...) // the null section
	for i, s := range secs {
		h := make([]byte, 64)
		le.PutUint32(h[0:], names[i])
		le.PutUint32(h[4:], uint32(s.typ))
		le.PutUint64(h[8:], uint64(s.flags))
		le.PutUint64(h[24:], offs[i])
		size := uint64(len(s.data))
		if s.typ == elf.SHT_NOBITS {
			size = s.size
		}
		le.PutUint64(h[32:], size)
		le.PutUint32(h[40:], s.link)
		le.PutUint32(h[44:], s.info)
		le.PutUint64(h[48:], s.align)
		le.PutUint64(h[56:], s.entsz)
		out = append(out, h...)
	}
	copy(out, []byte{0x7f, 'E', 'L', 'F', 2, 1, 1})
	le.PutUint16(out[16:], uint16(elf.ET_REL))
	le.PutUint16(out[18:], uint16(elf.EM_X86_64))
	le.PutUint32(out[20:], 1)
	le.PutUint64(out[40:], shoff)
	le.PutUint16(out[52:], 64)
	le.PutUint16(out[58:], 64)
	le.PutUint16(out[60:], uint16(len(secs)+1))
	le.PutUint16(out[62:], uint16(len(secs))) // .shstrtab is last
	return out
}

// entryObject is a hand-made object defining _rt0_amd64_linux (exit 0)
// followed by extra sections.
func entryObject(extra []rawSection) []byte {
	code := []byte{0xb8, 60, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05} // MOVL $60, AX; XORL DI, DI; SYSCALL
	secs := append([]rawSection{{name: ".text", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, data: code, align: 16}}, extra...)
	strtab := append([]byte{0}, "_rt0_amd64_linux\x00"...)
	sym := make([]byte, 48) // the null symbol, then the entry
	binary.LittleEndian.PutUint32(sym[24:], 1)
	sym[28] = byte(elf.STB_GLOBAL)<<4 | byte(elf.STT_FUNC)
	binary.LittleEndian.PutUint16(sym[30:], 1)
	binary.LittleEndian.PutUint64(sym[40:], uint64(len(code)))
	n := uint32(len(secs))
	secs = append(secs,
		rawSection{name: ".symtab", typ: elf.SHT_SYMTAB, data: sym, align: 8, link: n + 2, info: 1, entsz: 24},
		rawSection{name: ".strtab", typ: elf.SHT_STRTAB, data: strtab, align: 1})
	return rawObject(secs)
}

// TestHandMadeObject: the hand-made object links and runs, so the
// hostile variants below fail for their own reason.
func TestHandMadeObject(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "e.o"), entryObject(nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stderr, _, _ := measured(t, time.Minute, dir, "p9ld", "--no-runtime", "-o", "e", "e.o"); code != 0 {
		t.Fatalf("p9ld: exit %d\n%s", code, stderr)
	}
	if r := testutil.Run(t, dir, "./e"); r.Code != 0 {
		t.Fatalf("the program exits %d", r.Code)
	}
}

// TestObjectBombs: small objects that declare huge alignment padding,
// huge NOBITS sections or thousands of sections are linked or refused
// within the memory bound.
func TestObjectBombs(t *testing.T) {
	aligned := func(n int, typ elf.SectionType) []rawSection {
		var s []rawSection
		for i := 0; i < n; i++ {
			s = append(s, rawSection{name: fmt.Sprintf(".data.%d", i), typ: typ, flags: elf.SHF_ALLOC | elf.SHF_WRITE, data: []byte{1}, size: 1, align: 1 << 24})
		}
		return s
	}
	many := make([]rawSection, 20000)
	for i := range many {
		many[i] = rawSection{name: ".d", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC | elf.SHF_WRITE, data: []byte{byte(i)}, align: 1}
	}
	for _, c := range []struct {
		name string
		obj  []byte
	}{
		{"alignment padding", entryObject(aligned(100, elf.SHT_PROGBITS))},
		{"alignment padding under the limit", entryObject(aligned(15, elf.SHT_PROGBITS))},
		{"more alignment padding", entryObject(aligned(200, elf.SHT_PROGBITS))},
		{"aligned NOBITS", entryObject(aligned(200, elf.SHT_NOBITS))},
		{"huge NOBITS", entryObject([]rawSection{{name: ".bss", typ: elf.SHT_NOBITS, flags: elf.SHF_ALLOC | elf.SHF_WRITE, size: 1 << 40, align: 8}})},
		{"thousands of sections", entryObject(many)},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "b.o"), c.obj, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stderr, rss, took := measured(t, time.Minute, dir, "p9ld", "--no-runtime", "--no-gc", "-o", "b", "b.o")
			t.Logf("%d-byte object: exit %d in %v, %d MB resident; %.200s", len(c.obj), code, took.Round(time.Millisecond), rss>>20, strings.TrimSpace(stderr))
			if code != 0 && code != 1 {
				t.Errorf("exit %d", code)
			}
			if rss > maxRSS {
				t.Errorf("p9ld used %d MB, more than %d MB", rss>>20, maxRSS>>20)
			}
		})
	}
}
