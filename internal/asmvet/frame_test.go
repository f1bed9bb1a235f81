package asmvet

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFrameLayout checks frames as go vet lays them out: arguments
// aligned each to its type, results from the next 8-byte boundary, the
// size not rounded up after the last, unnamed parameters named by
// position, and a function taking an imported type by value unknown.
func TestFrameLayout(t *testing.T) {
	dir := t.TempDir()
	src := `package p

import "other/pkg"

type pair struct {
	a byte
	b int64
}

func small(a byte, b int16, c int32) (r bool)
func unnamed(int, bool, string) (int, error)
func nothing()
func byvalue(x pkg.T)
func bypointer(x *pkg.T) int
func composite(p pair, q [3]int16) complex64
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := LoadDecls("example.com/p", []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		fn   string
		size int64
		vars map[string]int64 // name → offset
	}{
		{"small", 9, map[string]int64{"a": 0, "b": 2, "c": 4, "r": 8}},
		{"unnamed", 56, map[string]int64{"arg": 0, "arg1": 8, "arg2": 16, "arg2_len": 24, "ret": 32, "ret1": 40, "ret1_itable": 40, "ret1_data": 48}},
		{"nothing", 0, nil},
		{"bypointer", 16, map[string]int64{"x": 0, "ret": 8}},
		{"composite", 32, map[string]int64{"p_a": 0, "p_b": 8, "q_0": 16, "q_2": 20, "ret": 24, "ret_real": 24, "ret_imag": 28}},
	} {
		f, ok := d.frames[tc.fn]
		if !ok || f == nil {
			t.Errorf("%s: no frame", tc.fn)
			continue
		}
		if f.Size != tc.size {
			t.Errorf("%s: size %d, want %d", tc.fn, f.Size, tc.size)
		}
		for name, off := range tc.vars {
			if v := f.vars[name]; v == nil || v.off != off {
				t.Errorf("%s: %s at %v, want %d", tc.fn, name, v, off)
			}
		}
	}
	if f, ok := d.frames["byvalue"]; !ok || f != nil {
		t.Errorf("byvalue: declared %v, frame %v; want declared without a frame", ok, f)
	}
}
