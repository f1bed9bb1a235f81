package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// encSym is one symbol as go tool asm -S prints it.
type encSym struct {
	name   string
	size   int // from the header, for data symbols
	bytes  []byte
	relocs []string // "off+size TYPE sym+addend" in ELF terms
}

var (
	encSymHeader = regexp.MustCompile(`^(\S+) S(TEXT|RODATA|DATA|NOPTRDATA|BSS|NOPTRBSS|TLSBSS)\b`)
	encHexLine   = regexp.MustCompile(`^\t0x[0-9a-f]{4} ((?:[0-9a-f]{2} )+)`)
	encSizeField = regexp.MustCompile(` size=(\d+)`)
	encRelLine   = regexp.MustCompile(`^\trel (\d+)\+(\d+) t=(\S+) (\S*)\+(-?\d+)`)
)

// elfRelocName maps a Go relocation to its ELF form per the object
// conventions, returning "" for marker relocations with no bytes.
func encELFReloc(off, size int, typ, sym string, add int64) string {
	switch typ {
	case "R_PCREL":
		typ, add = "R_X86_64_PC32", add-int64(size)
	case "R_CALL":
		typ, add = "R_X86_64_PLT32", add-int64(size)
	case "R_TLS_LE":
		typ, sym = "R_X86_64_TPOFF32", "runtime.tlsg"
	case "R_ADDR":
		typ = "R_X86_64_64"
		if size == 4 {
			typ = "R_X86_64_32S"
		}
	}
	if size == 0 {
		return ""
	}
	return strconv.Itoa(off) + "+" + strconv.Itoa(size) + " " + typ + " " + sym + strconv.FormatInt(add, 10)
}

// encGoAsm assembles src with go tool asm -S and returns its symbols.
func encGoAsm(t *testing.T, src string) map[string]*encSym {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "x.s")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	syms, err := encGoAsmFile(t, file, "-p", "main")
	if err != nil {
		t.Fatal(err)
	}
	return syms
}

// encGoAsmFile runs go tool asm -S with the given flags on file.
func encGoAsmFile(t *testing.T, file string, flags ...string) (map[string]*encSym, error) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	args := append([]string{"tool", "asm", "-S", "-o", filepath.Join(t.TempDir(), "x.o")}, flags...)
	cmd := exec.Command(goBin, append(args, file)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go tool asm %s: %v\n%s", file, err, errb.String())
	}
	syms := map[string]*encSym{}
	var cur *encSym
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := encSymHeader.FindStringSubmatch(line); m != nil {
			if strings.HasPrefix(m[1], "gclocals·") {
				// Stack maps Go derives from FUNCDATA: not part of p9's objects.
				cur = nil
				continue
			}
			cur = &encSym{name: m[1]}
			if m[2] != "TEXT" {
				if sm := encSizeField.FindStringSubmatch(line); sm != nil {
					cur.size, _ = strconv.Atoi(sm[1])
				}
			}
			syms[cur.name] = cur
			continue
		}
		if cur == nil {
			continue
		}
		if m := encHexLine.FindStringSubmatch(line); m != nil {
			for _, h := range strings.Fields(m[1]) {
				b, _ := strconv.ParseUint(h, 16, 8)
				cur.bytes = append(cur.bytes, byte(b))
			}
			continue
		}
		if m := encRelLine.FindStringSubmatch(line); m != nil {
			off, _ := strconv.Atoi(m[1])
			size, _ := strconv.Atoi(m[2])
			add, _ := strconv.ParseInt(m[5], 10, 64)
			if r := encELFReloc(off, size, m[3], m[4], add); r != "" {
				cur.relocs = append(cur.relocs, r)
			}
		}
	}
	for _, s := range syms {
		// Go prints data up to the last byte written; the rest is zero.
		if len(s.bytes) > 0 && len(s.bytes) < s.size {
			s.bytes = append(s.bytes, make([]byte, s.size-len(s.bytes))...)
		}
	}
	return syms, nil
}
