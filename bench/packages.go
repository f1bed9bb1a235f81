package main

import (
	"fmt"
	"path/filepath"
	"strings"
)

// corpusPackage is the corpus files the go command assembles with the same
// flags in one directory: a set that one assembler process can take, as
// both tools accept several files and write one object for them.
type corpusPackage struct {
	files []corpusFile
}

// groupCorpus groups the corpus by directory and flags, in corpus order.
func groupCorpus(corpus []corpusFile) []corpusPackage {
	var out []corpusPackage
	index := map[string]int{}
	for _, f := range corpus {
		key := f.Dir + "\x00" + strings.Join(f.Args, "\x00")
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, corpusPackage{})
		}
		out[i].files = append(out[i].files, f)
	}
	return out
}

// commands returns the Go asm and p9as runs that assemble the package's
// files in one process each.
func (p corpusPackage) commands(e *env, tree string, n int) (goCmd, p9Cmd command) {
	f := p.files[0]
	var names []string
	for _, g := range p.files {
		names = append(names, g.File)
	}
	dir := filepath.Join(e.goroot, f.Dir)
	goArgs := f.goArgs(tree, e.path("package-out", fmt.Sprintf("go%d.o", n)))
	p9Args := f.p9Args(tree, e.path("package-out", fmt.Sprintf("p9%d.o", n)))
	goArgs = append(goArgs[:len(goArgs)-1], names...)
	p9Args = append(p9Args[:len(p9Args)-1], names...)
	return command{dir: dir, name: e.goasm, args: goArgs}, command{dir: dir, name: e.p9as, args: p9Args}
}

// packageRow times the corpus with one process per package instead of one
// per file. A package whose files Go's asm or p9as refuses to take
// together (symbols defined twice, say) is run file by file in both.
func packageRow(e *env, runs int, corpus []corpusFile, tree string) row {
	var pkgs []corpusPackage
	split := 0
	for n, p := range groupCorpus(corpus) {
		goCmd, p9Cmd := p.commands(e, tree, n)
		if len(p.files) > 1 {
			_, goErr := run(goCmd)
			_, p9Err := run(p9Cmd)
			if goErr != nil || p9Err != nil {
				split++
				for _, f := range p.files {
					pkgs = append(pkgs, corpusPackage{files: []corpusFile{f}})
				}
				continue
			}
		}
		pkgs = append(pkgs, p)
	}
	var ours, theirs, oursCPU, theirsCPU []float64
	for i := 0; i < runs; i++ {
		var o, t, oc, tc float64
		for n, p := range pkgs {
			goCmd, p9Cmd := p.commands(e, tree, n)
			for k := 0; k < 2; k++ {
				if (i+n+k)%2 == 0 {
					res, err := run(goCmd)
					if err != nil {
						return row{name: "std corpus, one process per package", peer: "Go asm", failed: "Go asm failed: " + err.Error()}
					}
					t, tc = t+ms(res.wall), tc+ms(res.cpu)
				} else {
					res, err := run(p9Cmd)
					if err != nil {
						return row{name: "std corpus, one process per package", peer: "Go asm", failed: "p9as failed: " + firstLine(res.stderr)}
					}
					o, oc = o+ms(res.wall), oc+ms(res.cpu)
				}
			}
		}
		ours, theirs = append(ours, o), append(theirs, t)
		oursCPU, theirsCPU = append(oursCPU, oc), append(theirsCPU, tc)
	}
	note := fmt.Sprintf("%d processes for %d files; p9as parses a package's files in parallel; ", len(pkgs), len(corpus))
	if split > 0 {
		note += fmt.Sprintf("%d packages run file by file, as one tool refuses their files together; ", split)
	}
	return row{
		name: "std corpus, one process per package", peer: "Go asm", unit: unitMs, target: target{ratio: asmTarget},
		ours: median(ours), theirs: median(theirs),
		note: note + cpuNote(oursCPU, theirsCPU),
	}
}
