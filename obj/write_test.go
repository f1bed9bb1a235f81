package obj

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"github.com/p9tools/p9/abi"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// code accumulates machine code and the relocations into it.
type code struct {
	b      []byte
	relocs []Reloc
}

func (c *code) emit(b ...byte) { c.b = append(c.b, b...) }

// ref emits a zero field of n bytes relocated by typ against sym.
func (c *code) ref(n int, typ elf.R_X86_64, sym *Symbol, addend int64) {
	c.relocs = append(c.relocs, Reloc{Offset: uint64(len(c.b)), Type: uint32(typ), Sym: sym, Addend: addend})
	c.emit(make([]byte, n)...)
}

type testObj struct {
	obj                               *Object
	main, dup, foo, ptr, msg, buf, tl *Symbol
	text                              code
}

// newTestObject builds an object with one of everything: a global function
// with PLT32, PC32, TPOFF32, 32S and 32 references, a DUPOK function, a
// file-local rodata symbol, pointer data with an R_X86_64_64, bss, TLS and
// an undefined function.
func newTestObject() *testObj {
	t := &testObj{obj: &Object{Source: "t.s"}}
	o := t.obj
	t.foo = &Symbol{Name: "main.foo"}
	t.msg = &Symbol{Name: "msg", Local: true, Defined: true, Type: SymObject, Section: Rodata, Size: 6}
	t.ptr = &Symbol{Name: "main.ptr", Defined: true, Type: SymObject, Section: Data, Size: 8}
	t.buf = &Symbol{Name: "main.buf", Defined: true, Type: SymObject, Section: Bss, Value: 0, Size: 64}
	t.tl = &Symbol{Name: "runtime.tlsg", Defined: true, Type: SymTLS, Section: TLSBss, Size: 8}

	c := &t.text
	c.emit(0xe8) // CALL main.foo
	c.ref(4, elf.R_X86_64_PLT32, t.foo, -4)
	c.emit(0x48, 0x8d, 0x05) // LEAQ msg(SB), AX
	c.ref(4, elf.R_X86_64_PC32, t.msg, -4)
	c.emit(0x64, 0x48, 0x8b, 0x04, 0x25) // MOVQ FS:runtime.tlsg@tpoff, AX
	c.ref(4, elf.R_X86_64_TPOFF32, t.tl, 0)
	c.emit(0x48, 0xc7, 0xc0) // MOVQ $main.buf+8, AX
	c.ref(4, elf.R_X86_64_32S, t.buf, 8)
	c.emit(0xb8) // MOVL $main.ptr, AX
	c.ref(4, elf.R_X86_64_32, t.ptr, 0)
	c.emit(0xc3) // RET
	t.main = &Symbol{Name: "main.main", Defined: true, Type: SymFunc, Section: Text, Size: uint64(len(c.b)),
		TextFlags: 4, Frame: 16, Args: 8}
	dupStart := uint64(len(c.b))
	c.emit(0xc3)
	t.dup = &Symbol{Name: "main.dup", DupOK: true, Defined: true, Type: SymFunc, Section: Text,
		Value: dupStart, Size: 1, TextFlags: 2 | 4, Frame: -8}

	text := o.Section(Text)
	text.Data, text.Size, text.Align, text.Relocs = c.b, uint64(len(c.b)), 16, c.relocs

	ro := o.Section(Rodata)
	ro.Data = []byte("hello\n")
	ro.Size = 6

	d := o.Section(Data)
	d.Data = make([]byte, 8)
	d.Size, d.Align = 8, 8
	d.Relocs = []Reloc{{Offset: 0, Type: uint32(elf.R_X86_64_64), Sym: t.foo, Addend: 3}}

	b := o.Section(Bss)
	b.Size, b.Align = 64, 32

	tb := o.Section(TLSBss)
	tb.Size, tb.Align = 8, 8

	o.Symbols = []*Symbol{t.main, t.dup, t.msg, t.ptr, t.buf, t.tl, t.foo}
	return t
}

func mustWrite(t *testing.T, o *Object) []byte {
	t.Helper()
	b, err := Write(o)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b
}

