package baremetal_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
	"golang.org/x/arch/x86/x86asm"
)

// imageBytes returns n bytes of a linked file's memory image at addr.
func imageBytes(t *testing.T, file string, addr, n uint64) []byte {
	t.Helper()
	f, err := elf.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && addr >= p.Vaddr && addr+n <= p.Vaddr+p.Filesz {
			b := make([]byte, n)
			if _, err := p.ReadAt(b, int64(addr-p.Vaddr)); err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s: %#x+%d is not in a loaded segment's file bytes", file, addr, n)
	return nil
}

// TestPVHEntryStub decodes the 32-bit entry as i386 code: every
// instruction is one a 32-bit CPU runs, the mode switch is all there, and
// the position-finding LEA/CALL/POP sequence yields pvhboot's address.
func TestPVHEntryStub(t *testing.T) {
	img := filepath.Join(t.TempDir(), "hello.img")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", "pvh", "-o", img, "examples/hello.s")
	entry, size := symbolAddr(t, img, "_rt0_amd64_pvh")
	code := imageBytes(t, img, entry, size)

	var listing []string
	var insts []x86asm.Inst
	var pcs []uint64
	for off := 0; off < len(code); {
		inst, err := x86asm.Decode(code[off:], 32)
		if err != nil {
			t.Fatalf("%#x: %v in 32-bit mode (bytes % x)", entry+uint64(off), err, code[off:min(off+8, len(code))])
		}
		if b := code[off]; b >= 0x40 && b <= 0x4f {
			t.Errorf("%#x: byte %#x, a REX prefix in 64-bit mode, is INC/DEC in 32-bit mode", entry+uint64(off), b)
		}
		listing = append(listing, x86asm.GNUSyntax(inst, entry+uint64(off), nil))
		insts = append(insts, inst)
		pcs = append(pcs, entry+uint64(off))
		off += inst.Len
	}
	text := strings.Join(listing, "\n")
	t.Logf("_rt0_amd64_pvh as i386 code:\n%s", text)

	// The steps of the switch to long mode, in order.
	want := []string{
		"cli",
		"mov $0x7c00,%esp",
		"rep stos %eax,%es:(%edi)",
		"mov %edi,%cr3",
		"or $0x20,%eax", // CR4.PAE
		"mov %eax,%cr4",
		"mov $0xc0000080,%ecx", // EFER
		"rdmsr",
		"or $0x100,%eax", // EFER.LME
		"wrmsr",
		"or $0x80000001,%eax", // CR0.PG | CR0.PE
		"mov %eax,%cr0",
		"lgdtl (%eax)",
		"push $0x8",
		"pushl 0x10(%esi)",
		"lret",
	}
	i := 0
	for _, l := range listing {
		if i < len(want) && l == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("the 32-bit entry lacks %q (in this order: %q)", want[i], want)
	}
	if last := listing[len(listing)-1]; last != "lret" {
		t.Errorf("the 32-bit entry ends with %q, want the far return", last)
	}

	// lea disp32,%eax reads pvhboot minus the CALL's address; the CALL to
	// the next instruction and the POP give that address plus 5.
	boot, _ := symbolAddr(t, img, "runtime.pvhboot")
	found := false
	for k := 0; k+2 < len(insts); k++ {
		mem, ok := insts[k].Args[1].(x86asm.Mem)
		if insts[k].Op != x86asm.LEA || !ok || mem.Base != 0 {
			continue
		}
		found = true
		if insts[k+1].Op != x86asm.CALL || insts[k+1].Args[0] != x86asm.Rel(0) || insts[k+2].Op != x86asm.POP {
			t.Errorf("lea %#x is not followed by a call to the next instruction and a pop:\n%s", mem.Disp, text)
		}
		if got := uint64(uint32(mem.Disp)) + pcs[k+1]; uint32(got) != uint32(boot) {
			t.Errorf("the 32-bit code finds pvhboot at %#x, but it is at %#x", got, boot)
		}
	}
	if !found {
		t.Errorf("no absolute lea in the 32-bit entry:\n%s", text)
	}

	// pvhboot holds the page tables' memory, the GDT descriptor and the
	// 64-bit entry.
	le := binary.LittleEndian
	table := imageBytes(t, img, boot, 24)
	for k, name := range []string{"runtime.pvhpt", "runtime.pvhgdtr", "runtime.pvhstart64"} {
		addr, _ := symbolAddr(t, img, name)
		if got := le.Uint64(table[8*k:]); got != addr {
			t.Errorf("pvhboot[%d] = %#x, want %s %#x", k, got, name, addr)
		}
	}
}

// TestPVHVectors checks the IDT's handler stubs: initsig takes entry i at
// pvhvectors+8*i, which must push i and jump to pvhtrap.
func TestPVHVectors(t *testing.T) {
	img := filepath.Join(t.TempDir(), "hello.img")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", "pvh", "-o", img, "examples/hello.s")
	vec, size := symbolAddr(t, img, "runtime.pvhvectors")
	trap, _ := symbolAddr(t, img, "runtime.pvhtrap")
	if size != 32*8 {
		t.Fatalf("pvhvectors is %d bytes, want 32 entries of 8", size)
	}
	code := imageBytes(t, img, vec, size)
	for i := range 32 {
		e := code[8*i:]
		push, err := x86asm.Decode(e, 64)
		if err != nil || push.Op != x86asm.PUSH || push.Args[0] != x86asm.Imm(i) {
			t.Errorf("entry %d starts with %v (%v), want push $%d", i, push, err, i)
			continue
		}
		jmp, err := x86asm.Decode(e[push.Len:], 64)
		rel, ok := jmp.Args[0].(x86asm.Rel)
		next := vec + uint64(8*i+push.Len+jmp.Len)
		if err != nil || jmp.Op != x86asm.JMP || !ok || next+uint64(int64(rel)) != trap {
			t.Errorf("entry %d: %v after the push, want jmp to pvhtrap %#x", i, jmp, trap)
		}
	}
}

// TestPVHTrampoline decodes the code other CPUs start in: real mode up to
// the far jump to offset 0x20, then 32-bit code up to the far jump into
// 64-bit mode, all within the 0x80 bytes clone copies.
func TestPVHTrampoline(t *testing.T) {
	img := filepath.Join(t.TempDir(), "hello.img")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", "pvh", "-o", img, "examples/hello.s")
	addr, size := symbolAddr(t, img, "runtime.pvhtrampoline")
	if size > 0x80 {
		t.Fatalf("the trampoline is %d bytes; clone copies 0x80", size)
	}
	code := imageBytes(t, img, addr, size)
	decode := func(from, mode int) []string {
		var out []string
		for off := from; off < len(code); {
			inst, err := x86asm.Decode(code[off:], mode)
			if err != nil {
				t.Fatalf("offset %#x: %v in %d-bit mode", off, err, mode)
			}
			if mode == 32 && code[off] >= 0x40 && code[off] <= 0x4f {
				t.Errorf("offset %#x: byte %#x is INC/DEC in 32-bit mode", off, code[off])
			}
			s := x86asm.GNUSyntax(inst, uint64(0x8000+off), nil)
			out = append(out, s)
			off += inst.Len
			if inst.Op == x86asm.LJMP {
				break
			}
		}
		return out
	}
	real := decode(0, 16)
	prot := decode(0x20, 32)
	t.Logf("real mode:\n%s\n32-bit:\n%s", strings.Join(real, "\n"), strings.Join(prot, "\n"))
	wantReal := []string{"cli", "mov %cs,%ax", "mov %ax,%ds", "lgdtl 0x80", "mov %cr0,%eax", "or $0x1,%eax", "mov %eax,%cr0", "ljmp $0x18,$0x8020"}
	if strings.Join(real, "\n") != strings.Join(wantReal, "\n") {
		t.Errorf("real-mode part:\n%s\nwant:\n%s", strings.Join(real, "\n"), strings.Join(wantReal, "\n"))
	}
	// The far jump takes a 32-bit offset (operand-size prefix).
	if jmp := code[0x15:0x1d]; !bytes.Equal(jmp, []byte{0x66, 0xea, 0x20, 0x80, 0, 0, 0x18, 0}) {
		t.Errorf("far jump bytes % x, want 66 ea 20 80 00 00 18 00", jmp)
	}
	wantProt := []string{"mov %eax,%cr4", "mov 0x8088,%eax", "mov %eax,%cr3", "rdmsr", "or $0x100,%eax", "or 0x8098,%eax", "wrmsr",
		"or $0x80000000,%eax", "mov %eax,%cr0", "ljmp *0x8090"}
	i := 0
	for _, l := range prot {
		if i < len(wantProt) && l == wantProt[i] {
			i++
		}
	}
	if i < len(wantProt) || prot[len(prot)-1] != wantProt[len(wantProt)-1] {
		t.Errorf("32-bit part lacks %q or does not end with the far jump:\n%s", wantProt[min(i, len(wantProt)-1)], strings.Join(prot, "\n"))
	}
}
