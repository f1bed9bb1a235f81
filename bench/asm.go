package main

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
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
		s.rows = append(s.rows, memoryRows(e, runs)...)
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
	s.rows = append(s.rows, packageRow(e, runs, corpus, tree), packageMemoryRow(e, corpus, tree))
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
	t, err := alternate(asmPair(e, p9as, "", "startup", src), 4*runs, 0, anyFailure)
	if err != nil {
		r.failed = err.Error()
		return r
	}
	return t.fill(r)
}

// startupInitRow runs the one-instruction file with GODEBUG=inittrace=1.
func startupInitRow(e *env, runs int) row {
	return initRow(asmPair(e, e.p9as, "", "startup", e.path("startup", "one.s")), runs)
}

// asmPair is p9 (p9as or another build of it) and Go's asm assembling
// file in dir as package main, each into its own object in the scratch
// directory out.
func asmPair(e *env, p9as, dir, out, file string) [2]command {
	args := func(obj string) []string { return []string{"-p", "main", "-o", e.path(out, obj), file} }
	return [2]command{{dir: dir, name: p9as, args: args("p9.o")}, {dir: dir, name: e.goasm, args: args("go.o")}}
}

// encDir is the directory of amd64enc.s, Go's assembler's test of every
// amd64 instruction form.
func encDir(e *env) string {
	return filepath.Join(e.goroot, "src", "cmd", "asm", "internal", "asm", "testdata")
}

