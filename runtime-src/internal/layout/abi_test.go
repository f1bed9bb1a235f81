package layout

import (
	"bufio"
	"bytes"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/p9tools/p9/abi"
)

// TestABIAgreesWithRuntime: the numbers the assembler and the linker take
// from package abi are the ones the runtime's assembly is written with.
func TestABIAgreesWithRuntime(t *testing.T) {
	dir := filepath.Join("..", "..")

	// textflag.h defines each flag with abi's value, and nothing else.
	h, err := os.ReadFile(filepath.Join(dir, "textflag.h"))
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]uint64{}
	sc := bufio.NewScanner(bytes.NewReader(h))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "#define" {
			v, err := strconv.ParseUint(f[2], 0, 32)
			if err != nil {
				t.Fatalf("textflag.h: %q: %v", sc.Text(), err)
			}
			defined[f[1]] = v
		}
	}
	for _, f := range abi.FlagNames {
		if v, ok := defined[f.Name]; !ok || v != uint64(f.Flag) {
			t.Errorf("textflag.h: %s is %d (defined %v), abi says %d", f.Name, v, ok, f.Flag)
		}
		delete(defined, f.Name)
	}
	for name := range defined {
		t.Errorf("textflag.h defines %s, which abi does not know", name)
	}

	// layout.txt's stack guard and g's stackguard0 offset.
	src, err := os.ReadFile(filepath.Join(dir, "layout.txt"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Parse("layout.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, c := range l.Consts {
		consts[c.Name] = c.Value
	}
	for name, want := range map[string]int{"stackGuard": abi.StackGuard, "funcrecPointers": abi.FuncRecPointers,
		"pcShortLens": abi.PCShortLens, "pcShortLenBits": bits.Len(abi.PCShortLens - 1), "pcShortMinDelta": abi.PCShortMinDelta, "pcLong": abi.PCLong} {
		if consts[name] != strconv.Itoa(want) {
			t.Errorf("layout.txt's %s is %q, package abi's is %d", name, consts[name], want)
		}
	}
	found := false
	for _, s := range l.Structs {
		if s.Name != "g" {
			continue
		}
		for _, f := range s.Fields {
			if f.Name == "stackguard0" {
				found = true
				if f.Offset != abi.GStackGuard0 {
					t.Errorf("g.stackguard0 is at %d, abi.GStackGuard0 is %d", f.Offset, abi.GStackGuard0)
				}
			}
		}
	}
	if !found {
		t.Error("layout.txt's g has no stackguard0")
	}

	// The function table's record.
	want := map[string]int64{"entry": abi.FuncRecEntry, "name": abi.FuncRecName, "file": abi.FuncRecFile,
		"tables": abi.FuncRecTables, "len": abi.FuncRecLen, "args": abi.FuncRecArgs,
		"frame": abi.FuncRecFrame, "flags": abi.FuncRecFlags}
	for _, s := range l.Structs {
		if s.Name != "funcrec" {
			continue
		}
		if s.Size != abi.FuncRecSize {
			t.Errorf("funcrec is %d bytes, abi.FuncRecSize is %d", s.Size, abi.FuncRecSize)
		}
		for _, f := range s.Fields {
			if off, ok := want[f.Name]; !ok || off != f.Offset {
				t.Errorf("funcrec.%s is at %d, abi says %d (known %v)", f.Name, f.Offset, off, ok)
			}
			delete(want, f.Name)
		}
	}
	for name := range want {
		t.Errorf("layout.txt's funcrec has no %s", name)
	}
}
