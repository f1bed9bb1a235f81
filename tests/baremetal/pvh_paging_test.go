package baremetal_test

import (
	"debug/elf"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// faultSource does one forbidden thing in main·fault, chosen by a -D
// definition: a load or a store through a nil pointer, a store into the
// text or the read-only data, a jump into writable data, a division by
// zero, or a NOSPLIT function calling itself through a pointer without
// end on a goroutine (no prologue sees that overrun).
const faultSource = `#include "textflag.h"
#include "test.h"

TEXT main·main(SB), NOSPLIT, $8-0
#ifdef OVERRUN
	GO(runawayfn<>(SB))
again:
	CALL	runtime·Gosched(SB)
	JMP	again
#else
	CALL	main·fault(SB)
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	RET
#endif

TEXT main·fault(SB), NOSPLIT, $0-0
	MOVQ	$0, BX
#ifdef NILLOAD
	MOVQ	0(BX), AX
#endif
#ifdef NILSTORE
	MOVQ	AX, 8(BX)
#endif
#ifdef TEXTSTORE
	LEAQ	main·fault(SB), BX
	MOVB	$0xcc, 0(BX)
#endif
#ifdef RODATASTORE
	LEAQ	main·ro(SB), BX
	MOVQ	$1, 0(BX)
#endif
#ifdef DATAEXEC
	LEAQ	main·code(SB), BX
	CALL	BX
#endif
#ifdef DIVIDE
	MOVQ	$1, AX
	MOVQ	$0, DX
	DIVQ	BX
#endif
	RET

// runaway calls itself through a pointer: NOSPLIT, so no prologue checks
// the stack, and the linker cannot follow the call.
TEXT main·runaway(SB), NOSPLIT, $64-0
	MOVQ	runawayfn<>(SB), AX
	CALL	AX
	RET

DATA runawayfn<>+0(SB)/8, $main·runaway(SB)
GLOBL runawayfn<>(SB), RODATA, $8

DATA main·ro+0(SB)/8, $42
GLOBL main·ro(SB), RODATA, $8

// A RET instruction in writable data.
DATA main·code+0(SB)/1, $0xc3
GLOBL main·code(SB), NOPTR, $8
`

// TestPVHFaults: the page tables give every page its permissions (page 0
// unmapped, text read and execute, read-only data read-only, the rest not
// executable), and every fault is a fatal error with the traceback of the
// goroutine that faulted, exit status 2 (QEMU status 5): "unexpected
// exception N [addr=0x…] pc=0x…", or "stack overflow" for a goroutine
// that ran past its stack into a guard page.
func TestPVHFaults(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "fault.s")
	writeFile(t, src, faultSource)
	for _, c := range []struct {
		def  string
		want string // the first line, a regular expression; ADDR is the symbol's address
		sym  string // the symbol whose address the fault names
	}{
		{"NILLOAD", `unexpected exception 14 addr=0x0 pc=0x[0-9a-f]+`, ""},
		{"NILSTORE", `unexpected exception 14 addr=0x8 pc=0x[0-9a-f]+`, ""},
		{"TEXTSTORE", `unexpected exception 14 addr=ADDR pc=0x[0-9a-f]+`, "main.fault"},
		{"RODATASTORE", `unexpected exception 14 addr=ADDR pc=0x[0-9a-f]+`, "main.ro"},
		{"DATAEXEC", `unexpected exception 14 addr=ADDR pc=ADDR`, "main.code"},
		{"DIVIDE", `unexpected exception 0 pc=0x[0-9a-f]+`, ""},
		{"OVERRUN", `stack overflow`, ""},
	} {
		t.Run(c.def, func(t *testing.T) {
			img := filepath.Join(dir, c.def+".img")
			testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-H", "pvh", "-I", testutil.HeaderDir, "-D", c.def, "-o", img, src)
			want := c.want
			if c.sym != "" {
				addr, _ := symbolAddr(t, img, c.sym)
				want = regexp.MustCompile(`ADDR`).ReplaceAllLiteralString(want, fmt.Sprintf("%#x", addr))
			}
			serial, code := boot(t, img, "-smp", "2")
			if !regexp.MustCompile(`^fatal error: `+want+`\n\ngoroutine \d+ \[running\]:\n`).MatchString(serial) || code != 5 {
				t.Errorf("serial %q, status %d; want %q, a traceback, status 5", serial, code, "fatal error: "+want)
			}
			frame := "main.fault"
			if c.def == "OVERRUN" {
				frame = "main.runaway"
			} else if c.def == "DATAEXEC" {
				frame = "main.code"
			}
			if !regexp.MustCompile(`\[running\]:\n`+regexp.QuoteMeta(frame)).MatchString(serial) && c.def != "DATAEXEC" {
				t.Errorf("the traceback does not start at %s:\n%s", frame, serial)
			}
		})
	}
}

