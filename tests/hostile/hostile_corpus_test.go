package hostile_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/tests/internal/testutil"
)

var writeCorpus = flag.Bool("fuzzcorpus", false, "rewrite the committed seed corpora of the fuzz targets")

// fuzzTargets are the fuzz targets with committed seed corpora: package
// directory and target name.
var fuzzTargets = [][2]string{
	{"parser", "FuzzParse"},
	{"internal/driver", "FuzzAssemble"},
	{"obj", "FuzzWrite"},
	{"link", "FuzzLink"},
	{"link", "FuzzLinkObject"},
	{"encoder/x86", "FuzzEncodeDiff"},
}

// maxCorpus bounds the committed corpora, all targets together.
const maxCorpus = 2 << 20

// TestFuzzCorpus checks that every fuzz target has a committed seed
// corpus in the fuzz engine's format, all of them small.
func TestFuzzCorpus(t *testing.T) {
	total := 0
	for _, ft := range fuzzTargets {
		dir := filepath.Join(testutil.RepoRoot, ft[0], "testdata", "fuzz", ft[1])
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) == 0 {
			t.Errorf("%s: no seed corpus (run go test ./tests/hostile -run TestWriteFuzzCorpus -fuzzcorpus)", dir)
			continue
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			total += len(data)
			if !strings.HasPrefix(string(data), "go test fuzz v1\n") {
				t.Errorf("%s/%s is not a fuzz corpus file", dir, e.Name())
			}
		}
	}
	if total > maxCorpus {
		t.Errorf("seed corpora hold %d bytes, more than %d", total, maxCorpus)
	}
}

// TestWriteFuzzCorpus writes the seed corpora from GOROOT's assembler
// testdata, the examples and the runtime. It runs only with -fuzzcorpus.
func TestWriteFuzzCorpus(t *testing.T) {
	if !*writeCorpus {
		t.Skip("rewrites testdata; run with -fuzzcorpus")
	}
	asmSeeds := corpusSources(t)
	writeSeeds(t, "parser", "FuzzParse", "string", asmSeeds)
	writeSeeds(t, "internal/driver", "FuzzAssemble", "string", asmSeeds)

	var objs []string
	for _, name := range []string{"hello.s", "chan.s", "overflow.s"} {
		obj, _, err := driver.AssembleObject([]string{filepath.Join(testutil.RepoRoot, "examples", name)}, driver.AsmConfig{Pkg: "main", Embedded: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		objs = append(objs, string(obj))
	}
	obj, _, err := driver.AssembleObject([]string{filepath.Join(testutil.RepoRoot, "runtime-src", "rt0_linux_amd64.s")}, driver.AsmConfig{Pkg: "runtime", Embedded: true})
	if err != nil {
		t.Fatal(err)
	}
	objs = append(objs, string(obj))
	writeSeeds(t, "link", "FuzzLink", "[]byte", objs)
	writeSeeds(t, "link", "FuzzLinkObject", "[]byte", objs)

	var small []string
	for i := 0; i < 32; i++ {
		b := make([]byte, 8+i*6)
		for j := range b {
			b[j] = byte(i*37 + j*11)
		}
		small = append(small, string(b))
	}
	writeSeeds(t, "obj", "FuzzWrite", "[]byte", small)

	// Sixteen seeds spread over the table: the first bytes choose the form.
	var forms []string
	for i := 0; i < 1<<16; i += 1 << 12 {
		forms = append(forms, string([]byte{byte(i >> 8), byte(i), byte(i * 7), byte(i * 13), 1, 2, 3}))
	}
	writeSeeds(t, "encoder/x86", "FuzzEncodeDiff", "[]byte", forms)
}

// corpusSources returns source files cut into small seeds: runs of
// amd64enc.s lines in a function, the examples, and runtime files.
func corpusSources(t *testing.T) []string {
	var seeds []string
	lines := amd64encLines(t)
	for i := 0; i < len(lines); i += 200 {
		seeds = append(seeds, "TEXT ·f(SB), $0-8\n\t"+strings.Join(lines[i:min(i+12, len(lines))], "\n\t")+"\n\tRET\n")
	}
	for _, pattern := range []string{"examples/*.s", "runtime-src/*.s", "parser/testdata/*.s"} {
		files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot, pattern))
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > 16<<10 {
				data = data[:16<<10]
			}
			seeds = append(seeds, string(data))
		}
	}
	return seeds
}

// writeSeeds replaces the seed files of pkg/testdata/fuzz/target with one
// file per seed; inputs the fuzz engine saved there (regressions) stay.
func writeSeeds(t *testing.T, pkg, target, typ string, seeds []string) {
	dir := filepath.Join(testutil.RepoRoot, pkg, "testdata", "fuzz", target)
	old, _ := filepath.Glob(filepath.Join(dir, "seed-*"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		sum := sha256.Sum256([]byte(s))
		body := fmt.Sprintf("go test fuzz v1\n%s(%s)\n", typ, strconv.Quote(s))
		if err := os.WriteFile(filepath.Join(dir, "seed-"+hex.EncodeToString(sum[:8])), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	size := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += int(info.Size())
		}
		return nil
	})
	t.Logf("%s %s: %d seeds, %d bytes", pkg, target, len(seeds), size)
}
