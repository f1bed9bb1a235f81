package baremetal_test

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// qemuTimeout bounds one boot: a few seconds under TCG, with room for a
// loaded machine.
const qemuTimeout = 90 * time.Second

// needQEMU returns qemu-system-x86_64's path or skips the test.
func needQEMU(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("qemu-system-x86_64")
	if err != nil {
		t.Skip("qemu-system-x86_64 is not installed")
	}
	return p
}

// boot runs img under QEMU (TCG) with the isa-debug-exit device and returns
// what the serial port printed and QEMU's exit status: (v<<1)|1 for a
// value v the program wrote to the device.
func boot(t *testing.T, img string, extra ...string) (serial string, code int) {
	t.Helper()
	return bootWith(t, img, append([]string{"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"}, extra...)...)
}

// bootWith runs img under QEMU with only the extra devices and options
// given.
func bootWith(t *testing.T, img string, extra ...string) (serial string, code int) {
	t.Helper()
	qemu := needQEMU(t)
	args := []string{"-accel", "tcg", "-kernel", img, "-display", "none", "-serial", "stdio",
		"-monitor", "none", "-no-reboot"}
	ctx, cancel := context.WithTimeout(context.Background(), qemuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, qemu, append(args, extra...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s did not stop within %v; serial output:\n%s", filepath.Base(img), qemuTimeout, stdout.String())
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running qemu: %v", err)
		}
		code = ee.ExitCode()
	}
	t.Logf("%s booted and stopped in %v", filepath.Base(img), time.Since(start).Round(time.Millisecond))
	if stderr.Len() > 0 {
		t.Logf("qemu: %s", stderr.String())
	}
	return stdout.String(), code
}

// symbolAddr returns the address and size of the named symbol in an ELF
// file.
func symbolAddr(t *testing.T, file, name string) (addr, size uint64) {
	t.Helper()
	f, err := elf.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range syms {
		if s.Name == name {
			return s.Value, s.Size
		}
	}
	t.Fatalf("%s: no symbol %s", file, name)
	return 0, 0
}

// TestPVHImageFormat checks what a PVH loader reads: ELF64, physical load
// addresses, and the Xen PHYS32_ENTRY note naming the 32-bit entry.
func TestPVHImageFormat(t *testing.T) {
	img := testutil.LinkPVH(t, t.TempDir(), "hello", "examples/hello.s")
	entry, _ := symbolAddr(t, img, "_rt0_amd64_pvh")
	f, err := elf.Open(img)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS64 || f.Machine != elf.EM_X86_64 || f.Type != elf.ET_EXEC {
		t.Errorf("class %v machine %v type %v, want ELF64 x86-64 EXEC", f.Class, f.Machine, f.Type)
	}
	if f.Entry != entry {
		t.Errorf("e_entry %#x, want _rt0_amd64_pvh %#x", f.Entry, entry)
	}
	notes := 0
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_LOAD:
			if p.Paddr != p.Vaddr || p.Paddr < 1<<20 || p.Paddr+p.Memsz > 1<<30 {
				t.Errorf("PT_LOAD at paddr %#x vaddr %#x size %#x: want identity-mapped, between 1 MiB and 1 GiB", p.Paddr, p.Vaddr, p.Memsz)
			}
		case elf.PT_NOTE:
			notes++
			if p.Align != 4 {
				t.Errorf("PT_NOTE alignment %d, want 4 (QEMU aligns the name to it)", p.Align)
			}
			b := make([]byte, p.Filesz)
			if _, err := p.ReadAt(b, 0); err != nil {
				t.Fatal(err)
			}
			le := binary.LittleEndian
			if len(b) < 24 {
				t.Fatalf("note is %d bytes", len(b))
			}
			namesz, descsz, typ := le.Uint32(b), le.Uint32(b[4:]), le.Uint32(b[8:])
			if namesz != 4 || string(b[12:16]) != "Xen\x00" || typ != 18 || descsz != 8 {
				t.Errorf("note name %q (size %d) type %d desc size %d, want \"Xen\" type 18 (PHYS32_ENTRY), 8 bytes", b[12:16], namesz, typ, descsz)
			}
			if got := le.Uint64(b[16:]); got != entry {
				t.Errorf("PHYS32_ENTRY %#x, want _rt0_amd64_pvh %#x", got, entry)
			}
		}
	}
	if notes != 1 {
		t.Errorf("%d PT_NOTE segments, want 1", notes)
	}
	// The Linux executable has no note.
	exe := filepath.Join(t.TempDir(), "hello")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/hello.s")
	lf, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	for _, p := range lf.Progs {
		if p.Type == elf.PT_NOTE {
			t.Errorf("the Linux executable has a PT_NOTE")
		}
	}

	r := testutil.Run(t, testutil.RepoRoot, "p9ld", "-H", "plan9", "-o", filepath.Join(t.TempDir(), "x"), "examples/hello.s")
	if r.Code == 0 || !regexp.MustCompile(`-H plan9: unknown`).MatchString(r.Stderr) {
		t.Errorf("-H plan9: exit %d, stderr %q; want an error", r.Code, r.Stderr)
	}
}