func TestWriteReadBack(t *testing.T) {
	to := newTestObject()
	data := mustWrite(t, to.obj)
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if f.Class != elf.ELFCLASS64 || f.Data != elf.ELFDATA2LSB || f.Type != elf.ET_REL || f.Machine != elf.EM_X86_64 {
		t.Fatalf("header: %v %v %v %v", f.Class, f.Data, f.Type, f.Machine)
	}

	wantSecs := []struct {
		name  string
		typ   elf.SectionType
		flags elf.SectionFlag
		size  uint64
		align uint64
	}{
		{".text", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR, uint64(len(to.text.b)), 16},
		{".rodata", elf.SHT_PROGBITS, elf.SHF_ALLOC, 6, 1},
		{".data", elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE, 8, 8},
		{".bss", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE, 64, 32},
		{".tbss", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE | elf.SHF_TLS, 8, 8},
		{".rela.text", elf.SHT_RELA, elf.SHF_INFO_LINK, 5 * 24, 8},
		{".rela.data", elf.SHT_RELA, elf.SHF_INFO_LINK, 24, 8},
		{".debug_abbrev", elf.SHT_PROGBITS, 0, 0, 1},
		{".debug_info", elf.SHT_PROGBITS, 0, 0, 1},
		{".rela.debug_info", elf.SHT_RELA, elf.SHF_INFO_LINK, 0, 8},
		{".debug_line", elf.SHT_PROGBITS, 0, 0, 1},
		{".debug_frame", elf.SHT_PROGBITS, 0, 0, 1},
		{".rela.debug_frame", elf.SHT_RELA, elf.SHF_INFO_LINK, 0, 8},
		{abi.FuncTabSection, elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE, 2 * abi.FuncRecSize, 8},
		{".rela" + abi.FuncTabSection, elf.SHT_RELA, elf.SHF_INFO_LINK, 0, 8},
		{abi.FuncDataSection, elf.SHT_PROGBITS, elf.SHF_ALLOC, 0, 1},
		{".note.GNU-stack", elf.SHT_PROGBITS, 0, 0, 1},
		{".symtab", elf.SHT_SYMTAB, 0, 0, 8},
		{".strtab", elf.SHT_STRTAB, 0, 0, 1},
		{".shstrtab", elf.SHT_STRTAB, 0, 0, 1},
	}
	if len(f.Sections) != len(wantSecs)+1 {
		var names []string
		for _, s := range f.Sections {
			names = append(names, s.Name)
		}
		t.Fatalf("sections %q, want %d", names, len(wantSecs)+1)
	}
	for i, w := range wantSecs {
		s := f.Sections[i+1]
		if s.Name != w.name || s.Type != w.typ || s.Flags != w.flags || s.Addralign != w.align {
			t.Errorf("section %d: %s %v %v align %d, want %s %v %v align %d", i+1, s.Name, s.Type, s.Flags, s.Addralign, w.name, w.typ, w.flags, w.align)
		}
		if w.size != 0 || w.name == ".note.GNU-stack" {
			if s.Size != w.size {
				t.Errorf("%s: size %d, want %d", s.Name, s.Size, w.size)
			}
		}
	}
	text, _ := f.Section(".text").Data()
	if !bytes.Equal(text, to.text.b) {
		t.Errorf(".text = % x, want % x", text, to.text.b)
	}
	ro, _ := f.Section(".rodata").Data()
	if string(ro) != "hello\n" {
		t.Errorf(".rodata = %q", ro)
	}
	if rt := f.Section(".rela.text"); rt.Info != 1 || f.Sections[rt.Link].Name != ".symtab" {
		t.Errorf(".rela.text info %d link %d", rt.Info, rt.Link)
	}

	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	type symWant struct {
		bind  elf.SymBind
		typ   elf.SymType
		sec   string
		value uint64
		size  uint64
	}
	want := map[string]symWant{
		"t.s":          {elf.STB_LOCAL, elf.STT_FILE, "", 0, 0},
		"msg":          {elf.STB_LOCAL, elf.STT_OBJECT, ".rodata", 0, 6},
		"main.main":    {elf.STB_GLOBAL, elf.STT_FUNC, ".text", 0, to.main.Size},
		"main.dup":     {elf.STB_WEAK, elf.STT_FUNC, ".text", to.dup.Value, 1},
		"main.ptr":     {elf.STB_GLOBAL, elf.STT_OBJECT, ".data", 0, 8},
		"main.buf":     {elf.STB_GLOBAL, elf.STT_OBJECT, ".bss", 0, 64},
		"runtime.tlsg": {elf.STB_GLOBAL, elf.STT_TLS, ".tbss", 0, 8},
		"main.foo":     {elf.STB_GLOBAL, elf.STT_NOTYPE, "", 0, 0},
	}
	nsection := 0
	seenGlobal := false
	for i, s := range syms {
		bind, typ := elf.ST_BIND(s.Info), elf.ST_TYPE(s.Info)
		if bind != elf.STB_LOCAL {
			seenGlobal = true
		} else if seenGlobal {
			t.Errorf("local symbol %q after a global", s.Name)
		}
		if typ == elf.STT_SECTION {
			nsection++
			continue
		}
		w, ok := want[s.Name]
		if !ok {
			t.Errorf("unexpected symbol %q", s.Name)
			continue
		}
		delete(want, s.Name)
		sec := ""
		if int(s.Section) < len(f.Sections) && s.Section != elf.SHN_UNDEF {
			sec = f.Sections[s.Section].Name
		}
		if bind != w.bind || typ != w.typ || sec != w.sec || s.Value != w.value || s.Size != w.size {
			t.Errorf("symbol %d %s: %v %v %q value %#x size %d, want %+v", i+1, s.Name, bind, typ, sec, s.Value, s.Size, w)
		}
		if s.Name == "t.s" && s.Section != elf.SHN_ABS {
			t.Errorf("file symbol in section %v", s.Section)
		}
		if s.Name == "main.foo" && s.Section != elf.SHN_UNDEF {
			t.Errorf("main.foo in section %v", s.Section)
		}
	}
	for name := range want {
		t.Errorf("missing symbol %s", name)
	}
	if nsection != 11 { // five content sections, four debug sections, the function table's two
		t.Errorf("%d section symbols, want 11", nsection)
	}
	symtab := f.Section(".symtab")
	firstGlobal := 0
	for i, s := range syms {
		if elf.ST_BIND(s.Info) != elf.STB_LOCAL {
			firstGlobal = i + 1
			break
		}
	}
	if int(symtab.Info) != firstGlobal {
		t.Errorf(".symtab sh_info %d, want %d", symtab.Info, firstGlobal)
	}

	type relWant struct {
		off    uint64
		typ    elf.R_X86_64
		sym    string
		addend int64
	}
	checkRelocs := func(name string, want []relWant) {
		t.Helper()
		got := readRelas(t, f, name)
		if len(got) != len(want) {
			t.Fatalf("%s: %d relocations, want %d", name, len(got), len(want))
		}
		for i, r := range got {
			w := want[i]
			symName := syms[r.sym-1].Name
			if r.off != w.off || r.typ != w.typ || symName != w.sym || r.addend != w.addend {
				t.Errorf("%s[%d]: %#x %v %s%+d, want %#x %v %s%+d", name, i, r.off, r.typ, symName, r.addend, w.off, w.typ, w.sym, w.addend)
			}
		}
	}
	checkRelocs(".rela.text", []relWant{
		{1, elf.R_X86_64_PLT32, "main.foo", -4},
		{8, elf.R_X86_64_PC32, "msg", -4},
		{17, elf.R_X86_64_TPOFF32, "runtime.tlsg", 0},
		{24, elf.R_X86_64_32S, "main.buf", 8},
		{29, elf.R_X86_64_32, "main.ptr", 0},
	})
	checkRelocs(".rela.data", []relWant{{0, elf.R_X86_64_64, "main.foo", 3}})

	// The function table: a record per function with its flags, frame and
	// argument sizes (the addresses and names are relocations).
	tab, err := f.Section(abi.FuncTabSection).Data()
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range []struct {
		flags, frame, args uint32
	}{{4 | abi.FuncPlan9, 16, 8}, {6 | abi.FuncPlan9, uint32(0xfffffff8), 0}} {
		rec := tab[i*abi.FuncRecSize:]
		le := binary.LittleEndian
		if g := [3]uint32{le.Uint32(rec[abi.FuncRecFlags:]), le.Uint32(rec[abi.FuncRecFrame:]), le.Uint32(rec[abi.FuncRecArgs:])}; g != [3]uint32{w.flags, w.frame, w.args} {
			t.Errorf("function record %d: flags, frame, args %v, want %v", i, g, w)
		}
	}
}

