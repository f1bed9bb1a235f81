package asm_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/internal/goasm"
	"github.com/p9tools/p9/parser"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// corpusFloor is the number of GOROOT files that must come out fully
// identical: all 61 amd64 files of Go 1.26's standard library. A file
// blocked by an instruction p9 lacks counts against it.
const corpusFloor = 61

// corpusResult is the outcome for one file.
type corpusResult struct {
	file      corpusFile
	isaGaps   []string // instructions p9 does not encode yet
	errs      []string // any other p9 error
	dropped   map[string]bool
	diffs     []goasm.Diff // among the symbols p9 produced
	blocked   int          // Go symbols p9 skipped with their functions
	total     int          // symbols go tool asm defines
	identical int
	goErr     error
}

func (r *corpusResult) fullyIdentical() bool {
	return r.goErr == nil && len(r.isaGaps) == 0 && len(r.errs) == 0 && len(r.diffs) == 0 && r.identical == r.total
}

// TestEncoderGorootCorpus assembles every amd64 assembly file of the
// standard library with the flags go build uses, with p9 and with go tool
// asm, and compares them symbol by symbol. Functions that use instructions
// p9 does not encode yet are left out and reported; every symbol p9 does
// produce must be identical.
func TestEncoderGorootCorpus(t *testing.T) {
	_, files := goCorpus(t)
	results := make([]corpusResult, len(files))
	testutil.ParallelRuns(len(files), func(i int) {
		results[i] = checkCorpusFile(files[i])
	})

	full, blockedFiles, syms, same, blockedSyms := 0, 0, 0, 0, 0
	for i := range results {
		r := &results[i]
		name := corpusName(r.file.Path)
		syms += r.total
		same += r.identical
		blockedSyms += r.blocked
		switch {
		case r.goErr != nil:
			t.Errorf("%s: %v", name, r.goErr)
		case r.fullyIdentical():
			full++
			t.Logf("%-58s identical (%d symbols)", name, r.total)
		case len(r.errs) > 0:
			t.Errorf("%s: p9 errors:\n\t%s", name, strings.Join(r.errs, "\n\t"))
		case len(r.diffs) > 0:
			var b strings.Builder
			goasm.WriteDiffs(&b, r.diffs)
			t.Errorf("%s: %d symbols differ from go tool asm:\n%s", name, len(r.diffs), b.String())
		default:
			blockedFiles++
			t.Logf("%-58s BLOCKED by missing instructions: %d/%d symbols identical, %d left out; needs %s",
				name, r.identical, r.total, r.blocked, strings.Join(firstN(r.isaGaps, 6), ", "))
		}
	}
	t.Logf("GOROOT corpus: %d files, %d fully identical, %d blocked only by missing instructions; symbols: %d of %d identical, %d left out with blocked functions",
		len(files), full, blockedFiles, same, syms, blockedSyms)
	if full < corpusFloor {
		t.Errorf("%d files fully identical, below the floor of %d", full, corpusFloor)
	}
}

func corpusName(path string) string {
	if i := strings.LastIndex(path, string(filepath.Separator)+"src"+string(filepath.Separator)); i >= 0 {
		return path[i+1:]
	}
	return path
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("... (%d in all)", len(s)))
	}
	return s
}

// isaGap matches the errors that mean an instruction or operand form is not
// in p9's tables yet, and captures the mnemonic.
var isaGap = regexp.MustCompile(`^(?:unrecognized instruction "(\w+)"|(\w+) does not take suffixes|invalid instruction: ([VK]\w+)|invalid instruction: (\w+)\t.*\b[XYZK]\d+\b)`)

// checkCorpusFile assembles one file with both assemblers and compares.
func checkCorpusFile(f corpusFile) corpusResult {
	return checkCorpusFileWith(f, codegen{})
}

// codegen is a code-generation mode both assemblers are given: flags
// for go tool asm, the same as options for p9's encoder.
type codegen struct {
	flags []string
	opts  encoder.Options
}

