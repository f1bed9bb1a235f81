package link_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/link"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// ldCorrupter makes damaged copies of a valid object. Every kind of damage
// is one a linker must detect: the result is never a valid object.
type ldCorrupter struct {
	data  []byte
	f     *elf.File
	rng   *rand.Rand
	relas []*elf.Section // relocation sections
	read  []*elf.Section // sections the linker reads
	nsyms int
}

func newLDCorrupter(t *testing.T, data []byte, seed int64) *ldCorrupter {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := &ldCorrupter{data: data, f: f, rng: rand.New(rand.NewSource(seed))}
	for _, s := range f.Sections {
		switch {
		case s.Type == elf.SHT_RELA:
			c.relas = append(c.relas, s)
			c.read = append(c.read, s)
		case s.Type == elf.SHT_SYMTAB:
			c.nsyms = int(s.Size / 24)
			c.read = append(c.read, s)
		case s.Type == elf.SHT_PROGBITS && (s.Flags&elf.SHF_ALLOC != 0 || strings.HasPrefix(s.Name, ".debug_") || strings.HasPrefix(s.Name, ".p9.")):
			c.read = append(c.read, s)
		}
	}
	if len(c.relas) == 0 || c.nsyms == 0 {
		t.Fatal("the object has no relocations or symbols")
	}
	return c
}

// shdr returns the offset of section s's header.
func (c *ldCorrupter) shdr(s *elf.Section) int {
	shoff := binary.LittleEndian.Uint64(c.data[40:])
	for i, x := range c.f.Sections {
		if x == s {
			return int(shoff) + 64*i
		}
	}
	panic("no such section")
}

// variant returns a damaged copy and a description of the damage.
func (c *ldCorrupter) variant() ([]byte, string) {
	b := append([]byte(nil), c.data...)
	le := binary.LittleEndian
	r := c.rng
	rela := c.relas[r.Intn(len(c.relas))]
	entry := int(rela.Offset) + 24*r.Intn(int(rela.Size/24))
	sec := c.read[r.Intn(len(c.read))]
	switch k := r.Intn(12); k {
	case 0:
		n := r.Intn(len(b))
		return b[:n], fmt.Sprintf("truncated to %d bytes", n)
	case 1:
		b[elf.EI_CLASS] = byte(elf.ELFCLASS32)
		return b, "32-bit class"
	case 2:
		m := []elf.Machine{elf.EM_386, elf.EM_AARCH64, elf.EM_RISCV, elf.EM_NONE}[r.Intn(4)]
		le.PutUint16(b[18:], uint16(m))
		return b, "machine " + m.String()
	case 3:
		t := []elf.Type{elf.ET_EXEC, elf.ET_DYN, elf.ET_CORE}[r.Intn(3)]
		le.PutUint16(b[16:], uint16(t))
		return b, "type " + t.String()
	case 4:
		typ := uint32(50 + r.Intn(1000))
		le.PutUint32(b[entry+8:], typ)
		return b, fmt.Sprintf("relocation type %d in %s", typ, rela.Name)
	case 5:
		idx := uint32(c.nsyms + r.Intn(1<<20))
		le.PutUint32(b[entry+12:], idx)
		return b, fmt.Sprintf("relocation symbol index %d in %s", idx, rela.Name)
	case 6:
		off := uint64(1<<32) + uint64(r.Int63n(1<<40))
		le.PutUint64(b[entry:], off)
		return b, fmt.Sprintf("relocation offset %#x in %s", off, rela.Name)
	case 7:
		off := uint64(len(b)) + uint64(r.Int63n(1<<40))
		le.PutUint64(b[c.shdr(sec)+24:], off)
		return b, fmt.Sprintf("%s offset %#x past the end", sec.Name, off)
	case 8:
		size := sec.Size + uint64(len(b)) + uint64(r.Int63n(1<<40))
		le.PutUint64(b[c.shdr(sec)+32:], size)
		return b, fmt.Sprintf("%s size %#x", sec.Name, size)
	case 9:
		info := uint32(len(c.f.Sections) + r.Intn(1000))
		le.PutUint32(b[c.shdr(rela)+44:], info)
		return b, fmt.Sprintf("%s applies to section %d", rela.Name, info)
	case 10:
		b[r.Intn(4)] ^= byte(1 + r.Intn(255))
		return b, "bad magic"
	default:
		shnum := len(c.f.Sections) + r.Intn(100)
		le.PutUint16(b[62:], uint16(shnum))
		return b, fmt.Sprintf("e_shstrndx %d", shnum)
	}
}

// TestLinkerCorruptObjects feeds 1,000 damaged copies of a real object to the
// linker: each must fail with a message, none may panic or hang. Most are
// linked in-process; a sample goes through the p9ld command.
func TestLinkerCorruptObjects(t *testing.T) {
	dir := t.TempDir()
	rtFiles, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, "runtime-src", "*.s"))
	var good []link.Input
	for _, f := range rtFiles {
		rel, _ := filepath.Rel(testutil.RepoRoot, f)
		obj := filepath.Join(dir, filepath.Base(f)+".o")
		testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "runtime", "-I", "runtime-src", "-o", obj, rel)
		good = append(good, ldReadInput(t, obj))
	}
	helloObj := filepath.Join(dir, "hello.o")
	testutil.MustRun(t, testutil.RepoRoot, "p9as", "-p", "main", "-I", "runtime-src", "-o", helloObj, "examples/hello.s")
	hello := ldReadInput(t, helloObj)
	if _, err := link.Link(append(good, hello), link.Options{}); err != nil {
		t.Fatalf("the undamaged objects do not link: %v", err)
	}

	c := newLDCorrupter(t, hello.Data, 1)
	const variants, viaCommand = 1000, 25
	for i := 0; i < variants; i++ {
		bad, what := c.variant()
		if i%(variants/viaCommand) == 0 {
			p := filepath.Join(dir, "bad.o")
			if err := os.WriteFile(p, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"10", testutil.Exe("p9ld"), "--no-runtime", "-o", filepath.Join(dir, "out")}
			for _, g := range good {
				args = append(args, g.Name)
			}
			r := testutil.Run(t, dir, "timeout", append(args, p)...)
			if r.Code != 1 || !strings.HasPrefix(r.Stderr, "p9ld: ") || strings.Contains(r.Stderr, "goroutine ") {
				t.Errorf("variant %d (%s): exit %d, stderr %q", i, what, r.Code, r.Stderr)
			}
			continue
		}
		err := ldLinkWithin(t, append(good[:len(good):len(good)], link.Input{Name: "bad.o", Data: bad}), 5*time.Second)
		if err == nil {
			t.Errorf("variant %d (%s) linked", i, what)
		} else if le := (*link.Error)(nil); !errors.As(err, &le) || !strings.HasPrefix(err.Error(), "bad.o: ") {
			t.Errorf("variant %d (%s): message %q, want the linker's error about bad.o", i, what, err)
		}
	}
}

func ldReadInput(t *testing.T, path string) link.Input {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return link.Input{Name: path, Data: data}
}

// ldLinkWithin links, failing the test on a panic or if the link takes
// longer than limit.
func ldLinkWithin(t *testing.T, ins []link.Input, limit time.Duration) error {
	t.Helper()
	type result struct {
		err   error
		panic any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p}
			}
		}()
		_, err := link.Link(ins, link.Options{})
		done <- result{err: err}
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("Link panicked: %v", r.panic)
		}
		return r.err
	case <-time.After(limit):
		t.Fatalf("Link did not finish within %v", limit)
	}
	return nil
}