type rela struct {
	off    uint64
	typ    elf.R_X86_64
	sym    uint32
	addend int64
}

func readRelas(t *testing.T, f *elf.File, name string) []rela {
	t.Helper()
	s := f.Section(name)
	if s == nil {
		t.Fatalf("no section %s", name)
	}
	d, err := s.Data()
	if err != nil {
		t.Fatal(err)
	}
	var out []rela
	for p := 0; p+24 <= len(d); p += 24 {
		info := f.ByteOrder.Uint64(d[p+8:])
		out = append(out, rela{
			off:    f.ByteOrder.Uint64(d[p:]),
			typ:    elf.R_X86_64(uint32(info)),
			sym:    uint32(info >> 32),
			addend: int64(f.ByteOrder.Uint64(d[p+16:])),
		})
	}
	return out
}

func TestWriteEmptyAndMinimal(t *testing.T) {
	for _, o := range []*Object{
		{},
		{Source: "x.s", Symbols: []*Symbol{{Name: "ext"}}},
	} {
		data := mustWrite(t, o)
		f, err := elf.NewFile(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if f.Section(abi.FuncTabSection) != nil {
			t.Errorf("a function table written without functions")
		}
		if f.Section(".note.GNU-stack") == nil {
			t.Errorf("no .note.GNU-stack")
		}
	}
}

func TestWriteErrors(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*testObj)
		want string
	}{
		{"undefined local", func(to *testObj) { to.msg.Defined = false }, "file-local symbol msg is not defined"},
		{"missing section", func(to *testObj) { to.obj.Sections[Bss] = nil }, "main.buf is in a section"},
		{"past end", func(to *testObj) { to.ptr.Size = 9 }, "runs past the end of .data"},
		{"reloc past end", func(to *testObj) { to.obj.Sections[Data].Relocs[0].Offset = 4 }, "runs past the section's end"},
		{"nil reloc sym", func(to *testObj) { to.obj.Sections[Data].Relocs[0].Sym = nil }, "has no symbol"},
		{"tls outside tbss", func(to *testObj) { to.ptr.Type = SymTLS }, "TLS symbols"},
		{"twice", func(to *testObj) {
			to.obj.Symbols = append(to.obj.Symbols, &Symbol{Name: "main.main"})
		}, "appears twice"},
		{"bad align", func(to *testObj) { to.obj.Sections[Data].Align = 3 }, "power of two"},
	}
	for _, c := range cases {
		to := newTestObject()
		c.mod(to)
		_, err := Write(to.obj)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestWriteRelocOnlySymbol(t *testing.T) {
	to := newTestObject()
	// main.foo is referenced by relocations but not listed: Write adds it.
	to.obj.Symbols = to.obj.Symbols[:len(to.obj.Symbols)-1]
	data := mustWrite(t, to.obj)
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := f.Symbols()
	found := false
	for _, s := range syms {
		if s.Name == "main.foo" && s.Section == elf.SHN_UNDEF {
			found = true
		}
	}
	if !found {
		t.Errorf("main.foo not written")
	}
}

// TestBinutilsAccept runs readelf and objdump over a written object and
// requires them to succeed without a word on stderr.
func TestBinutilsAccept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.o")
	if err := os.WriteFile(path, mustWrite(t, newTestObject().obj), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tool := range [][]string{{"readelf", "-a", "-W"}, {"objdump", "-dr"}, {"nm"}} {
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Logf("%s not installed", tool[0])
			continue
		}
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(tool[0], append(tool[1:], path)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: %v\n%s", tool[0], err, stderr.String())
		}
		if stderr.Len() != 0 {
			t.Errorf("%s warns:\n%s", tool[0], stderr.String())
		}
		out := stdout.String()
		switch tool[0] {
		case "objdump":
			for _, w := range []string{"R_X86_64_PLT32\tmain.foo-0x4", "R_X86_64_TPOFF32\truntime.tlsg", "R_X86_64_32S\tmain.buf+0x8", "<main.main>:"} {
				if !strings.Contains(out, w) {
					t.Errorf("objdump output lacks %q:\n%s", w, out)
				}
			}
		case "nm":
			for _, w := range []string{"U main.foo", "T main.main", "W main.dup", "r msg", "B main.buf", "D main.ptr"} {
				if !strings.Contains(out, w) {
					t.Errorf("nm output lacks %q:\n%s", w, out)
				}
			}
		}
	}
}

func TestWriteRelocAlias(t *testing.T) {
	to := newTestObject()
	// A relocation against a fresh symbol with a listed global's name
	// refers to that global.
	other := &Symbol{Name: "main.ptr"}
	to.obj.Sections[Data].Relocs[0].Sym = other
	data := mustWrite(t, to.obj)
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := f.Symbols()
	n := 0
	for _, s := range syms {
		if s.Name == "main.ptr" {
			n++
		}
	}
	r := readRelas(t, f, ".rela.data")
	if n != 1 || syms[r[0].sym-1].Name != "main.ptr" || syms[r[0].sym-1].Section == elf.SHN_UNDEF {
		t.Errorf("main.ptr written %d times; relocation against %+v", n, syms[r[0].sym-1])
	}
}