// TestPVHSegmentPages: the linker starts each PT_LOAD segment of a PVH
// image on a page of its own, so the runtime can give each page its
// segment's permissions: text R+X, read-only data R, data and bss RW.
func TestPVHSegmentPages(t *testing.T) {
	img := testutil.LinkPVH(t, t.TempDir(), "hello", "examples/hello.s")
	f, err := elf.Open(img)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var loads []*elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			loads = append(loads, p)
		}
	}
	want := []elf.ProgFlag{elf.PF_R | elf.PF_X, elf.PF_R, elf.PF_R | elf.PF_W}
	if len(loads) != len(want) {
		t.Fatalf("%d PT_LOAD segments, want %d", len(loads), len(want))
	}
	for i, p := range loads {
		if p.Flags != want[i] {
			t.Errorf("segment %d: flags %v, want %v", i, p.Flags, want[i])
		}
		if i > 0 {
			prev := loads[i-1]
			if lastPage, firstPage := (prev.Vaddr+prev.Memsz-1)>>12, p.Vaddr>>12; firstPage <= lastPage {
				t.Errorf("segment %d starts at %#x, in the page of segment %d's end %#x", i, p.Vaddr, i-1, prev.Vaddr+prev.Memsz)
			}
		}
	}
	// The runtime reads the writable segment's start from the sections'
	// bounds: the lowest of them is on the segment's first page.
	lo := ^uint64(0)
	for _, s := range []string{"runtime.noptrdata", "runtime.data", "runtime.bss", "runtime.noptrbss"} {
		syms, _ := f.Symbols()
		for _, y := range syms {
			if y.Name == s && y.Value != 0 && y.Value < lo {
				lo = y.Value
			}
		}
	}
	if data := loads[2]; lo>>12 != data.Vaddr>>12 {
		t.Errorf("lowest writable section at %s, data segment at %#x: not the same page", strconv.FormatUint(lo, 16), data.Vaddr)
	}
}

// TestPVHMachines: goroutines.s boots on QEMU's q35 and microvm machines
// with several CPUs, and on pc in 32 MiB of RAM (the page tables take a
// 512th of it), printing its sum and the threads that ran it: at least
// one a CPU. (More is no fault: an M that blocks, or that sysmon takes a
// P from, is replaced by a new one, as in Go; a slow host makes that
// happen.)
func TestPVHMachines(t *testing.T) {
	needQEMU(t)
	img := testutil.LinkPVH(t, t.TempDir(), "goroutines", "examples/goroutines.s")
	for _, c := range []struct {
		args []string
		cpus int
	}{
		{[]string{"-M", "q35", "-smp", "4"}, 4},
		{[]string{"-M", "microvm", "-smp", "2"}, 2},
		{[]string{"-M", "pc", "-m", "32M"}, 1},
	} {
		serial, code := boot(t, img, c.args...)
		var threads int
		n, _ := fmt.Sscanf(serial, "sum=499500\nthreads=%d\n", &threads)
		if n != 1 || threads < c.cpus || !strings.HasSuffix(serial, "\n") || strings.Count(serial, "\n") != 2 || code != 1 {
			t.Errorf("%v: serial %q, status %d; want \"sum=499500\\nthreads=N\\n\" with N >= %d, status 1", c.args, serial, code, c.cpus)
		}
	}
	// pipeline and pingpong print on microvm what they print on pc, with
	// four CPUs each.
	dir := t.TempDir()
	for _, name := range []string{"pipeline", "pingpong"} {
		img := testutil.LinkPVH(t, dir, name, "examples/"+name+".s")
		pc, pcCode := boot(t, img, "-M", "pc", "-smp", "4")
		mvm, mvmCode := boot(t, img, "-M", "microvm", "-smp", "4")
		if pc == "" || pc != mvm || pcCode != 1 || mvmCode != 1 {
			t.Errorf("%s: pc -smp 4 printed %q (status %d), microvm -smp 4 %q (status %d); want the same, status 1", name, pc, pcCode, mvm, mvmCode)
		}
	}
}
