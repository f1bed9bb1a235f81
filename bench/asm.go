package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const asmTarget = 0.5 // p9as / Go asm on the corpus, whole process

// asmSection times p9as against Go's asm, one process per file: on a
// one-instruction file and amd64enc.s if small is set, and on the std
// corpus unless corpusErr says it was skipped.
func asmSection(e *env, runs int, small bool, corpus []corpusFile, tree string, corpusErr error) section {
	s := section{
		title: "p9as vs Go's asm",
		intro: "Whole-process wall time, one process per file; Go's asm is `$(go env GOTOOLDIR)/asm` run directly " +
			"(not through `go tool`) with the flags `go build` gives it, p9as gets the same -p, -I and -D. " +
			"Corpus rows are the sum over its files; the two tools alternate file by file. " +
			"The per-package row gives each tool all of a package's files (same directory, same flags) in one process, " +
			"as both accept several files and write one object for them. " +
			"Notes give the medians of user+system CPU time, which a busy machine disturbs less than wall time.",
	}
	if small {
		s.rows = append(s.rows, startupRow(e, runs, "start-up: a one-instruction file", e.p9as),
			startupRow(e, runs, "start-up, p9as built without -tags "+releaseTags, e.p9asDefault), startupInitRow(e, runs), amd64encRow(e, runs))
	}
	if corpusErr == errSkipped {
		return s
	}
	if corpusErr != nil {
		s.rows = append(s.rows, row{name: "std corpus", peer: "Go asm", failed: "corpus not found: " + corpusErr.Error()})
		return s
	}
	rows, notes := corpusRows(e, runs, corpus, tree)
	s.rows = append(s.rows, rows...)
	s.rows = append(s.rows, packageRow(e, runs, corpus, tree))
	s.notes = append(s.notes, notes...)
	return s
}

// startupRow times a one-instruction file: what a process costs before
// it does any work.
func startupRow(e *env, runs int, name, p9as string) row {
	r := row{name: name, peer: "Go asm", unit: unitMs}
	src := e.path("startup", "one.s")
	if err := os.WriteFile(src, []byte("TEXT ·f(SB), 4, $0\n\tRET\n"), 0o644); err != nil {
		r.failed = err.Error()
		return r
	}
	goCmd := command{name: e.goasm, args: []string{"-p", "main", "-o", e.path("startup", "go.o"), src}}
	p9Cmd := command{name: p9as, args: []string{"-p", "main", "-o", e.path("startup", "p9.o"), src}}
	var co, ct []float64
	r.ours, r.theirs, co, ct, r.failed = timePair(p9Cmd, goCmd, 4*runs)
	r.note = cpuNote(co, ct)
	return r
}

// startupInitRow runs the one-instruction file with GODEBUG=inittrace=1.
func startupInitRow(e *env, runs int) row {
	src := e.path("startup", "one.s")
	goCmd := command{name: e.goasm, args: []string{"-p", "main", "-o", e.path("startup", "go.o"), src}}
	p9Cmd := command{name: e.p9as, args: []string{"-p", "main", "-o", e.path("startup", "p9.o"), src}}
	return initRow(p9Cmd, goCmd, runs)
}

// timePair runs a and b alternately n times each and returns the median
// wall time of each in milliseconds, the CPU times, or why one failed.
func timePair(a, b command, n int) (float64, float64, []float64, []float64, string) {
	var ta, tb, ca, cb []float64
	for i := 0; i < n; i++ {
		for k := 0; k < 2; k++ {
			c, dst, cpu := a, &ta, &ca
			if (i+k)%2 == 1 {
				c, dst, cpu = b, &tb, &cb
			}
			res, err := run(c)
			if err != nil {
				return 0, 0, nil, nil, err.Error()
			}
			*dst = append(*dst, ms(res.wall))
			*cpu = append(*cpu, ms(res.cpu))
		}
	}
	return median(ta), median(tb), ca, cb, ""
}

func amd64encRow(e *env, runs int) row {
	dir := filepath.Join(e.goroot, "src", "cmd", "asm", "internal", "asm", "testdata")
	r := row{name: "amd64enc.s", peer: "Go asm", unit: unitMs}
	goCmd := command{dir: dir, name: e.goasm, args: []string{"-p", "main", "-o", e.path("enc", "go.o"), "amd64enc.s"}}
	p9Cmd := command{dir: dir, name: e.p9as, args: []string{"-p", "main", "-o", e.path("enc", "p9.o"), "amd64enc.s"}}
	var ours, theirs, co, ct []float64
	var p9err error
	for i := 0; i < runs; i++ {
		for k := 0; k < 2; k++ {
			if (i+k)%2 == 0 {
				res, err := run(goCmd)
				if err != nil {
					r.failed = "Go asm failed: " + err.Error()
					return r
				}
				theirs = append(theirs, ms(res.wall))
				ct = append(ct, ms(res.cpu))
			} else {
				res, err := run(p9Cmd)
				if p9err = err; err != nil && res.stderr != "" {
					p9err = fmt.Errorf("%s", firstLine(res.stderr))
				}
				ours = append(ours, ms(res.wall))
				co = append(co, ms(res.cpu))
			}
		}
	}
	r.ours, r.theirs = median(ours), median(theirs)
	r.note = cpuNote(co, ct)
	if p9err != nil {
		all := p9Cmd
		all.args = append([]string{"-e"}, all.args...)
		res, _ := run(all)
		n := strings.Count(strings.TrimSpace(res.stderr), "\n") + 1
		r.note += fmt.Sprintf("; p9as rejects %d lines (time is to the error exit), first: %s", n, shorten(firstLine(p9err.Error()), 90))
	}
	return r
}