// amd64encRow times amd64enc.s, which p9as may reject in part: its time
// is then to the error exit, and the note says how many lines it rejects.
func amd64encRow(e *env, runs int) row {
	r := row{name: "amd64enc.s", peer: "Go asm", unit: unitMs}
	cmds := asmPair(e, e.p9as, encDir(e), "enc", "amd64enc.s")
	var p9err error
	t, err := alternate(cmds, runs, 1, func(who int, res result, err error) error {
		switch {
		case who == 1 && err != nil:
			return errors.New("Go asm failed: " + err.Error())
		case who == 0:
			if p9err = err; err != nil && res.stderr != "" {
				p9err = errors.New(firstLine(res.stderr))
			}
		}
		return nil
	})
	if err != nil {
		r.failed = err.Error()
		return r
	}
	r = t.fill(r)
	if p9err != nil {
		all := cmds[0]
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
	// times[i][j] is file j's run i, p9as's at index 0 and Go asm's at 1.
	times := make([][][2]result, runs)
	p9fail := make([]string, n)
	gofail := make([]string, n)
	for i := 0; i < runs; i++ {
		times[i] = make([][2]result, n)
		for j, f := range corpus {
			if timedOut(p9fail[j]) || timedOut(gofail[j]) {
				continue // one hang is reported; the file is not retried
			}
			cmds := corpusPackage{files: []corpusFile{f}}.commands(e, tree, "corpus-out", j)
			for _, who := range turns(i + j + 1) {
				res, err := run(cmds[who])
				times[i][j][who] = res
				switch {
				case err == nil:
				case who == 1:
					gofail[j] = err.Error()
				default:
					p9fail[j] = firstLine(res.stderr)
					if p9fail[j] == "" || timedOut(err.Error()) {
						p9fail[j] = err.Error()
					}
				}
			}
		}
	}
	// sum is each side's times in each run, summed over the files keep
	// takes.
	sum := func(keep func(j int) bool) timings {
		var t timings
		for _, run := range times {
			var s [2]result
			for j, x := range run {
				if keep(j) {
					for who := range s {
						s[who].wall += x[who].wall
						s[who].cpu += x[who].cpu
					}
				}
			}
			t.add(0, s[0])
			t.add(1, s[1])
		}
		return t
	}
	okBoth := func(j int) bool { return p9fail[j] == "" && gofail[j] == "" }
	nok, okLines, gobad, lines, bytes := 0, 0, 0, 0, 0
	var notes []string
	var failed []string
	for j, f := range corpus {
		lines += f.Lines
		bytes += f.Bytes
		if okBoth(j) {
			nok++
			okLines += f.Lines
		}
		if gofail[j] != "" {
			gobad++
		}
		if p9fail[j] != "" {
			failed = append(failed, fmt.Sprintf("- `%s/%s`: %s", f.Pkg, filepath.Base(f.File), shorten(p9fail[j], 110)))
		}
	}
	every := func(int) bool { return true }
	allName := fmt.Sprintf("std corpus, all %d files (%d lines, %.1f MB)", n, lines, float64(bytes)/1e6)
	all := sum(every).fill(row{name: allName, peer: "Go asm", unit: unitMs})
	all.note = fmt.Sprintf("p9as assembles %d of %d files without error; a rejected file's time is to its error exit", n-len(failed), n)
	both := sum(okBoth).fill(row{name: fmt.Sprintf("std corpus, the %d files p9as assembles (%d lines)", nok, okLines),
		peer: "Go asm", unit: unitMs, target: target{ratio: asmTarget}})
	if gobad > 0 {
		all.note += fmt.Sprintf("; Go asm failed on %d files here", gobad)
	}
	if len(failed) > 0 {
		notes = append(notes, fmt.Sprintf("<details><summary>%d corpus files p9as rejects (first error of each)</summary>\n\n%s\n\n</details>", len(failed), strings.Join(failed, "\n")))
	}
	if len(failed) == 0 && gobad == 0 {
		both.name = allName
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

// memTarget is the goal for p9as's peak memory against Go's asm.
const memTarget = 1.0

// memoryRows compare peak resident memory (and wall time) on amd64enc.s
// and on a generated file of several megabytes.
func memoryRows(e *env, runs int) []row {
	dir := encDir(e)
	enc := pairRows(e, runs, "amd64enc.s", dir, "amd64enc.s")
	big := e.path("generated", "big.s")
	if err := writeGenerated(big, genSize); err != nil {
		return append(enc, row{name: "generated file", peer: "Go asm", failed: err.Error()})
	}
	name := fmt.Sprintf("generated file (%.1f MB, bench/asm.go writeGenerated)", float64(genSize)/1e6)
	rows := append(enc, pairRows(e, runs, name, filepath.Dir(big), filepath.Base(big))...)
	// amd64enc.s eight times: eight large functions, where the generated
	// file has many small ones.
	src, err := os.ReadFile(filepath.Join(dir, "amd64enc.s"))
	enc8 := e.path("enc8", "amd64enc8.s")
	if err == nil {
		err = os.WriteFile(enc8, repeatEnc(src, 8), 0o644)
	}
	if err != nil {
		return append(rows, row{name: "amd64enc.s x8", peer: "Go asm", failed: err.Error()})
	}
	name = fmt.Sprintf("amd64enc.s x8 (%.1f MB, one function a copy)", float64(8*len(src))/1e6)
	rows = append(rows, pairRows(e, runs, name, filepath.Dir(enc8), filepath.Base(enc8))...)
	return append(rows, arrowRows(e, runs)...)
}

// arrowFiles are the two largest files of generated assembly in
// apache/arrow-go, kept compressed in bench/testdata/arrow-go (see its
// README for where they come from).
var arrowFiles = []string{"scalar_comparison_avx2_amd64.s", "base_arithmetic_sse4_amd64.s"}

// arrowTarget is the goal for p9as's wall time against Go's asm on them.
const arrowTarget = 0.8

// arrowRows compare peak memory and wall time on arrowFiles, which hold
// a few long functions of BYTE, WORD, LONG and QUAD with branches between
// them. Each file is run three times as often as the others, its time
// being a few tenths of a second.
func arrowRows(e *env, runs int) []row {
	var rows []row
	for _, name := range arrowFiles {
		dst := e.path("arrow", name)
		src, err := readGzip(filepath.Join(e.root, "bench", "testdata", "arrow-go", name+".gz"))
		if err == nil {
			err = os.WriteFile(dst, src, 0o644)
		}
		if err != nil {
			rows = append(rows, row{name: "arrow-go " + name, peer: "Go asm", failed: err.Error()})
			continue
		}
		pair := pairRows(e, 3*runs, fmt.Sprintf("arrow-go %s (%.1f MB)", name, float64(len(src))/1e6), filepath.Dir(dst), name)
		if len(pair) == 2 {
			pair[1].target = target{ratio: arrowTarget}
		}
		rows = append(rows, pair...)
	}
	return rows
}

// readGzip returns the uncompressed contents of a gzip file.
func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// repeatEnc returns n copies of amd64enc.s as one file: the #include of
// textflag.h (a path relative to Go's tree) becomes the flags' values,
// and each copy's TEXT symbol gets its own name.
func repeatEnc(src []byte, n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		for _, l := range strings.SplitAfter(string(src), "\n") {
			switch {
			case strings.HasPrefix(l, "#include"):
				continue
			case strings.HasPrefix(l, "TEXT asmtest(SB),DUPOK|NOSPLIT,"):
				l = fmt.Sprintf("TEXT asmtest%d(SB),6,%s", i, strings.TrimPrefix(l, "TEXT asmtest(SB),DUPOK|NOSPLIT,"))
			}
			b = append(b, l...)
		}
	}
	return b
}

// genSize is the size of the generated file: about 110,000 statements,
// under the parser's limit of 131,072 in one file (parser.MaxStmts).
const genSize = 3 << 20

// pairRows runs both tools on file in dir, alternating, and returns a
// peak-memory row and a wall-time row. Each run is timed as is and
// measured again under the peak-RSS wrapper: run directly, a child's
// peak is at least the harness's own.
func pairRows(e *env, runs int, name, dir, file string) []row {
	cmds := asmPair(e, e.p9as, dir, "mem", file)
	var rss [2][]float64
	t, err := alternate(cmds, runs, 1, func(who int, _ result, err error) error {
		if err != nil {
			return err
		}
		c := cmds[who]
		c.peakRSS = true
		res, err := run(c)
		rss[who] = append(rss[who], float64(res.maxRSS))
		return err
	})
	if err != nil {
		return []row{{name: name, peer: "Go asm", failed: err.Error()}}
	}
	return []row{
		{name: "peak memory: " + name, peer: "Go asm", unit: unitBytes, target: target{ratio: memTarget},
			ours: median(rss[0]), theirs: median(rss[1]), note: "maximum resident set size of the process (getrusage, under the peak-RSS wrapper)"},
		{name: "wall time: " + name, peer: "Go asm", unit: unitMs, ours: median(t.wall[0]), theirs: median(t.wall[1])},
	}
}

// packageMemoryRow runs each std package once in each tool, as the
// per-package row does, and compares the largest peak memory of any run.
func packageMemoryRow(e *env, corpus []corpusFile, tree string) row {
	r := row{name: "peak memory: std corpus, largest of one process per package", peer: "Go asm", unit: unitBytes,
		target: target{ratio: memTarget}}
	worst, ratioSum, n := "", 0.0, 0
	for i, p := range groupCorpus(corpus) {
		cmds := p.commands(e, tree, "package-out", i)
		cmds[0].peakRSS, cmds[1].peakRSS = true, true
		gr, gerr := run(cmds[1])
		pr, perr := run(cmds[0])
		if gerr != nil || perr != nil {
			continue // refused together; the time row runs such packages file by file
		}
		if float64(pr.maxRSS) > r.ours {
			r.ours, worst = float64(pr.maxRSS), p.files[0].Pkg
		}
		r.theirs = max(r.theirs, float64(gr.maxRSS))
		ratioSum += float64(pr.maxRSS) / float64(gr.maxRSS)
		n++
	}
	if n == 0 {
		r.failed = "no package assembled in both tools"
		return r
	}
	r.note = fmt.Sprintf("%d packages; p9as's largest is %s; mean of the per-package ratios %.2f", n, worst, ratioSum/float64(n))
	return r
}

// writeGenerated writes to path a Plan 9 assembly file of about size bytes
// that both assemblers accept: many functions built from varied templates
// (frames with and without stack-split prologues, loops with backward and
// forward branches, calls, FP arguments, indexed memory operands, SSE and
// AVX, DATA tables), the same every time, so that a large input exercises
// what real code does rather than one instruction repeated.
func writeGenerated(path string, size int) error {
	r := rand.New(rand.NewSource(1))
	gp := []string{"AX", "BX", "CX", "DX", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
	reg := func() string { return gp[r.Intn(len(gp))] }
	xr := func() string { return fmt.Sprintf("X%d", r.Intn(16)) }
	yr := func() string { return fmt.Sprintf("Y%d", r.Intn(16)) }
	alu := []string{"ADDQ", "SUBQ", "ANDQ", "ORQ", "XORQ", "ADCQ", "CMPQ", "TESTQ"} // the last two only with registers
	alul := []string{"ADDL", "SUBL", "ANDL", "ORL", "XORL", "SBBL"}
	shift := []string{"SHLQ", "SHRQ", "SARQ", "ROLQ", "RORQ"}
	jcc := []string{"JEQ", "JNE", "JLT", "JGE", "JHI", "JLS", "JCS", "JCC"}
	sse := []string{"PXOR", "PADDD", "PAND", "POR", "PCMPEQB", "PSHUFB", "ADDPS", "MULPD"}
	avx := []string{"VPADDD", "VPXOR", "VPAND", "VPOR", "VPSUBQ", "VPCMPEQB"}
	var b []byte
	for n := 0; len(b) < size; n++ {
		p := func(format string, args ...any) { b = fmt.Appendf(b, format, args...) }
		name := fmt.Sprintf("·gen%d", n)
		if n%7 == 3 {
			name = fmt.Sprintf("gen%d<>", n)
		}
		frame, flags := 8*r.Intn(12), 4 // NOSPLIT
		if n%3 == 0 {
			frame, flags = frame+64, 0 // a stack-split prologue
		}
		p("// gen%d is generated function number %d.\n", n, n)
		p("TEXT %s(SB), %d, $%d-24\n", name, flags, frame)
		p("\tMOVQ a+0(FP), %s\n\tMOVQ b+8(FP), %s\n", reg(), reg())
		labels := 0
		for i, body := 0, 8+r.Intn(40); i < body; i++ {
			if r.Intn(3) == 0 { // comments, as hand-written files have
				p("\t// step %d of gen%d: %s and %s\n", i, n, reg(), reg())
			}
			switch r.Intn(20) {
			case 0, 1, 2:
				p("\t%s %s, %s\n", alu[r.Intn(len(alu))], reg(), reg())
			case 3:
				p("\t%s $%d, %s\n", alu[r.Intn(len(alu)-2)], r.Intn(1<<20)-1<<19, reg())
			case 4:
				p("\t%s $%d, %s\n\tCMPL %s, $%d\n", alul[r.Intn(len(alul))], r.Intn(300), reg(), reg(), r.Intn(1000))
			case 5:
				p("\tMOVQ %d(%s)(%s*%d), %s\n", 8*r.Intn(64), reg(), reg(), 1<<r.Intn(4), reg())
			case 6:
				p("\tMOVQ %s, %d(%s)\n", reg(), 8*r.Intn(512), reg())
			case 7:
				p("\tLEAQ %d(%s)(%s*8), %s\n", r.Intn(4096), reg(), reg(), reg())
			case 8:
				p("\t%s $%d, %s\n", shift[r.Intn(len(shift))], 1+r.Intn(63), reg())
			case 9:
				p("\tMOVOU %d(%s), %s\n\t%s %s, %s\n", 16*r.Intn(8), reg(), xr(), sse[r.Intn(len(sse))], xr(), xr())
			case 10:
				p("\tVMOVDQU (%s)(%s*1), %s\n\t%s %s, %s, %s\n", reg(), reg(), yr(), avx[r.Intn(len(avx))], yr(), yr(), yr())
			case 11:
				p("loop%d:\n\tDECQ %s\n\t%s loop%d\n", labels, reg(), jcc[r.Intn(len(jcc))], labels)
				labels++
			case 12:
				p("\t%s skip%d\n\tINCQ %s\n\tIMULQ %s, %s\nskip%d:\n", jcc[r.Intn(len(jcc))], labels, reg(), reg(), reg(), labels)
				labels++
			case 13:
				if n > 0 {
					p("\tCALL ·gen%d(SB)\n", r.Intn(n)/7*7) // never a gen<> of another number
				} else {
					p("\tNOP\n")
				}
			case 14:
				p("\tMOVBLZX %d(%s), %s\n\tCMOVQEQ %s, %s\n", r.Intn(100), reg(), reg(), reg(), reg())
			case 15:
				p("\tMOVQ $%#x, %s\n", r.Uint64()>>r.Intn(64), reg())
			case 16:
				p("\tMOVQ $tab%d<>(SB), %s\n\tMOVL 4(%s), %s\n", n, reg(), reg(), reg())
			case 17:
				p("\tPUSHQ %s\n\tPOPQ %s\n", reg(), reg())
			case 18:
				p("\tMOVSD %d(%s), %s\n\tADDSD %s, %s\n", 8*r.Intn(16), reg(), xr(), xr(), xr())
			default:
				p("\tXCHGQ %s, %s // swap\n", reg(), reg())
			}
		}
		p("\tMOVQ %s, ret+16(FP)\n\tRET\n\n", reg())
		p("DATA tab%d<>+0(SB)/8, $%#x\nDATA tab%d<>+8(SB)/8, $%d\nGLOBL tab%d<>(SB), 8, $16\n\n", n, r.Uint64()>>1, n, n, n) // RODATA
	}
	return os.WriteFile(path, b, 0o644)
}