// TestPVHHello is the first acceptance test: hello boots, prints, and its
// exit status reaches the host.
func TestPVHHello(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	serial, code := boot(t, testutil.LinkPVH(t, dir, "hello", "examples/hello.s"))
	if serial != "hello, world\n" || code != 1 {
		t.Errorf("hello: serial %q, status %d; want %q, 1 (exit 0)", serial, code, "hello, world\n")
	}
	// Without the debug-exit device, exit powers the machine off: see
	// TestPVHACPIPowerOff.

	// exit(21) is status 21<<1|1; the command line is the environment.
	src := filepath.Join(dir, "exit.s")
	writeFile(t, src, `#include "textflag.h"

TEXT main·init(SB), NOSPLIT, $0-0
	RET

TEXT main·main(SB), NOSPLIT, $8-0
	MOVL	$21, 0(SP)
	CALL	runtime·exit(SB)
	RET
`)
	img := testutil.LinkPVH(t, dir, "exit", src)
	serial, code = boot(t, img)
	if serial != "" || code != 43 {
		t.Errorf("exit(21): serial %q, status %d; want nothing, 43", serial, code)
	}
	serial, code = boot(t, img, "-append", "X=1 P9DEBUG=inittrace=1")
	if !regexp.MustCompile(`^init main @\d+\.\d+ ms, \d+\.\d+ ms clock\n$`).MatchString(serial) || code != 43 {
		t.Errorf("with P9DEBUG=inittrace=1 on the command line: serial %q, status %d; want one init line, 43", serial, code)
	}
}

// TestPVHExamples: the scheduler examples print under QEMU what they print
// on Linux with GOMAXPROCS=1.
func TestPVHExamples(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	for _, name := range []string{"goroutines", "pingpong", "pipeline"} {
		t.Run(name, func(t *testing.T) {
			src := "examples/" + name + ".s"
			exe := filepath.Join(dir, name)
			testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, src)
			cmd := exec.Command(exe)
			cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s on Linux: %v", name, err)
			}
			serial, code := boot(t, testutil.LinkPVH(t, dir, name, src))
			if serial != string(want) || code != 1 {
				t.Errorf("%s booted: serial %q, status %d; Linux printed %q (want status 1)", name, serial, code, want)
			}
		})
	}
}

