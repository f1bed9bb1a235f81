package hostile_test

import (
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/link"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// hostileTimeout is how long one mutated input may take, in-process or
// through a command; the inputs are a few lines, so more is a hang.
const hostileTimeout = 10 * time.Second

// guarded runs f with a timeout, turning a panic into an error message.
// It reports "" when f returned.
func guarded(f func()) (problem string) {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		f()
		done <- ""
	}()
	select {
	case p := <-done:
		return p
	case <-time.After(hostileTimeout):
		return "no answer within " + hostileTimeout.String()
	}
}

// amd64encLines returns the instruction lines of Go's amd64enc.s, without
// their expected-encoding comments.
func amd64encLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testutil.GoRoot(t), "src", "cmd", "asm", "internal", "asm", "testdata", "amd64enc.s"))
	if err != nil {
		t.Skip("GOROOT testdata not available:", err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if i := strings.Index(l, "//"); i >= 0 {
			l = strings.TrimSpace(l[:i])
		}
		if l == "" || strings.HasPrefix(l, "TEXT") || strings.HasPrefix(l, "#") || strings.HasSuffix(l, ":") {
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

// hostileTokens are what mutations insert: pieces of syntax in odd
// places, extreme numbers and preprocessor lines.
var hostileTokens = []string{
	"$", "(", ")", ",", "*", "<<", ">>", "-", "+", "/", "%", "~", "·", "<>", "(SB)", "(FP)", "(SP)", "(PC)",
	"AX", "R15", "X15", "Y9", "Z31", "K7", "SP", "SB", "FP", "TLS", "CR8", "AH", "R8B", "M7", "F7",
	"0", "-1", "0x7fffffff", "0x80000000", "-0x80000000", "0xffffffffffffffff", "9223372036854775807",
	"1<<63", "1<<62", "$1<<50", "'x", "\"ab", "\"\\", "`", "\\", ";", ":", "#", "#define", "#include",
	"\n#define X X\nX", "\n#ifdef", "\n#endif", "/*", "*/", "//", "\n", "\t", ".", ".Z", ".BCST", "[X1-X4]",
	"\x00", "\xff", "é", "\r",
}

// mutate applies one to three random edits to line.
func mutate(r *rand.Rand, line string, lines []string) string {
	b := []byte(line)
	for n := 1 + r.Intn(3); n > 0; n-- {
		i := 0
		if len(b) > 0 {
			i = r.Intn(len(b) + 1)
		}
		switch r.Intn(7) {
		case 0: // flip a byte
			if len(b) > 0 {
				b[min(i, len(b)-1)] ^= byte(1 << r.Intn(8))
			}
		case 1: // delete a range
			j := min(len(b), i+r.Intn(8))
			b = append(b[:i:i], b[j:]...)
		case 2, 3: // insert a token
			tok := hostileTokens[r.Intn(len(hostileTokens))]
			b = append(b[:i:i], append([]byte(tok), b[i:]...)...)
		case 4: // duplicate a range
			j := min(len(b), i+r.Intn(12))
			b = append(b[:j:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
		case 5: // splice in another line's tail
			o := lines[r.Intn(len(lines))]
			k := r.Intn(len(o) + 1)
			b = append(b[:i:i], o[k:]...)
		case 6: // swap the operands around the first comma
			if a, c, ok := strings.Cut(string(b), ","); ok {
				b = []byte(c + "," + a)
			}
		}
	}
	return string(b)
}

// mutations returns n mutated amd64enc.s lines, each wrapped in a function.
func mutations(t *testing.T, n int) []string {
	lines := amd64encLines(t)
	r := rand.New(rand.NewSource(8))
	out := make([]string, n)
	for i := range out {
		out[i] = "TEXT ·f(SB), $0-8\n" + mutate(r, lines[r.Intn(len(lines))], lines) + "\n\tRET\n"
	}
	return out
}

// TestMutatedAmd64enc: 1,000 mutations of amd64enc.s lines each assemble
// or give positioned errors; never a panic or a hang.
func TestMutatedAmd64enc(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.s")
	var ok, failed int
	for i, src := range mutations(t, 1000) {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if p := guarded(func() { _, _, err = driver.AssembleObject([]string{path}, driver.AsmConfig{Pkg: "main"}) }); p != "" {
			t.Fatalf("mutation %d: %s\n%s", i, p, src)
		}
		if err == nil {
			ok++
			continue
		}
		failed++
		for _, l := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(l, path+":") {
				t.Errorf("mutation %d: error without file:line: %q\n%s", i, l, src)
			}
		}
	}
	t.Logf("1000 mutations: %d assembled, %d rejected with errors", ok, failed)
}

// TestMutatedAmd64encCommand runs a sample of the mutations through the
// p9as command: exit status 0 or 1, no panic, no signal.
func TestMutatedAmd64encCommand(t *testing.T) {
	all := mutations(t, 1000)
	dir := t.TempDir()
	for i := 0; i < len(all); i += 25 {
		testutil.WriteFiles(t, dir, map[string]string{"m.s": all[i]})
		code, stderr := runLimited(t, dir, "p9as", "-o", "m.o", "m.s")
		if code != 0 && code != 1 {
			t.Errorf("mutation %d: p9as exit %d, stderr:\n%s\ninput:\n%s", i, code, stderr, all[i])
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
			t.Errorf("mutation %d: p9as panicked:\n%s", i, stderr)
		}
	}
}

// runLimited runs a p9 command under hostileTimeout; a hang or a signal
// fails the test. It returns the exit status and standard error.
func runLimited(t *testing.T, dir, name string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, testutil.Exe(name), args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v: no answer within %v", name, args, hostileTimeout)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return ee.ExitCode(), stderr.String()
	default:
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return -1, ""
}

// validObject is a small self-contained program with code, data,
// read-only data, relocations of every kind p9as writes and a line table.
const validObject = `#include "textflag.h"
DATA msg<>+0(SB)/8, $"corrupt!"
GLOBL msg<>(SB), RODATA|NOPTR, $8
DATA ·ptr+0(SB)/8, $msg<>(SB)
GLOBL ·ptr(SB), NOPTR, $8
GLOBL ·counter(SB), NOPTR, $8

TEXT _rt0_amd64_linux(SB), NOSPLIT|NOFRAME, $0
	CALL ·work(SB)
	MOVQ $60, AX
	MOVQ ·counter(SB), DI
	SYSCALL
	RET

TEXT ·work(SB), NOSPLIT, $16-0
	MOVQ ·ptr(SB), AX
	LEAQ msg<>(SB), BX
	CMPQ AX, BX
	JNE bad
	INCQ ·counter(SB)
bad:
	RET
`

// objectOffsets lists the file offsets of the ELF fields worth corrupting
// in obj: header fields, section headers, symbols and relocations.
func objectOffsets(t *testing.T, obj []byte) []int {
	f, err := elf.NewFile(bytes.NewReader(obj))
	if err != nil {
		t.Fatal(err)
	}
	offs := []int{0x10, 0x12, 0x14, 0x18, 0x20, 0x28, 0x30, 0x34, 0x3a, 0x3c, 0x3e}
	shdrs := int(leUint64(obj[0x28:]))
	for i := range f.Sections {
		base := shdrs + i*64
		for _, o := range []int{0, 4, 8, 24, 32, 40, 44, 48, 56} {
			offs = append(offs, base+o)
		}
	}
	for _, s := range f.Sections {
		switch s.Type {
		case elf.SHT_SYMTAB, elf.SHT_RELA:
			for o := int(s.Offset); o < int(s.Offset+s.Size); o += 4 {
				offs = append(offs, o)
			}
		}
	}
	return offs
}

func leUint64(b []byte) uint64 {
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// corrupt returns a copy of obj with one random kind of damage.
func corrupt(r *rand.Rand, obj []byte, fields []int) []byte {
	b := append([]byte(nil), obj...)
	extremes := []uint64{0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 40, 1<<63 - 1, 1 << 63, ^uint64(0)}
	switch r.Intn(5) {
	case 0: // random bytes
		for n := 1 + r.Intn(8); n > 0; n-- {
			b[r.Intn(len(b))] = byte(r.Intn(256))
		}
	case 1: // truncate
		b = b[:r.Intn(len(b))]
	case 2, 3: // an extreme value in a structural field
		o := fields[r.Intn(len(fields))]
		v := extremes[r.Intn(len(extremes))]
		w := []int{1, 2, 4, 8}[r.Intn(4)]
		for i := 0; i < w && o+i < len(b); i++ {
			b[o+i] = byte(v >> (8 * i))
		}
	case 4: // a bit flip in a structural field
		o := fields[r.Intn(len(fields))]
		if o < len(b) {
			b[o] ^= byte(1 << r.Intn(8))
		}
	}
	return b
}

// TestCorruptedObjects: 1,000 corruptions of a valid object each link or
// give an error; never a panic or a hang; what links is a readable ELF.
func TestCorruptedObjects(t *testing.T) {
	obj := assembleValid(t)
	if _, err := link.Link([]link.Input{{Name: "v.o", Data: obj}}, link.Options{}); err != nil {
		t.Fatalf("the valid object does not link: %v", err)
	}
	fields := objectOffsets(t, obj)
	r := rand.New(rand.NewSource(8))
	var linked, rejected int
	for i := 0; i < 1000; i++ {
		bad := corrupt(r, obj, fields)
		var exe []byte
		var err error
		if p := guarded(func() { exe, err = link.Link([]link.Input{{Name: "bad.o", Data: bad}}, link.Options{}) }); p != "" {
			t.Fatalf("corruption %d: %s", i, p)
		}
		if err != nil {
			rejected++
			if le := (*link.Error)(nil); !errors.As(err, &le) {
				t.Errorf("corruption %d: error %q is not the linker's", i, err)
			}
			continue
		}
		linked++
		if _, err := elf.NewFile(bytes.NewReader(exe)); err != nil {
			t.Errorf("corruption %d linked into an unreadable executable: %v", i, err)
		}
	}
	t.Logf("1000 corruptions: %d linked, %d rejected with errors", linked, rejected)
}

// TestCorruptedObjectsCommand links a sample of the corruptions with the
// p9ld command: exit status 0 or 1, no panic, no signal.
func TestCorruptedObjectsCommand(t *testing.T) {
	obj := assembleValid(t)
	fields := objectOffsets(t, obj)
	r := rand.New(rand.NewSource(9))
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		bad := corrupt(r, obj, fields)
		if err := os.WriteFile(filepath.Join(dir, "bad.o"), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stderr := runLimited(t, dir, "p9ld", "--no-runtime", "-o", "out", "bad.o")
		if code != 0 && code != 1 {
			t.Errorf("corruption %d: p9ld exit %d, stderr:\n%s", i, code, stderr)
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
			t.Errorf("corruption %d: p9ld panicked:\n%s", i, stderr)
		}
	}
}

func assembleValid(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "v.s")
	if err := os.WriteFile(path, []byte(validObject), 0o644); err != nil {
		t.Fatal(err)
	}
	obj, _, err := driver.AssembleObject([]string{path}, driver.AsmConfig{Pkg: "main", Embedded: true})
	if err != nil {
		t.Fatal(err)
	}
	return obj
}
