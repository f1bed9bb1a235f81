package asm_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/internal/goasm"
	"github.com/p9tools/p9/parser"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// The code-generation flags of go tool asm, each with the encoder option
// that gives p9 the same meaning.
var (
	modeDynlink = codegen{flags: []string{"-dynlink"}, opts: encoder.Options{Dynlink: true, Shared: true}}
	modeShared  = codegen{flags: []string{"-shared"}, opts: encoder.Options{Shared: true}}
	modeRet     = codegen{flags: []string{"-spectre=ret"}, opts: encoder.Options{Retpoline: true}}
	// -d maymorestack: every stack-split prologue calls the function
	// first (Go's name for the runtime's stack-growth test hook).
	modeMayMoreStack = codegen{flags: []string{"-d=maymorestack=runtime.mayMoreStackPreempt"},
		opts: encoder.Options{MayMoreStack: "runtime.mayMoreStackPreempt"}}
)

// TestCodegenFlagsGoSuites assembles Go's own encoder suites and amd64.s
// whole under -dynlink, -shared and -spectre=ret with both assemblers:
// each function must come out identical, and where Go rejects a file
// (amd64.s's indirect jumps through memory under -spectre=ret), p9 must
// too.
func TestCodegenFlagsGoSuites(t *testing.T) {
	dir := encTestdataDir(t)
	for _, name := range []string{"amd64enc.s", "amd64enc_extra.s", "amd64.s"} {
		for _, m := range []codegen{modeDynlink, modeShared, modeRet, modeMayMoreStack} {
			t.Run(name+m.flags[0], func(t *testing.T) {
				path := filepath.Join(dir, name)
				want, goErr := goasm.Assemble(path, append([]string{"-p", "main"}, m.flags...)...)
				res, errs := assembleWith(t, path, "main", m.opts)
				switch {
				case goErr != nil && len(errs) == 0:
					t.Fatalf("go tool asm %s rejects the file, p9 accepts it: %v", m.flags[0], goErr)
				case goErr != nil:
					t.Logf("rejected by both: %v", errs[0])
					return
				case len(errs) > 0:
					t.Fatalf("p9 rejects the file: %v", errs)
				}
				diffs, same := goasm.Compare(want, goasm.FromResult(res))
				if len(diffs) > 0 {
					var b strings.Builder
					goasm.WriteDiffs(&b, diffs)
					t.Fatalf("%d symbols differ:\n%s", len(diffs), b.String())
				}
				t.Logf("%d symbols identical", same)
			})
		}
	}
}

// assembleWith parses and assembles one file with the listing kept.
func assembleWith(t *testing.T, path, pkg string, opts encoder.Options) (*encoder.Result, parser.ErrorList) {
	t.Helper()
	stmts, errs := parser.ParseFile(path, parser.Config{IsInstruction: encoder.IsInstruction})
	if len(errs) > 0 {
		return nil, errs
	}
	opts.Pkg = pkg
	return encoder.Assemble(stmts, path, opts)
}

// TestCodegenFlagsCorpus is TestEncoderGorootCorpus under -dynlink,
// -shared and -spectre=ret: every standard-library file Go assembles in
// a mode must come out identical from p9 in that mode, and every file Go
// rejects in it (an indirect jump through memory under -spectre=ret)
// p9 must reject too.
func TestCodegenFlagsCorpus(t *testing.T) {
	_, files := goCorpus(t)
	for _, m := range []codegen{modeDynlink, modeShared, modeRet, modeMayMoreStack} {
		t.Run(m.flags[0], func(t *testing.T) {
			results := make([]corpusResult, len(files))
			testutil.ParallelRuns(len(files), func(i int) {
				results[i] = checkCorpusFileWith(files[i], m)
			})
			full, rejected := 0, 0
			for i := range results {
				r := &results[i]
				name := corpusName(r.file.Path)
				switch {
				case r.goErr != nil && len(r.errs) > 0:
					rejected++
				case r.goErr != nil:
					t.Errorf("%s: go tool asm rejects it, p9 does not: %v", name, r.goErr)
				case r.fullyIdentical():
					full++
				case len(r.errs) > 0:
					t.Errorf("%s: p9 errors:\n\t%s", name, strings.Join(r.errs, "\n\t"))
				default:
					var b strings.Builder
					goasm.WriteDiffs(&b, r.diffs)
					t.Errorf("%s: %d symbols differ, %d blocked:\n%s", name, len(r.diffs), r.blocked, b.String())
				}
			}
			t.Logf("%s: %d files, %d identical, %d rejected by both", m.flags[0], len(files), full, rejected)
			if full+rejected != len(files) {
				t.Errorf("%d of %d files identical or rejected by both", full+rejected, len(files))
			}
		})
	}
}

// TestDynlinkErrorFile assembles Go's amd64dynlinkerror.s under -dynlink
// as one file: the errors must be exactly its ERROR lines, each with
// Go's message.
func TestDynlinkErrorFile(t *testing.T) {
	path := filepath.Join(encTestdataDir(t), "amd64dynlinkerror.s")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	want := map[int]bool{}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, "// ERROR") {
			want[i+1] = true
		}
	}
	_, errs := assembleWith(t, path, "main", modeDynlink.opts)
	got := map[int]bool{}
	for _, e := range errs {
		got[e.Pos.Line] = true
		if !want[e.Pos.Line] {
			t.Errorf("unexpected error: %v", e)
		} else if !strings.Contains(e.Msg, "when dynamic linking, R15 is clobbered by a global variable access and is used here") {
			t.Errorf("line %d: message %q", e.Pos.Line, e.Msg)
		}
	}
	for l := range want {
		if !got[l] {
			t.Errorf("amd64dynlinkerror.s:%d: ERROR line not reported", l)
		}
	}
	if len(want) != 15 || len(errs) != len(want) {
		t.Errorf("%d errors for %d ERROR lines, want 15", len(errs), len(want))
	}
}