// TestPVHDivideByZero: a CPU exception in a goroutine is a fatal error
// naming the vector and the faulting instruction, exit status 2.
func TestPVHDivideByZero(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "div.s")
	writeFile(t, src, `#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $8-0
	LEAQ	divfn<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	CALL	runtime·Gosched(SB)
	MOVL	$0, 0(SP)
	CALL	runtime·exit(SB)
	RET

TEXT main·divide(SB), NOSPLIT, $0-0
	MOVQ	$1, AX
	MOVQ	$0, DX
	MOVQ	$0, CX
	DIVQ	CX
	RET

DATA divfn<>+0(SB)/8, $main·divide(SB)
GLOBL divfn<>(SB), RODATA, $8
`)
	img := testutil.LinkPVH(t, dir, "div", src)
	serial, code := boot(t, img)
	m := regexp.MustCompile(`^fatal error: unexpected exception 0 pc=0x([0-9a-f]+)\n\ngoroutine (\d+) \[running\]:\n`).FindStringSubmatch(serial)
	if m == nil || code != 5 {
		t.Fatalf("division by zero: serial %q, status %d; want the fatal error, 5 (exit 2)", serial, code)
	}
	// The traceback starts at the faulting instruction: main.divide's DIVQ.
	if !regexp.MustCompile(`\[running\]:\nmain\.divide\(\.\.\.\)\n\t\S*div\.s:16 \+0x[0-9a-f]+\n`).MatchString(serial) {
		t.Errorf("the traceback does not start with main.divide at div.s:16:\n%s", serial)
	}
	pc, _ := strconv.ParseUint(m[1], 16, 64)
	lo, size := symbolAddr(t, img, "main.divide")
	if pc < lo || pc >= lo+size {
		t.Errorf("pc %#x is not in main.divide [%#x, %#x)", pc, lo, lo+size)
	}
	if m[2] == "1" {
		t.Errorf("the fault is reported in goroutine 1, the main goroutine; want the one that divided")
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// deadlockSource blocks the main goroutine on a channel nothing sends on.
const deadlockSource = `#include "textflag.h"
#include "test.h"

TEXT main·main(SB), NOSPLIT, $24-0
	MAKECHAN($0)
	MOVQ	AX, 0(SP)
	MOVQ	$0, 8(SP)
	CALL	runtime·chanrecv1(SB)
	RET
`

// TestPVHDeadlock: with every goroutine blocked, the one M finds nothing
// to run and reports it as on Linux, exit status 2.
func TestPVHDeadlock(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "dead.s")
	writeFile(t, src, deadlockSource)
	exe := filepath.Join(dir, "dead")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-I", testutil.HeaderDir, "-o", exe, src)
	linux := testutil.Run(t, dir, exe)
	serial, code := boot(t, testutil.LinkPVH(t, dir, "dead", src))
	if linux.Code != 2 || !regexp.MustCompile(`^fatal error: .*deadlock`).MatchString(linux.Stderr) {
		t.Fatalf("on Linux: status %d, stderr %q", linux.Code, linux.Stderr)
	}
	if serial != linux.Stdout+linux.Stderr || code != 5 {
		t.Errorf("booted: serial %q, status %d; Linux printed %q, want status 5", serial, code, linux.Stderr)
	}
}