// checkCorpusFileWith is checkCorpusFile in mode m.
func checkCorpusFileWith(f corpusFile, m codegen) corpusResult {
	r := corpusResult{file: f, dropped: map[string]bool{}}
	want, err := goasm.Assemble(f.Path, append(f.goFlags(), m.flags...)...)
	if err != nil {
		// What p9 says of a file Go rejects is in errs.
		r.goErr = err
		stmts, _ := parser.ParseFile(f.Path, parser.Config{IncludeDirs: f.Includes, Defines: f.Defines})
		opts := m.opts
		opts.Pkg = f.Pkg
		_, errs := encoder.Assemble(stmts, f.Path, opts)
		for _, e := range errs {
			r.errs = append(r.errs, e.Error())
		}
		return r
	}
	r.total = len(want)
	stmts, perrs := parser.ParseFile(f.Path, parser.Config{IncludeDirs: f.Includes, Defines: f.Defines})
	bad := map[parser.Pos]bool{}
	for _, e := range perrs {
		r.errs = append(r.errs, e.Error())
		bad[e.Pos] = true
	}
	gaps := map[string]bool{}
	var res *encoder.Result
	for round := 0; round < 10; round++ {
		kept := dropFunctions(stmts, bad, f.Pkg, r.dropped)
		var errs parser.ErrorList
		opts := m.opts
		opts.Pkg = f.Pkg
		res, errs = encoder.Assemble(kept, f.Path, opts)
		if len(errs) == 0 {
			break
		}
		for _, e := range errs {
			bad[e.Pos] = true
			if m := isaGap.FindStringSubmatch(e.Msg); m != nil {
				gaps[m[1]+m[2]+m[3]+m[4]] = true
				continue
			}
			r.errs = append(r.errs, e.Error())
		}
	}
	for g := range gaps {
		r.isaGaps = append(r.isaGaps, g)
	}
	sort.Strings(r.isaGaps)
	if res == nil {
		r.errs = append(r.errs, "p9 produced no object")
		return r
	}
	got := goasm.FromResult(res)
	diffs, same := goasm.Compare(want, got)
	r.identical = same
	for _, d := range diffs {
		// Float constants belong to the functions that use them.
		floatConst := strings.HasPrefix(d.Name, "$f32.") || strings.HasPrefix(d.Name, "$f64.")
		if d.Got == nil && (r.dropped[d.Name] || floatConst && len(r.dropped) > 0) {
			r.blocked++
			continue
		}
		r.diffs = append(r.diffs, d)
	}
	return r
}

// dropFunctions returns stmts without the functions that contain a bad
// position, recording the dropped functions' names. GLOBL and DATA are kept.
func dropFunctions(stmts []parser.Stmt, bad map[parser.Pos]bool, pkg string, dropped map[string]bool) []parser.Stmt {
	var out []parser.Stmt
	for i := 0; i < len(stmts); {
		j := i + 1
		if stmts[i].Op == "TEXT" {
			for j < len(stmts) && stmts[j].Op != "TEXT" {
				j++
			}
		}
		drop := false
		for k := i; k < j; k++ {
			if bad[stmts[k].Pos] {
				drop = true
			}
		}
		for k := i; k < j; k++ {
			st := stmts[k]
			if drop && st.Op != "GLOBL" && st.Op != "DATA" {
				continue
			}
			out = append(out, st)
		}
		if drop && stmts[i].Op == "TEXT" && len(stmts[i].Args) > 0 {
			dropped[elfName(stmts[i].Args[0].Sym, pkg)] = true
		}
		i = j
	}
	return out
}

// elfName is a source symbol's object name per the object conventions.
func elfName(sym, pkg string) string {
	if strings.HasPrefix(sym, "·") {
		sym = pkg + sym
	}
	return strings.NewReplacer("·", ".", "∕", "/").Replace(sym)
}

// BenchmarkGorootCorpus parses and assembles the whole GOROOT corpus in
// the process (no go tool asm): the library's throughput on real files.
func BenchmarkGorootCorpus(b *testing.B) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("go not found")
	}
	files := corpusFiles(b, goBin)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			stmts, _ := parser.ParseFile(f.Path, parser.Config{IncludeDirs: f.Includes, Defines: f.Defines})
			encoder.Assemble(stmts, f.Path, encoder.Options{Pkg: f.Pkg})
		}
	}
}
