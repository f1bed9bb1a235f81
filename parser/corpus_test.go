package parser

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func goroot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func asmTestdata(t testing.TB) string {
	return filepath.Join(goroot(t), "src", "cmd", "asm", "internal", "asm", "testdata")
}

// corpusConfig supplies the compiler-generated go_asm.h as an empty file.
func corpusConfig(root string) Config {
	return Config{
		IncludeDirs: []string{filepath.Join(root, "src", "runtime"), filepath.Join(root, "pkg", "include")},
		ReadFile: func(path string) ([]byte, error) {
			if filepath.Base(path) == "go_asm.h" {
				return nil, nil
			}
			return os.ReadFile(path)
		},
		Defines: []string{"GOOS_linux", "GOARCH_amd64"},
	}
}

func TestCorpusAsmTestdata(t *testing.T) {
	dir := asmTestdata(t)
	files := []string{filepath.Join(dir, "amd64enc.s"), filepath.Join(dir, "amd64enc_extra.s"), filepath.Join(dir, "amd64.s")}
	avx, _ := filepath.Glob(filepath.Join(dir, "avx512enc", "*.s"))
	if len(avx) == 0 {
		t.Fatal("no avx512enc files found")
	}
	files = append(files, avx...)
	total := 0
	for _, f := range files {
		stmts, errs := ParseFile(f, Config{})
		for _, e := range errs {
			t.Errorf("%v", e)
		}
		if len(stmts) < 10 {
			t.Errorf("%s: only %d statements", f, len(stmts))
		}
		total += len(stmts)
	}
	t.Logf("%d files, %d statements", len(files), total)
}

// TestCorpusAmd64Error checks that the lines of amd64error.s that Go
// rejects for semantic reasons still parse: only lines whose ERROR text
// is a syntax error may fail here.
func TestCorpusAmd64Error(t *testing.T) {
	stmts, errs := ParseFile(filepath.Join(asmTestdata(t), "amd64error.s"), Config{})
	if len(stmts) < 100 {
		t.Errorf("only %d statements", len(stmts))
	}
	for _, e := range errs {
		t.Errorf("%v", e)
	}
}

// goAsmName matches the errors an absent go_asm.h causes; its names
// (g_m, const_offsetX86HasAVX2, p_wbBuf, T__size) all contain '_'.
var goAsmName = regexp.MustCompile(`^(?:undefined constant "([^"]+)"|missing addressing mode for symbol (\S+))`)

func amd64Sources(t testing.TB) []string {
	root := goroot(t)
	var files []string
	filepath.Walk(filepath.Join(root, "src"), func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		if info.IsDir() && info.Name() == "testdata" {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".s") && (strings.HasSuffix(path, "_amd64.s") || strings.Contains(path, string(filepath.Separator)+"amd64"+string(filepath.Separator))) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// TestCorpusGoroot parses every amd64 assembly file of the standard
// library. Without the compiler's go_asm.h some constants are undefined;
// those are the only errors allowed.
func TestCorpusGoroot(t *testing.T) {
	root := goroot(t)
	files := amd64Sources(t)
	if len(files) < 50 {
		t.Fatalf("found only %d amd64 files", len(files))
	}
	clean, stmts := 0, 0
	for _, f := range files {
		st, errs := ParseFile(f, corpusConfig(root))
		stmts += len(st)
		if len(errs) == 0 {
			clean++
			continue
		}
		for _, e := range errs {
			m := goAsmName.FindStringSubmatch(e.Msg)
			if m == nil || !strings.Contains(m[1]+m[2], "_") {
				t.Errorf("%v", e)
			}
		}
	}
	t.Logf("%d of %d files parse with no error (%d statements)", clean, len(files), stmts)
}
