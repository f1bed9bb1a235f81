package link_test

import (
	"cmp"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// helloSizeLimit is the most examples/hello.s may take, linked with the
// runtime, its symbols and its compressed DWARF. It was 32 KiB (hello:
// 30.6 KB) until the runtime gained XSAVE-based preemption, signal
// delivery and checked system calls, which every program links (1.3 KB of
// code, 0.9 KB of DWARF, 1.3 KB of symbols: 34.4 KB), and then tracebacks
// on fatal errors, for which every program carries the function table:
// 8 KB of records (126 functions) and 8.8 KB of names and PC tables
// (hello: 57.4 KB; Go's hello is 1.5 MB), then the report of every
// goroutine on a fatal error or SIGQUIT, as Go's (1.9 KB of code, 1.8 KB
// of function table, 0.6 KB of messages and DWARF), and segmented stacks
// that grow (2.9 KB of code, 2.5 KB of function records, names and PC
// tables, 1.5 KB of symbols, 1 KB of DWARF), and asmcgocall (hello:
// 74.0 KB), and then an allocator with free over a page heap (size
// classes, per-P caches, central lists, the scavenger, stacks on the
// heap: 4.7 KB of code, 0.8 KB of class table and messages, 5.2 KB of
// function records, names and PC tables, 2.3 KB of DWARF; hello: 87.4
// KB), then semaphores, Mutex and WaitGroup and the vDSO clock (hello:
// 93.6 KB), then timers, after and the one idle path (1.5 KB of code, 1.9
// KB of function table and DWARF; hello: 97.0 KB), then select (hello:
// 98.9 KB), then the network poller (epoll, pollDesc deadlines, read,
// write and syscall6 with the blocking hand-off: 3.0 KB of code, 2.6 KB of
// function table, 0.7 KB of DWARF, 0.8 KB of symbols; hello: 107.8 KB),
// then the conservative collector (mark and sweep, the stop of the world,
// pacing, gctrace: 4.7 KB of code, 3.8 KB of function table, 1.5 KB of
// DWARF, 2.2 KB of symbols and messages; hello: 119.6 KB), then the
// collector's repairs (threads without a P allocate in regions the world
// waits for, a full mark stack rescans instead of ending the program, the
// bare-metal collector, a sweep without POPCNT: hello: 124.0 KB), then
// the scheduler's multi-P paths (a buffered channel's inline fast path,
// wakep1, runnext stolen last: hello: 124.7 KB). The linker keeps only the
// functions a program reaches (hello carries no channel, select or
// semaphore code); what it reaches is the start-up, scheduler, allocator,
// collector, signals, tracebacks and stacks, each with its function
// records, names and PC tables. bench/RESULTS.md lists hello's bytes by
// section and its code by runtime file. Then the function table's records
// went from 64 to 32 bytes (32-bit fields relative to themselves), its PC
// tables to a byte for most entries, and .debug_line's rows to a special
// opcode each (hello: 106.0 KB). What is left is mostly the code itself
// (37 KB) and what describes it: bench/ANALYSIS.md has the budget.
const helloSizeLimit = 108 << 10

// TestLinkerHelloSize: the README's demo stays small. Segments share file
// pages (the padding between them is what the size bound leaves out), and
// the executable still runs.
func TestLinkerHelloSize(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "hello")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/hello.s")
	st, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > helloSizeLimit {
		t.Errorf("hello is %d bytes, more than %d", st.Size(), helloSizeLimit)
	}
	checkLoadSegments(t, exe)
	if r := testutil.MustRun(t, dir, exe); r.Stdout != "hello, world\n" {
		t.Errorf("hello printed %q", r.Stdout)
	}
	if _, err := exec.LookPath("readelf"); err == nil {
		if r := testutil.MustRun(t, dir, "readelf", "-lSW", exe); r.Stderr != "" {
			t.Errorf("readelf warns: %s", r.Stderr)
		}
	}
	checkLoadSegments(t, testutil.LinkPVH(t, dir, "hello", "examples/hello.s"))
}

// checkLoadSegments checks the PT_LOAD segments of an executable as a
// loader needs them: offset and address agree modulo the alignment, no
// segment is writable and executable, and no two segments share a page of
// memory.
func checkLoadSegments(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
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
	slices.SortFunc(loads, func(a, b *elf.Prog) int { return cmp.Compare(a.Vaddr, b.Vaddr) })
	for i, p := range loads {
		if p.Align == 0 || p.Off%p.Align != p.Vaddr%p.Align {
			t.Errorf("%s: PT_LOAD at %#x: offset %#x, alignment %#x", filepath.Base(path), p.Vaddr, p.Off, p.Align)
		}
		if p.Flags&elf.PF_W != 0 && p.Flags&elf.PF_X != 0 {
			t.Errorf("%s: PT_LOAD at %#x is writable and executable", filepath.Base(path), p.Vaddr)
		}
		if i > 0 {
			q := loads[i-1]
			if p.Vaddr/p.Align <= (q.Vaddr+q.Memsz-1)/p.Align {
				t.Errorf("%s: PT_LOAD at %#x shares a page with the one at %#x", filepath.Base(path), p.Vaddr, q.Vaddr)
			}
		}
	}
}
