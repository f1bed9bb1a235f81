package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"github.com/p9tools/p9/abi"
	"math/rand"
	"strings"
	"testing"

	"github.com/p9tools/p9/obj"
)

// exitWithValueOf returns code that exits with the 32-bit value at sym.
func exitWithValueOf(sym *obj.Symbol) *asm {
	var c asm
	c.emit(0x8b, 0x3d).ref(4, elf.R_X86_64_PC32, sym, -4) // MOVL sym(SB), DI
	return c.emit(movl(0, 231)...).emit(syscall...)
}

func linkErr(t *testing.T, inputs []Input, opts Options) string {
	t.Helper()
	exe, err := Link(inputs, opts)
	if err == nil {
		t.Fatalf("Link succeeded (%d bytes), want an error", len(exe))
	}
	var el ErrorList
	if !errors.As(err, &el) || len(el) == 0 {
		t.Fatalf("error %T %v is not an ErrorList", err, err)
	}
	return err.Error()
}

func wantErr(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("error %q lacks %q", got, w)
		}
	}
}

func TestUndefined(t *testing.T) {
	a := newObj("a.s")
	var c asm
	c.emit(0xe8).ref(4, elf.R_X86_64_PLT32, a.ref("main.foo"), -4)
	a.fn("main.main", &c)
	var r asm
	r.emit(0xe8).ref(4, elf.R_X86_64_PLT32, a.ref("main.main"), -4)
	a.fn("_rt0_amd64_linux", &r)
	b := newObj("b.s")
	var d asm
	d.emit(0x90, 0xe8).ref(4, elf.R_X86_64_PLT32, b.ref("main.foo"), -4)
	d.emit(0xe8).ref(4, elf.R_X86_64_PLT32, b.ref("main.foo"), -4)
	d.emit(0xe8).ref(4, elf.R_X86_64_PLT32, b.ref("main.bar"), -4)
	b.fn("main.helper", &d)
	// main.helper is unreachable: only with --no-gc does it need main.bar.
	got := linkErr(t, []Input{a.input(t, "a.o"), b.input(t, "b.o")}, Options{NoGC: true})
	want := "undefined: main.foo (referenced from main.main in a.o, main.helper in b.o)\n" +
		"undefined: main.bar (referenced from main.helper in b.o)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestEntryUndefined(t *testing.T) {
	a := newObj("a.s")
	a.fn("main.main", new(asm).emit(0xc3))
	got := linkErr(t, []Input{a.input(t, "a.o")}, Options{})
	wantErr(t, got, "entry symbol _rt0_amd64_linux is not defined")
	got = linkErr(t, []Input{a.input(t, "a.o")}, Options{Entry: "start"})
	wantErr(t, got, "entry symbol start is not defined")
	if _, err := Link([]Input{a.input(t, "a.o")}, Options{Entry: "main.main"}); err != nil {
		t.Errorf("-e main.main: %v", err)
	}
}

// dupInputs defines main.val in two objects, DUPOK or not, with values 1
// and 2; the program exits with the value it sees.
func dupInputs(t *testing.T, dupOK bool) []Input {
	var ins []Input
	for i, name := range []string{"a.o", "b.o"} {
		o := newObj(name)
		o.define("main.val", obj.NoptrData, obj.SymObject, []byte{byte(i + 1), 0, 0, 0}, 0, 4, nil).DupOK = dupOK
		if i == 1 {
			o.fn("_rt0_amd64_linux", exitWithValueOf(o.ref("main.val")))
		}
		ins = append(ins, o.input(t, name))
	}
	return ins
}

func TestDuplicate(t *testing.T) {
	got := linkErr(t, dupInputs(t, false), Options{})
	if got != "b.o: duplicate definition of main.val (also defined in a.o)" {
		t.Errorf("got %q", got)
	}
}

func TestWeakDuplicateFirstWins(t *testing.T) {
	exe := mustLink(t, dupInputs(t, true), Options{})
	if _, status := run(t, exe); status != 1 {
		t.Errorf("exit status %d, want 1 (the first definition)", status)
	}
}

func TestStrongBeatsWeak(t *testing.T) {
	ins := dupInputs(t, true)
	b := dupInputs(t, false)[1] // strong main.val = 2, after a weak one
	exe := mustLink(t, []Input{ins[0], b}, Options{})
	if _, status := run(t, exe); status != 2 {
		t.Errorf("exit status %d, want 2 (the strong definition)", status)
	}
}

// TestOutOfRange places a symbol more than 2 GiB past its referrer with a
// huge .bss in between, which nothing refers to: dead-code elimination
// is off so that it stays.
func TestOutOfRange(t *testing.T) {
	o := newObj("far.s")
	o.define("main.huge", obj.Bss, obj.SymObject, nil, 3<<30, 8, nil)
	o.define("main.far", obj.NoptrBss, obj.SymObject, nil, 8, 8, nil)
	var c asm
	c.emit(0x90, 0x90, 0x48, 0x8b, 0x05).ref(4, elf.R_X86_64_PC32, o.ref("main.far"), -4) // MOVQ main.far(SB), AX
	c.emit(0x48, 0xc7, 0xc0).ref(4, elf.R_X86_64_32S, o.ref("main.far"), 0)               // MOVQ $main.far, AX
	o.fn("_rt0_amd64_linux", &c)
	got := linkErr(t, []Input{o.input(t, "far.o")}, Options{NoGC: true})
	wantErr(t, got,
		"far.o: relocation R_X86_64_PC32 at _rt0_amd64_linux+0x5 against main.far out of range: distance ",
		"does not fit in 32 signed bits",
		"far.o: relocation R_X86_64_32S at _rt0_amd64_linux+0xc against main.far out of range: value ")
	if strings.Count(got, "\n") != 1 {
		t.Errorf("want two errors, got\n%s", got)
	}
}