// TestPVHSMP: with several CPUs (started with INIT-SIPI-SIPI) the
// scheduler examples print what they print on Linux, and goroutines ran on
// at least two Ms with GOMAXPROCS=2 and three CPUs (one is sysmon's). Not
// exactly two: as in Go, an M gives up its P (findrunnable) before it
// joins the idle Ms (stopm), and a wakep in between finds the P idle and
// no M idle and starts a new one; with QEMU's CPUs descheduled by the
// host that window is wide. With more Ms than CPUs (GOMAXPROCS=4 on one
// CPU), the Ms take turns on the CPU, when one waits or its time slice
// ends.
func TestPVHSMP(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name, smp, env, want string
	}{
		{"goroutines", "3", "GOMAXPROCS=2", "sum=499500\nthreads=[2-9]\n"},
		{"pipeline", "2", "", "pipeline sum=51005000\n"},
		{"pingpong", "2", "GOMAXPROCS=2", "pingpong 100000\n"},
		{"goroutines", "1", "GOMAXPROCS=4", "sum=499500\nthreads=[1-4]\n"},
		{"pipeline", "1", "GOMAXPROCS=4", "pipeline sum=51005000\n"},
	} {
		t.Run(c.name+"-smp"+c.smp, func(t *testing.T) {
			img := filepath.Join(dir, c.name+".img")
			if _, err := os.Stat(img); err != nil {
				img = testutil.LinkPVH(t, dir, c.name, "examples/"+c.name+".s")
			}
			args := []string{"-smp", c.smp}
			if c.env != "" {
				args = append(args, "-append", c.env)
			}
			serial, code := boot(t, img, args...)
			if !regexp.MustCompile("^"+c.want+"$").MatchString(serial) || code != 1 {
				t.Errorf("-smp %s %s: serial %q, status %d; want %q, 1", c.smp, c.env, serial, code, c.want)
			}
		})
	}

	// sysmon runs on a CPU of its own: schedtrace, and Ps handed off
	// from Ms sleeping in usleep. sysmon's lines come when they come, on
	// the same serial line as the program's: one may fall between the
	// print calls of the program's last line.
	serial, code := boot(t, testutil.LinkPVH(t, dir, "sleep", "examples/sleep.s"), "-smp", "2", "-append", "GOMAXPROCS=1 P9DEBUG=schedtrace=20")
	schedLine := regexp.MustCompile(`SCHED \d+ms: gomaxprocs=1 idleprocs=\d+ threads=\d+ [^\n]*\n`)
	program := schedLine.ReplaceAllString(serial, "")
	if !regexp.MustCompile(`(?m)^`+schedLine.String()).MatchString(serial) ||
		!regexp.MustCompile(`(^|\n)slept 100 in \d+ ms\n$`).MatchString(program) || code != 1 {
		t.Errorf("sleep with schedtrace on two CPUs: serial %q, status %d", serial, code)
	}

	// Ms taking turns on one CPU: every M idle is still a deadlock.
	src := filepath.Join(dir, "dead.s")
	writeFile(t, src, deadlockSource)
	serial, code = boot(t, testutil.LinkPVH(t, dir, "dead", src), "-append", "GOMAXPROCS=2")
	if !regexp.MustCompile(`^fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \[chan receive\]:\nmain\.main\(\.\.\.\)\n\t\S*dead\.s:\d+ \+0x[0-9a-f]+\n$`).MatchString(serial) || code != 5 {
		t.Errorf("deadlock with two Ms on one CPU: serial %q, status %d", serial, code)
	}
}

// pvhACPISrc prints what pvhacpi read from the machine's ACPI tables:
// whether it found a way to power off, the soft-off sleep type, the PM1a
// control port and the sleep control register.
const pvhACPISrc = `#include "textflag.h"
#include "test.h"
TEXT main·main(SB), $16-0
	MOVBQZX	runtime·pvhacpiok(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	PRINT_INT(runtime·pvhslptyp(SB))
	CALL	runtime·printnl(SB)
	PRINT_INT(runtime·pvhpm1acnt(SB))
	CALL	runtime·printnl(SB)
	PRINT_INT(runtime·pvhsleepctl(SB))
	CALL	runtime·printnl(SB)
	RET
`

// TestPVHACPIPowerOff: without the isa-debug-exit device, exit powers the
// machine off through what the ACPI tables say, on QEMU's pc, q35 and
// microvm machines (microvm has no PM1a port: the hardware-reduced
// FADT's sleep control register, 0xfea00200, with \_S5's sleep type 5),
// and the tables are read as QEMU writes them.
func TestPVHACPIPowerOff(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	hello := testutil.LinkPVH(t, dir, "hello", "examples/hello.s")
	writeFile(t, filepath.Join(dir, "acpi.s"), pvhACPISrc)
	acpi := testutil.LinkPVH(t, dir, "acpi", filepath.Join(dir, "acpi.s"))
	for _, c := range []struct {
		machine []string
		tables  string // ok, sleep type, PM1a control, sleep control
	}{
		{[]string{"-M", "pc"}, "1\n0\n1540\n0\n"},
		{[]string{"-M", "q35", "-m", "2G"}, "1\n0\n1540\n0\n"},
		{[]string{"-M", "microvm", "-smp", "2"}, "1\n5\n0\n4271899136\n"},
	} {
		serial, code := bootWith(t, hello, c.machine...)
		if serial != "hello, world\n" || code != 0 {
			t.Errorf("%v: hello without isa-debug-exit: serial %q, status %d; want %q, 0 (powered off)", c.machine, serial, code, "hello, world\n")
		}
		serial, code = boot(t, acpi, c.machine...)
		if serial != c.tables || code != 1 {
			t.Errorf("%v: the ACPI tables read as %q, status %d; want %q, 1", c.machine, serial, code, c.tables)
		}
	}
}
