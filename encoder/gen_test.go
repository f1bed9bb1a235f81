package encoder

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTableUpToDate regenerates the instruction table and compares it with
// the committed table_gen.go, so the table never drifts from its sources.
func TestTableUpToDate(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	out := filepath.Join(t.TempDir(), "table_gen.go")
	cmd := exec.Command(goBin, "run", "./internal/gen", "-csv", "internal/gen/x86.v0.2.csv", "-spec", "internal/gen/core.spec,internal/gen/legacy.spec,internal/gen/vex.spec", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("table_gen.go is stale: run go generate ./encoder")
	}
}
