package link

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/obj"
)

// richProgram has code, rodata, data, bss and TLS.
func richProgram(t *testing.T) []byte {
	o := newObj("data.s")
	o.define("main.table", obj.Rodata, obj.SymObject, []byte("0123456789abcdef"), 0, 16, nil)
	o.define("main.var", obj.Data, obj.SymObject, []byte{1, 2, 3, 4, 5, 6, 7, 8}, 0, 8, nil)
	o.define("main.zeros", obj.NoptrBss, obj.SymObject, nil, 100, 8, nil)
	return mustLink(t, append(tlsInputs(t), o.input(t, "data.o")), Options{NoGC: true})
}

func TestBinutilsReadOutput(t *testing.T) {
	needTools(t, "readelf", "nm", "objdump")
	exe := richProgram(t)
	path := writeExe(t, exe)

	h := tool(t, "readelf", "-hW", path)
	for _, w := range []string{"EXEC (Executable file)", "Advanced Micro Devices X86-64"} {
		if !strings.Contains(h, w) {
			t.Errorf("readelf -h lacks %q:\n%s", w, h)
		}
	}
	l := tool(t, "readelf", "-lW", path)
	for _, re := range []string{
		`LOAD +0x0+ 0x0+400000 .* R E 0x1000`,
		`LOAD +0x[0-9a-f]+ 0x[0-9a-f]+ .* R   0x1000`,
		`LOAD +0x[0-9a-f]+ 0x[0-9a-f]+ .* RW  0x1000`,
		`TLS +0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x000000 0x000008 R   0x8`,
		`GNU_STACK .* RW `,
		`\.text`, `\.rodata`, `\.data \.bss \.noptrbss`, `\.tbss`,
	} {
		if !regexp.MustCompile(re).MatchString(l) {
			t.Errorf("readelf -l lacks /%s/:\n%s", re, l)
		}
	}
	nm := tool(t, "nm", path)
	for _, w := range []string{" T _rt0_amd64_linux", " R main.table", " D main.var", " B main.buf", " B main.zeros", "0000000000000000 B runtime.tlsg"} {
		if !strings.Contains(nm, w) {
			t.Errorf("nm lacks %q:\n%s", w, nm)
		}
	}
	d := tool(t, "objdump", "-d", path)
	for _, w := range []string{"<_rt0_amd64_linux>:", "syscall", "%fs:0xfffffffffffffff8"} {
		if !strings.Contains(d, w) {
			t.Errorf("objdump -d lacks %q:\n%s", w, d)
		}
	}
	tool(t, "readelf", "-aW", path)
}

func TestStripSymbols(t *testing.T) {
	exe := mustLink(t, helloInputs(t), Options{StripSymbols: true})
	out, status := run(t, exe)
	if out != "hello, world\n" || status != 7 {
		t.Errorf("stripped program: %q, status %d", out, status)
	}
	full := mustLink(t, helloInputs(t), Options{})
	if len(exe) >= len(full) {
		t.Errorf("stripped %d bytes, unstripped %d", len(exe), len(full))
	}
	needTools(t, "nm")
	path := filepath.Join(t.TempDir(), "s")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	if out := tool(t, "readelf", "-SW", path); strings.Contains(out, ".symtab") || !strings.Contains(out, ".text") {
		t.Errorf("stripped sections:\n%s", out)
	}
}
