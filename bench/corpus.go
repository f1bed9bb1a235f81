package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The std corpus is every amd64 .s file the go command assembles for the
// standard library, with the exact flags it uses. Finding them takes a full
// `go build -a -work -x` of the packages with assembly, so the result is
// cached per Go version in the user cache directory: the list of commands
// and the headers each one needs from its $WORK/bNNN directory (go_asm.h,
// written by the compiler, and the like). Nothing of GOROOT is kept in the
// repository; at run time the headers are copied into a scratch tree.

const workMark = "@WORK@" // stands for $WORK in cached arguments

// corpusFile is one assembler run of the go command.
type corpusFile struct {
	Pkg   string   // import path
	Dir   string   // the package directory, relative to GOROOT
	File  string   // the source, relative to Dir
	B     string   // the $WORK subdirectory with its headers (b012)
	Args  []string // Go asm's arguments, without -o and the file
	Lines int
	Bytes int
}

type corpusManifest struct {
	GoVersion string
	Files     []corpusFile
}

// loadCorpus returns the corpus and a scratch tree holding the headers,
// discovering both unless the cache already has them.
func loadCorpus(e *env, goVersion string, refresh bool) ([]corpusFile, string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	cache := filepath.Join(base, "p9bench", "corpus-"+goVersion)
	manifest := filepath.Join(cache, "manifest.json")
	var m corpusManifest
	data, err := os.ReadFile(manifest)
	if err != nil || refresh || json.Unmarshal(data, &m) != nil || len(m.Files) == 0 {
		fmt.Fprintf(os.Stderr, "bench: discovering the std assembly corpus (go build -a -work -x; cached in %s)\n", cache)
		if m, err = discoverCorpus(e, cache); err != nil {
			return nil, "", err
		}
		m.GoVersion = goVersion
		data, _ := json.MarshalIndent(m, "", "\t")
		if err := os.WriteFile(manifest, data, 0o644); err != nil {
			return nil, "", err
		}
	}
	tree := e.path("corpus")
	for _, f := range m.Files {
		if err := copyHeaders(filepath.Join(cache, f.B), filepath.Join(tree, f.B)); err != nil {
			return nil, "", err
		}
	}
	return m.Files, tree, nil
}

var bdir = regexp.MustCompile(`\$WORK/(b[0-9]+)`)

// discoverCorpus builds the std packages that have assembly from scratch
// and records every assembler command (not the -gensymabis pass) and the
// headers in its work directory.
func discoverCorpus(e *env, cache string) (corpusManifest, error) {
	var m corpusManifest
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return m, err
	}
	list, err := output(command{name: "go", env: []string{"GOOS=linux", "GOARCH=amd64"},
		args: []string{"list", "-f", "{{if .SFiles}}{{.ImportPath}}{{end}}", "std"}, timeout: buildTimeout})
	if err != nil {
		return m, err
	}
	pkgs := strings.Fields(list)
	if len(pkgs) == 0 {
		return m, fmt.Errorf("go list: no std package has assembly")
	}
	r, err := run(command{dir: e.tmp, name: "go", env: []string{"GOOS=linux", "GOARCH=amd64"},
		args: append([]string{"build", "-a", "-work", "-x"}, pkgs...), timeout: 30 * time.Minute})
	work := ""
	sc := bufio.NewScanner(strings.NewReader(r.stderr))
	sc.Buffer(nil, 1<<20)
	dir := ""
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "WORK="):
			work = strings.TrimPrefix(l, "WORK=")
		case strings.HasPrefix(l, "cd "):
			dir = strings.TrimSpace(l[3:])
		case strings.HasPrefix(l, e.goasm+" ") && !strings.Contains(l, "-gensymabis"):
			if f, ok := parseAsmLine(l[len(e.goasm)+1:], dir, e.goroot); ok {
				m.Files = append(m.Files, f)
			}
		}
	}
	if work != "" {
		defer os.RemoveAll(work)
	}
	if err != nil {
		return m, fmt.Errorf("go build -a -work -x: %v", err)
	}
	if work == "" || len(m.Files) == 0 {
		return m, fmt.Errorf("go build -x printed no assembler commands")
	}
	for i, f := range m.Files {
		if err := copyHeaders(filepath.Join(work, f.B), filepath.Join(cache, f.B)); err != nil {
			return m, err
		}
		if src, err := os.ReadFile(filepath.Join(e.goroot, f.Dir, f.File)); err == nil {
			m.Files[i].Bytes = len(src)
			m.Files[i].Lines = strings.Count(string(src), "\n")
		}
	}
	return m, nil
}

// parseAsmLine reads one printed assembler command run in dir.
func parseAsmLine(line, dir, goroot string) (corpusFile, bool) {
	words := shellWords(line)
	var f corpusFile
	rel, err := filepath.Rel(goroot, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return f, false
	}
	f.Dir = rel
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "-o" && i+1 < len(words):
			i++
		case w == "-p" && i+1 < len(words):
			f.Pkg = words[i+1]
			f.Args = append(f.Args, w, words[i+1])
			i++
		case strings.HasSuffix(w, ".s") && !strings.HasPrefix(w, "-"):
			if f.File != "" {
				return f, false // several files in one run: not what go build does
			}
			f.File = w
		default:
			if sm := bdir.FindStringSubmatch(w); sm != nil {
				f.B = sm[1]
			}
			f.Args = append(f.Args, strings.ReplaceAll(w, "$WORK", workMark))
		}
	}
	return f, f.File != "" && f.B != ""
}

// shellWords splits a printed command line into its words, undoing the
// double and single quotes the go command adds.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// copyHeaders copies the .h files of from into to.
func copyHeaders(from, to string) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	hs, _ := filepath.Glob(filepath.Join(from, "*.h"))
	for _, h := range hs {
		data, err := os.ReadFile(h)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(h)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goArgs is Go asm's command line for f, writing out, with headers in tree.
func (f corpusFile) goArgs(tree, out string) []string {
	var args []string
	for _, a := range f.Args {
		args = append(args, strings.ReplaceAll(a, workMark, tree))
	}
	return append(args, "-o", out, f.File)
}

// p9Args is p9as's command line for the same run: the flags p9as shares
// with Go's asm (-p, -I, -D); -trimpath's Go-specific form and the flags
// for Go's own object format are dropped.
func (f corpusFile) p9Args(tree, out string) []string {
	var args []string
	for i := 0; i < len(f.Args); i++ {
		a := f.Args[i]
		switch a {
		case "-p", "-I", "-D":
			if i+1 < len(f.Args) {
				args = append(args, a, strings.ReplaceAll(f.Args[i+1], workMark, tree))
				i++
			}
		case "-trimpath":
			i++
		}
	}
	return append(args, "-o", out, f.File)
}
