package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// TestEncoderGorootCorpus assembles GOROOT's amd64 assembly files. Each file
// p9 assembles without error (the others use instructions or semantics of
// later steps) must be byte-identical, symbol by symbol, to go tool asm.
func TestEncoderGorootCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Skip(err)
	}
	root := strings.TrimSpace(string(out))
	var files []string
	filepath.WalkDir(filepath.Join(root, "src"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".s") && strings.Contains(filepath.Base(path), "amd64") {
			files = append(files, path)
		}
		return nil
	})
	inc := filepath.Join(root, "pkg", "include")
	defines := []string{"GOOS_linux", "GOARCH_amd64", "GOAMD64_v1"}
	assembled, identical, syms := 0, 0, 0
	for _, f := range files {
		stmts, errs := parser.ParseFile(f, parser.Config{IncludeDirs: []string{inc}, Defines: defines})
		if len(errs) > 0 {
			continue
		}
		// The package is the directory, as go build names it.
		pkg, _ := filepath.Rel(filepath.Join(root, "src"), filepath.Dir(f))
		pkg = strings.TrimPrefix(filepath.ToSlash(pkg), "vendor/")
		got, res, errs := encAssemble(stmts, f, pkg)
		if len(errs) > 0 {
			continue
		}
		assembled++
		flags := []string{"-p", pkg, "-I", inc, "-D", defines[0], "-D", defines[1], "-D", defines[2]}
		want, err := encGoAsmFile(t, f, flags...)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		rel, _ := filepath.Rel(root, f)
		n := encCompareSyms(t, want, got, func(s string) string { return rel + ": " + s })
		syms += n
		if n == len(want) {
			identical++
		}
		encCheckDecodes(t, res)
	}
	t.Logf("%d amd64 files in GOROOT, %d assembled by p9, %d byte-identical (%d symbols)", len(files), assembled, identical, syms)
}
