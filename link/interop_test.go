package link

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/obj"
)

// needTools skips the test unless every named program is installed.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
}

// tool runs a program, failing the test if it fails or writes to stderr.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %v warns:\n%s", name, args, stderr.String())
	}
	return stdout.String()
}

// p9Half is the hand-made object the GNU-built objects link with: the
// entry point calls entryTarget; c.greet prints and calls as_inc; c_hook
// bumps counter; p9exit exits with DI.
func p9Half(t *testing.T, entry *asm) Input {
	o := newObj("p9.s")
	msg := "hi from p9\n"
	o.define("msg", obj.Rodata, obj.SymObject, []byte(msg), 0, 1, nil).Local = true
	o.define("counter", obj.NoptrData, obj.SymObject, []byte{2, 0, 0, 0}, 0, 4, nil)
	o.define("runtime.tlsg", obj.TLSBss, obj.SymTLS, nil, 8, 8, nil)
	o.fn("_rt0_amd64_linux", entry)
	var g asm
	g.emit(movl(0, 1)...).emit(movl(7, 1)...)
	g.emit(0x48, 0x8d, 0x35).ref(4, elf.R_X86_64_PC32, o.ref("msg"), -4)
	g.emit(movl(2, uint32(len(msg)))...).emit(syscall...)
	g.emit(0xe8).ref(4, elf.R_X86_64_PLT32, o.ref("as_inc"), -4).emit(0xc3)
	o.fn("c.greet", &g)
	o.fn("c_hook", new(asm).emit(0x83, 0x05).ref(4, elf.R_X86_64_PC32, o.ref("counter"), -5).emit(1, 0xc3))
	o.fn("p9exit", new(asm).emit(movl(0, 231)...).emit(syscall...))
	return o.input(t, "p9.o")
}

// linkBoth links the inputs with Link and with GNU ld, runs both and
// requires the same output and status; it returns both executables.
// GNU ld keeps every section, so the returned p9ld output is linked with
// NoGC; the default link must run the same.
func linkBoth(t *testing.T, inputs []Input, wantOut string, wantStatus int) (ours, gnu []byte) {
	t.Helper()
	ours = mustLink(t, inputs, Options{NoGC: true})
	collected := mustLink(t, inputs, Options{})
	dir := t.TempDir()
	args := []string{"-static", "-e", DefaultEntry, "-o", filepath.Join(dir, "gnu")}
	for _, in := range inputs {
		p := filepath.Join(dir, in.Name)
		if err := os.WriteFile(p, in.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	tool(t, "ld", args...)
	gnu, err := os.ReadFile(filepath.Join(dir, "gnu"))
	if err != nil {
		t.Fatal(err)
	}
	for name, exe := range map[string][]byte{"p9ld --no-gc": ours, "p9ld": collected, "GNU ld": gnu} {
		out, status := run(t, exe)
		if out != wantOut || status != wantStatus {
			t.Errorf("%s: got %q status %d, want %q status %d", name, out, status, wantOut, wantStatus)
		}
	}
	return ours, gnu
}

// funcBytes returns the code of a function in an executable.
func funcBytes(t *testing.T, exe []byte, name string) []byte {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == name {
			text := f.Section(".text")
			d, _ := text.Data()
			return d[s.Value-text.Addr : s.Value-text.Addr+s.Size]
		}
	}
	t.Fatalf("no symbol %s", name)
	return nil
}

// TestInteropGNUAs links a GNU as object with a p9 object, both ways
// calling each other, through PLT32, PC32, 32S, 64, GOTPCRELX and
// REX_GOTPCRELX relocations, and checks TLS offsets against GNU ld's.
func TestInteropGNUAs(t *testing.T) {
	needTools(t, "as", "ld")
	dir := t.TempDir()
	objPath := filepath.Join(dir, "interop.o")
	tool(t, "as", "--64", "-o", objPath, filepath.Join("testdata", "interop.s"))
	asData, err := os.ReadFile(objPath)
	if err != nil {
		t.Fatal(err)
	}
	entry := new(asm)
	entry.emit(0xe8).ref(4, elf.R_X86_64_PLT32, &obj.Symbol{Name: "as_main"}, -4).emit(0xf4)
	inputs := []Input{p9Half(t, entry), {Name: "interop.o", Data: asData}}
	ours, gnu := linkBoth(t, inputs, "hi from p9\n", 7)
	// TLS offsets (TPOFF32 in a function that never runs) must agree.
	if a, b := funcBytes(t, ours, "as_tlsuse"), funcBytes(t, gnu, "as_tlsuse"); !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("as_tlsuse: p9ld % x, GNU ld % x", a, b)
	}
}

// TestInteropGCC links a gcc -c object (with .eh_frame, .comment and a
// TLS variable, a common symbol and a weak undefined reference) with a p9
// object that calls into it.
func TestInteropGCC(t *testing.T) {
	needTools(t, "gcc", "ld")
	dir := t.TempDir()
	objPath := filepath.Join(dir, "cfun.o")
	tool(t, "gcc", "-c", "-O2", "-fcommon", "-o", objPath, filepath.Join("testdata", "cfun.c"))
	cData, err := os.ReadFile(objPath)
	if err != nil {
		t.Fatal(err)
	}
	// MOVL $1, DI; MOVL $2, SI; CALL cadd; MOVL AX, DI; CALL p9exit
	entry := new(asm).emit(movl(7, 1)...).emit(movl(6, 2)...)
	entry.emit(0xe8).ref(4, elf.R_X86_64_PLT32, &obj.Symbol{Name: "cadd"}, -4)
	entry.emit(0x89, 0xc7, 0xe8).ref(4, elf.R_X86_64_PLT32, &obj.Symbol{Name: "p9exit"}, -4)
	inputs := []Input{p9Half(t, entry), {Name: "cfun.o", Data: cData}, {Name: "asinc.o", Data: asIncObject(t)}}
	// cadd(1, 2) = 1 + 2 + counter (2, plus 1 from c_hook) + tbl[1] (20).
	ours, gnu := linkBoth(t, inputs, "", 26)
	if a, b := funcBytes(t, ours, "ctls_addr_offset"), funcBytes(t, gnu, "ctls_addr_offset"); !bytes.Equal(a, b) {
		t.Errorf("ctls_addr_offset: p9ld % x, GNU ld % x", a, b)
	}
	f, err := elf.NewFile(bytes.NewReader(ours))
	if err != nil {
		t.Fatal(err)
	}
	if f.Section(".eh_frame") == nil {
		t.Errorf("no .eh_frame in the output")
	}
	if f.Section(".comment") != nil {
		t.Errorf(".comment was kept")
	}
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == "ccommon" && (int(s.Section) >= len(f.Sections) || f.Sections[s.Section].Name != ".bss" || s.Size != 4 || s.Value%4 != 0) {
			t.Errorf("common symbol ccommon: %+v", s)
		}
	}
}

// asIncObject is a p9 object defining as_inc, which c.greet needs.
func asIncObject(t *testing.T) []byte {
	o := newObj("asinc.s")
	o.fn("as_inc", new(asm).emit(0xc3))
	return o.input(t, "asinc.o").Data
}
