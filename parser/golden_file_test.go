package parser

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden lists testdata/*.s, statement by statement with positions,
// and compares with the .golden file beside it.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.s"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.s")
	}
	for _, f := range files {
		stmts, errs := ParseFile(f, Config{IncludeDirs: []string{filepath.Join("testdata", "inc")}, Defines: []string{"GOOS_linux"}})
		got := listing(stmts) + errText(errs)
		golden := f[:len(f)-len(".s")] + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: listing differs from %s:\n%s", f, golden, got)
		}
	}
}
