package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	if err := Write(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("two"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "two" {
		t.Fatalf("got %q, %v", got, err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o755 {
		t.Errorf("mode %v, want 0755", st.Mode().Perm())
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left behind: %v", ents)
	}
}

func TestFailedWriteKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	if err := Write(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A destination in a missing directory cannot be written.
	if err := Write(filepath.Join(dir, "missing", "out"), []byte("new"), 0o644); err == nil {
		t.Fatal("write into a missing directory succeeded")
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("old file changed: %q", got)
	}
}

// TestWriteToDevice: writing to /dev/null must leave the device alone.
func TestWriteToDevice(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	if err := Write(os.DevNull, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode() != before.Mode() || after.Mode().IsRegular() {
		t.Fatalf("%s changed from %v to %v", os.DevNull, before.Mode(), after.Mode())
	}
}

// TestErrorNamesDestination: a failed write names the destination as
// given, never the temporary file, and says which directory is missing.
func TestErrorNamesDestination(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "missing", "sub", "out")
	err := Write(p, []byte("x"), 0o644)
	want := p + ": directory " + filepath.Join(dir, "missing", "sub") + " does not exist"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%v is not fs.ErrNotExist", err)
	}
	file := filepath.Join(dir, "file")
	if err := Write(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Write(filepath.Join(file, "out"), []byte("x"), 0o644)
	if want := filepath.Join(file, "out") + ": " + file + " is not a directory"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// A directory in the destination's place: the rename fails.
	sub := filepath.Join(dir, "isdir")
	if err := os.MkdirAll(filepath.Join(sub, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = Write(sub, []byte("x"), 0o644)
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.HasPrefix(err.Error(), sub+": ") {
		t.Errorf("writing over a directory: got %v", err)
	}
}

// BenchmarkWriteOver writes an executable's worth of bytes over an
// existing file, as a rebuild does (replace).
func BenchmarkWriteOver(b *testing.B) {
	p := filepath.Join(b.TempDir(), "out")
	data := make([]byte, 120<<10)
	for i := range data {
		data[i] = byte(i)
	}
	for b.Loop() {
		if err := Write(p, data, 0o755); err != nil {
			b.Fatal(err)
		}
	}
}
