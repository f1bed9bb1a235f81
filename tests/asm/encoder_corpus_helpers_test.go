package asm_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// corpusFile is one assembly file of GOROOT's standard library with the
// flags go build gives go tool asm for it.
type corpusFile struct {
	Path     string   // absolute path of the .s file
	Pkg      string   // -p
	Includes []string // -I, with the package's go_asm.h directory copied into the cache
	Defines  []string // -D
}

// goFlags are the go tool asm flags for f.
func (f corpusFile) goFlags() []string {
	args := []string{"-p", f.Pkg}
	for _, i := range f.Includes {
		args = append(args, "-I", i)
	}
	for _, d := range f.Defines {
		args = append(args, "-D", d)
	}
	return args
}

// corpusFiles finds the amd64 assembly files go build assembles for the
// standard library, with their flags. Discovery builds std once with
// go build -a -work -x; the result and the go_asm.h files it needs are
// cached in a directory under the system's temporary directory, keyed by
// the Go version and GOROOT.
// goCorpus skips the test in -short mode or where there is no go command,
// and otherwise returns the go command's path and the corpus.
func goCorpus(t testing.TB) (goBin string, files []corpusFile) {
	t.Helper()
	if testing.Short() {
		t.Skip("corpus test in -short mode")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	return goBin, corpusFiles(t, goBin)
}

func corpusFiles(t testing.TB, goBin string) []corpusFile {
	t.Helper()
	env, err := exec.Command(goBin, "env", "GOROOT", "GOVERSION").Output()
	if err != nil {
		t.Skip(err)
	}
	sum := sha256.Sum256(env)
	cache := filepath.Join(os.TempDir(), "p9-goroot-corpus-"+hex.EncodeToString(sum[:6]))
	manifest := filepath.Join(cache, "manifest.json")
	if data, err := os.ReadFile(manifest); err == nil {
		var files []corpusFile
		if json.Unmarshal(data, &files) == nil && len(files) > 0 {
			return files
		}
	}
	files, err := discoverCorpus(goBin, cache)
	if err != nil {
		t.Fatalf("discovering the corpus: %v", err)
	}
	data, _ := json.MarshalIndent(files, "", "\t")
	tmp := manifest + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err == nil {
		os.Rename(tmp, manifest)
	}
	return files
}

// discoverCorpus runs the build and reads the asm commands from its -x log.
func discoverCorpus(goBin, cache string) ([]corpusFile, error) {
	env := append(os.Environ(), "GOOS=linux", "GOARCH=amd64")
	lister := exec.Command(goBin, "list", "-f", "{{if .SFiles}}{{.ImportPath}}{{end}}", "std")
	lister.Env = env
	list, err := lister.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	pkgs := strings.Fields(string(list))
	cmd := exec.Command(goBin, append([]string{"build", "-a", "-work", "-x"}, pkgs...)...)
	cmd.Env = env
	var log bytes.Buffer
	cmd.Stderr, cmd.Stdout = &log, &log
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, log.String())
	}
	work := ""
	dir := ""
	var files []corpusFile
	sc := bufio.NewScanner(&log)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		if w, ok := strings.CutPrefix(line, "WORK="); ok {
			work = w
			continue
		}
		if d, ok := strings.CutPrefix(line, "cd "); ok {
			dir = d
			continue
		}
		args := shellFields(line)
		if len(args) == 0 || filepath.Base(args[0]) != "asm" || strings.Contains(line, "-gensymabis") {
			continue
		}
		f := corpusFile{}
		for i := 1; i < len(args); i++ {
			switch a := args[i]; {
			case a == "-p" && i+1 < len(args):
				i++
				f.Pkg = args[i]
			case a == "-I" && i+1 < len(args):
				i++
				inc, err := cacheInclude(args[i], work, cache)
				if err != nil {
					return nil, err
				}
				f.Includes = append(f.Includes, inc)
			case a == "-D" && i+1 < len(args):
				i++
				f.Defines = append(f.Defines, args[i])
			case (a == "-o" || a == "-trimpath") && i+1 < len(args):
				i++
			case strings.HasSuffix(a, ".s"):
				f.Path = filepath.Join(dir, a)
			}
		}
		if f.Path != "" {
			files = append(files, f)
		}
	}
	if work != "" {
		os.RemoveAll(work)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no asm commands in the go build -x output")
	}
	return files, nil
}

// cacheInclude maps an include directory of the build: a $WORK directory
// (holding the package's go_asm.h) is copied into the cache.
func cacheInclude(dir, work, cache string) (string, error) {
	rest, ok := strings.CutPrefix(dir, "$WORK")
	if !ok {
		return dir, nil
	}
	dst := filepath.Join(cache, filepath.Clean(rest))
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(work, rest, "go_asm.h"))
	if err != nil {
		return "", err
	}
	return dst, os.WriteFile(filepath.Join(dst, "go_asm.h"), data, 0o644)
}

// shellFields splits a command line of go build -x output into words,
// honouring double quotes.
func shellFields(line string) []string {
	var out []string
	var cur strings.Builder
	in, quoted := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}
