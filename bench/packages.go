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

// commands returns the p9as and Go asm runs that assemble the package's
// files in one process each, into objects numbered n in the scratch
// directory out.
func (p corpusPackage) commands(e *env, tree, out string, n int) [2]command {
	f := p.files[0]
	var names []string
	for _, g := range p.files {
		names = append(names, g.File)
	}
	dir := filepath.Join(e.goroot, f.Dir)
	// Both command lines end with the first file; the others follow it.
	goArgs := append(f.goArgs(tree, e.path(out, fmt.Sprintf("go%d.o", n))), names[1:]...)
	p9Args := append(f.p9Args(tree, e.path(out, fmt.Sprintf("p9%d.o", n))), names[1:]...)
	return [2]command{{dir: dir, name: e.p9as, args: p9Args}, {dir: dir, name: e.goasm, args: goArgs}}
}

// packageRow times the corpus with one process per package instead of one
// per file. A package whose files Go's asm or p9as refuses to take
// together (symbols defined twice, say) is run file by file in both.
func packageRow(e *env, runs int, corpus []corpusFile, tree string) row {
	r := row{name: "std corpus, one process per package", peer: "Go asm", unit: unitMs, target: target{ratio: asmTarget}}
	var pkgs []corpusPackage
	split := 0
	for n, p := range groupCorpus(corpus) {
		if len(p.files) > 1 {
			cmds := p.commands(e, tree, "package-out", n)
			_, goErr := run(cmds[1])
			_, p9Err := run(cmds[0])
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
	var t timings
	for i := 0; i < runs; i++ {
		// This run's times summed over the packages, p9as's at index 0.
		var sum [2]result
		for n, p := range pkgs {
			cmds := p.commands(e, tree, "package-out", n)
			for _, who := range turns(i + n + 1) {
				res, err := run(cmds[who])
				switch {
				case err != nil && who == 0:
					return row{name: r.name, peer: r.peer, failed: "p9as failed: " + firstLine(res.stderr)}
				case err != nil:
					return row{name: r.name, peer: r.peer, failed: "Go asm failed: " + err.Error()}
				}
				sum[who].wall += res.wall
				sum[who].cpu += res.cpu
			}
		}
		t.add(0, sum[0])
		t.add(1, sum[1])
	}
	note := fmt.Sprintf("%d processes for %d files; p9as parses a package's files in parallel; ", len(pkgs), len(corpus))
	if split > 0 {
		note += fmt.Sprintf("%d packages run file by file, as one tool refuses their files together; ", split)
	}
	r = t.fill(r)
	r.note = note + r.note
	return r
}