func TestBadInputs(t *testing.T) {
	good := helloInputs(t)
	patched := func(f func(b []byte)) []byte {
		b := bytes.Clone(good[0].Data)
		f(b)
		return b
	}
	section := func(b []byte, name string) (off uint64) {
		f, err := elf.NewFile(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return f.Section(name).Offset
	}
	relaText := func(b []byte) uint64 { return section(b, ".rela.text") }
	// The function table's relocations, in field order: the entry, name,
	// file and tables of a.o's one record.
	relaFuncTab := func(b []byte, field int) uint64 {
		return section(b, ".rela"+abi.FuncTabSection) + uint64(field/4*relaSize)
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "a.o: malformed ELF file"},
		{"garbage", []byte("this is not an object file at all, not even close......................"), "a.o: malformed ELF file"},
		{"wrong machine", patched(func(b []byte) { binary.LittleEndian.PutUint16(b[18:], uint16(elf.EM_AARCH64)) }), "a.o: wrong machine EM_AARCH64"},
		{"wrong class", patched(func(b []byte) { b[elf.EI_CLASS] = byte(elf.ELFCLASS32) }), "a.o: "},
		{"big endian", patched(func(b []byte) { b[elf.EI_DATA] = byte(elf.ELFDATA2MSB) }), "a.o: "},
		{"executable", patched(func(b []byte) { binary.LittleEndian.PutUint16(b[16:], uint16(elf.ET_EXEC)) }), "a.o: not a relocatable object"},
		{"symbol index", patched(func(b []byte) {
			binary.LittleEndian.PutUint32(b[relaText(b)+12:], 9999)
		}), "symbol index 9999 out of range"},
		{"reloc type", patched(func(b []byte) {
			binary.LittleEndian.PutUint32(b[relaText(b)+8:], uint32(elf.R_X86_64_GOTPLT64))
		}), "unsupported type R_X86_64_GOTPLT64"},
		{"reloc offset", patched(func(b []byte) {
			binary.LittleEndian.PutUint64(b[relaText(b):], 1<<40)
		}), "lies outside .text"},
		{"function table entry", patched(func(b []byte) {
			// An absolute address, as the table's first format had.
			binary.LittleEndian.PutUint32(b[relaFuncTab(b, abi.FuncRecEntry)+8:], uint32(elf.R_X86_64_64))
		}), "p9_functab: record 0 names no function"},
		{"function table name", patched(func(b []byte) {
			binary.LittleEndian.PutUint64(b[relaFuncTab(b, abi.FuncRecName)+16:], 1<<20)
		}), "p9_functab: record 0 (_rt0_amd64_linux): a name, file or PC table lies outside p9_funcdata"},
		{"function table tables", patched(func(b []byte) {
			binary.LittleEndian.PutUint64(b[relaFuncTab(b, abi.FuncRecTables)+16:], 1<<20)
		}), "p9_functab: record 0 (_rt0_amd64_linux): a name, file or PC table lies outside p9_funcdata"},
		{"function table call sites", patched(func(b []byte) {
			// The flag says a list follows the line table; the data
			// section ends there.
			flags := section(b, abi.FuncTabSection) + abi.FuncRecFlags
			binary.LittleEndian.PutUint32(b[flags:], binary.LittleEndian.Uint32(b[flags:])|abi.FuncCallSites)
		}), "p9_functab: record 0 (_rt0_amd64_linux): bad call-site list"},
	}
	for _, c := range cases {
		got := linkErr(t, []Input{{Name: "a.o", Data: c.data}, good[1]}, Options{})
		if !strings.HasPrefix(got, "a.o: ") || !strings.Contains(got, c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.name, got, c.want)
		}
	}
}

// TestNoPanics links every prefix of a valid object and many randomly
// damaged copies: each must give a result or an error, never a panic.
func TestNoPanics(t *testing.T) {
	good := helloInputs(t)
	tls := tlsInputs(t)[0]
	for _, in := range []Input{good[0], tls} {
		for n := 0; n < len(in.Data); n++ {
			Link([]Input{{Name: "cut.o", Data: in.Data[:n]}, good[1]}, Options{})
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		src := good[0].Data
		if i%2 == 1 {
			src = tls.Data
		}
		b := bytes.Clone(src)
		for k := 0; k < 1+rng.Intn(4); k++ {
			p := rng.Intn(len(b))
			switch rng.Intn(3) {
			case 0:
				b[p] = byte(rng.Intn(256))
			case 1:
				b[p] ^= 1 << rng.Intn(8)
			default:
				b[p] = 0xff
			}
		}
		Link([]Input{{Name: "bad.o", Data: b}, good[1]}, Options{})
	}
}

// FuzzLink: no input makes Link panic. Run with go test -fuzz FuzzLink.
func FuzzLink(f *testing.F) {
	hello := helloInputs(f)
	for _, in := range append(hello, tlsInputs(f)...) {
		f.Add(in.Data)
	}
	exit := hello[1]
	f.Fuzz(func(t *testing.T, data []byte) {
		Link([]Input{{Name: "fuzz.o", Data: data}, exit}, Options{})
	})
}
