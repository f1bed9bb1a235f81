package link_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// buildIDProgram is a program with code, data and a C function, so a link
// has every kind of input and section to lay out.
var buildIDProgram = map[string]string{
	"add.c": "long cadd(long a, long b) { return a * 10 + b; }\nlong ctable[4] = {1, 2, 3, 4};\n",
	"main.s": `#include "textflag.h"

DATA main·msg+0(SB)/8, $"build-id"
GLOBL main·msg(SB), RODATA, $8
GLOBL main·counter(SB), NOPTR, $8

TEXT main·add(SB), NOSPLIT, $0-24
	MOVQ	a+0(FP), DI
	MOVQ	b+8(FP), SI
	CALL	cadd(SB)
	MOVQ	AX, ret+16(FP)
	RET

TEXT main·main(SB), NOSPLIT, $24-0
	MOVQ	$4, 0(SP)
	MOVQ	$2, 8(SP)
	CALL	main·add(SB)
	MOVQ	16(SP), AX
	ADDQ	ctable+8(SB), AX
	MOVQ	AX, main·counter(SB)
	MOVL	AX, 0(SP)
	CALL	runtime·exit(SB)
	RET
`,
}

// readBuildID returns the descriptor of prog's NT_GNU_BUILD_ID note, read
// with debug/elf, and checks readelf -n shows the same.
func readBuildID(t *testing.T, prog string) []byte {
	t.Helper()
	f, err := elf.Open(prog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := f.Section(".note.gnu.build-id")
	if s == nil {
		return nil
	}
	if s.Type != elf.SHT_NOTE || s.Flags&elf.SHF_ALLOC == 0 {
		t.Errorf("%s: .note.gnu.build-id is %v %v, want an allocated SHT_NOTE", prog, s.Type, s.Flags)
	}
	data, err := s.Data()
	if err != nil || len(data) < 16 || string(data[12:16]) != "GNU\x00" || data[8] != 3 {
		t.Fatalf("%s: bad note %x (%v)", prog, data, err)
	}
	n := int(binary.LittleEndian.Uint32(data[4:]))
	if 16+n > len(data) || len(data) != 16+(n+3)&^3 {
		t.Fatalf("%s: note of %d bytes with a %d-byte descriptor", prog, len(data), n)
	}
	desc := data[16 : 16+n]
	noteSeg := false
	for _, p := range f.Progs {
		if p.Type == elf.PT_NOTE && p.Vaddr == s.Addr && p.Filesz == s.Size {
			noteSeg = true
		}
	}
	if !noteSeg {
		t.Errorf("%s: no PT_NOTE covers .note.gnu.build-id", prog)
	}
	if _, err := exec.LookPath("readelf"); err == nil {
		out, _ := exec.Command("readelf", "-n", prog).CombinedOutput()
		if !strings.Contains(string(out), "Build ID: "+hex.EncodeToString(desc)) {
			t.Errorf("readelf -n %s does not show build ID %x:\n%s", prog, desc, out)
		}
	}
	return desc
}

// TestLinkerBuildID: --build-id writes GNU's note, which readelf -n shows:
// sha1 by default (20 bytes), md5 (16), uuid (16, random), 0xHEX (those
// bytes); none and no flag write none. A hash is the same for the same
// inputs and differs when an input does; the program still runs.
func TestLinkerBuildID(t *testing.T) {
	testutil.NeedTool(t, "gcc")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, buildIDProgram)
	testutil.MustRun(t, dir, "gcc", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-O2", "-c", "add.c")
	link := func(out string, flags ...string) []byte {
		t.Helper()
		testutil.MustRun(t, dir, "p9ld", append(append(flags, "-o", out), "main.s", "add.o")...)
		return readBuildID(t, filepath.Join(dir, out))
	}
	sha := link("a", "--build-id")
	if len(sha) != 20 {
		t.Errorf("--build-id: %d bytes, want 20 (sha1)", len(sha))
	}
	if r := testutil.Run(t, dir, filepath.Join(dir, "a")); r.Code != 44 {
		t.Errorf("exit status %d, want 44", r.Code)
	}
	if again := link("b", "--build-id=sha1"); !bytes.Equal(again, sha) {
		t.Errorf("--build-id=sha1 %x, --build-id %x: the same inputs give different ids", again, sha)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a"))
	b, _ := os.ReadFile(filepath.Join(dir, "b"))
	if !bytes.Equal(a, b) {
		t.Error("two links of the same inputs with --build-id differ")
	}
	if md := link("c", "--build-id=md5"); len(md) != 16 {
		t.Errorf("--build-id=md5: %d bytes, want 16", len(md))
	}
	u1, u2 := link("d", "--build-id=uuid"), link("e", "--build-id=uuid")
	if len(u1) != 16 || bytes.Equal(u1, u2) {
		t.Errorf("--build-id=uuid: %x and %x, want 16 random bytes each time", u1, u2)
	}
	if h := link("f", "--build-id=0x0123-4567abCD"); hex.EncodeToString(h) != "01234567abcd" {
		t.Errorf("--build-id=0x0123-4567abCD: %x", h)
	}
	if id := link("g", "--build-id=none"); id != nil {
		t.Errorf("--build-id=none wrote %x", id)
	}
	if id := link("h"); id != nil {
		t.Errorf("no --build-id wrote %x", id)
	}
	// Another input, another id.
	testutil.WriteFiles(t, dir, map[string]string{"main.s": strings.Replace(buildIDProgram["main.s"], "$2, 8(SP)", "$3, 8(SP)", 1)})
	if other := link("i", "--build-id"); bytes.Equal(other, sha) {
		t.Error("a changed input gives the same id")
	}
	for _, bad := range []string{"--build-id=sha256", "--build-id=0x123", "--build-id=0xzz"} {
		r := testutil.Run(t, dir, "p9ld", bad, "-o", "x", "main.s", "add.o")
		if r.Code != 2 || !strings.Contains(r.Stderr, "p9ld: "+bad+": ") {
			t.Errorf("%s: exit %d, stderr %q; want a usage error naming it", bad, r.Code, r.Stderr)
		}
	}
}

// TestLinkerDeterministicMixed links the same inputs (Plan 9 assembly, the
// runtime, a gcc object with code and data) twice at GOMAXPROCS 1 and
// twice at 4, with and without --build-id, with a link map: every
// executable and map is byte for byte the same (TestLinkerDeterministic
// links one example).
func TestLinkerDeterministicMixed(t *testing.T) {
	testutil.NeedTool(t, "gcc")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, buildIDProgram)
	testutil.MustRun(t, dir, "gcc", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-O2", "-c", "add.c")
	for _, flags := range [][]string{nil, {"--build-id"}} {
		var first, firstMap []byte
		for _, procs := range []string{"1", "4", "1", "4"} {
			args := append(append([]string(nil), flags...), "--map", "m.txt", "-o", "prog", "main.s", "add.o")
			cmd := exec.Command(testutil.Exe("p9ld"), args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("p9ld %v: %v\n%s", args, err, out)
			}
			exe, _ := os.ReadFile(filepath.Join(dir, "prog"))
			m, _ := os.ReadFile(filepath.Join(dir, "m.txt"))
			if first == nil {
				first, firstMap = exe, m
				continue
			}
			if !bytes.Equal(exe, first) {
				t.Errorf("p9ld %v at GOMAXPROCS=%s: the executable differs from the first link's", flags, procs)
			}
			if !bytes.Equal(m, firstMap) {
				t.Errorf("p9ld %v at GOMAXPROCS=%s: the link map differs from the first link's", flags, procs)
			}
		}
	}
}