// corpusRows times the corpus and reports which files p9as rejects.
func corpusRows(e *env, runs int, corpus []corpusFile, tree string) ([]row, []string) {
	n := len(corpus)
	ours := make([][]time.Duration, runs)
	theirs := make([][]time.Duration, runs)
	oursCPU := make([][]time.Duration, runs)
	theirsCPU := make([][]time.Duration, runs)
	p9fail := make([]string, n)
	gofail := make([]string, n)
	lines, bytes := 0, 0
	for _, f := range corpus {
		lines += f.Lines
		bytes += f.Bytes
	}
	for i := 0; i < runs; i++ {
		ours[i] = make([]time.Duration, n)
		theirs[i] = make([]time.Duration, n)
		oursCPU[i] = make([]time.Duration, n)
		theirsCPU[i] = make([]time.Duration, n)
		for j, f := range corpus {
			dir := filepath.Join(e.goroot, f.Dir)
			goCmd := command{dir: dir, name: e.goasm, args: f.goArgs(tree, e.path("corpus-out", fmt.Sprintf("go%d.o", j)))}
			p9Cmd := command{dir: dir, name: e.p9as, args: f.p9Args(tree, e.path("corpus-out", fmt.Sprintf("p9%d.o", j)))}
			if timedOut(p9fail[j]) || timedOut(gofail[j]) {
				continue // one hang is reported; the file is not retried
			}
			for k := 0; k < 2; k++ {
				if (i+j+k)%2 == 0 {
					res, err := run(goCmd)
					theirs[i][j], theirsCPU[i][j] = res.wall, res.cpu
					if err != nil {
						gofail[j] = err.Error()
					}
				} else {
					res, err := run(p9Cmd)
					ours[i][j], oursCPU[i][j] = res.wall, res.cpu
					if err != nil {
						p9fail[j] = firstLine(res.stderr)
						if p9fail[j] == "" || timedOut(err.Error()) {
							p9fail[j] = err.Error()
						}
					}
				}
			}
		}
	}
	sum := func(t [][]time.Duration, keep func(j int) bool) []float64 {
		var out []float64
		for _, run := range t {
			var d time.Duration
			for j, x := range run {
				if keep(j) {
					d += x
				}
			}
			out = append(out, ms(d))
		}
		return out
	}
	okBoth := func(j int) bool { return p9fail[j] == "" && gofail[j] == "" }
	nok, okLines, gobad := 0, 0, 0
	var notes []string
	var failed []string
	for j, f := range corpus {
		if okBoth(j) {
			nok++
			okLines += f.Lines
		}
		if gofail[j] != "" {
			gobad++
		}
		if p9fail[j] != "" {
			failed = append(failed, fmt.Sprintf("- `%s/%s`: %s", f.Pkg, f.File[strings.LastIndex(f.File, "/")+1:], shorten(p9fail[j], 110)))
		}
	}
	all := row{
		name: fmt.Sprintf("std corpus, all %d files (%d lines, %.1f MB)", n, lines, float64(bytes)/1e6),
		peer: "Go asm", unit: unitMs,
		ours: median(sum(ours, func(int) bool { return true })), theirs: median(sum(theirs, func(int) bool { return true })),
		note: fmt.Sprintf("p9as assembles %d of %d files without error; a rejected file's time is to its error exit", n-len(failed), n),
	}
	both := row{
		name: fmt.Sprintf("std corpus, the %d files p9as assembles (%d lines)", nok, okLines),
		peer: "Go asm", unit: unitMs, target: target{ratio: asmTarget},
		ours: median(sum(ours, okBoth)), theirs: median(sum(theirs, okBoth)),
		note: cpuNote(sum(oursCPU, okBoth), sum(theirsCPU, okBoth)),
	}
	if gobad > 0 {
		all.note += fmt.Sprintf("; Go asm failed on %d files here", gobad)
	}
	if len(failed) > 0 {
		notes = append(notes, fmt.Sprintf("<details><summary>%d corpus files p9as rejects (first error of each)</summary>\n\n%s\n\n</details>", len(failed), strings.Join(failed, "\n")))
	}
	if len(failed) == 0 && gobad == 0 {
		both.name = fmt.Sprintf("std corpus, all %d files (%d lines, %.1f MB)", n, lines, float64(bytes)/1e6)
		both.note = fmt.Sprintf("p9as assembles all %d files; ", n) + both.note
		return []row{both}, notes
	}
	return []row{all, both}, notes
}

func timedOut(msg string) bool { return strings.Contains(msg, "timed out after") }

func shorten(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
