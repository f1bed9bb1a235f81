// Command bench measures p9 against the tools and runtime it replaces:
// p9as against Go's asm, p9ld against GNU ld and lld, a p9 hello against
// a Go hello, and the p9 runtime's scheduler, goroutine stacks and
// allocator against Go's. It builds what it needs into a scratch
// directory, prints one Markdown report (machine, medians over repeated
// runs, ratios, targets) and writes it to bench/RESULTS.md.
//
//	go run ./bench [-runs 7] [-only asm,corpus,link,hello,sched,stacks,alloc,timers,echo]
package main

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	if os.Getenv(rssWrapEnv) != "" {
		os.Exit(rssWrapper(os.Args[1:]))
	}
	os.Exit(mainErr())
}

func mainErr() int {
	runs := flag.Int("runs", 5, "repeated runs; each result is their median")
	execs := flag.Int("execs", 200, "fork/exec/wait cycles per hello program")
	only := flag.String("only", strings.Join(sectionNames, ","), "comma-separated sections to run")
	out := flag.String("out", "bench/RESULTS.md", "write the report here, relative to the module root (\"\" for none)")
	timeout := flag.Duration("timeout", 2*time.Minute, "limit for each external command")
	note := flag.String("note", "", "a remark to print under the machine table")
	procsFlag := flag.String("procs", "1,2,4", "GOMAXPROCS values for the runtime micro-benchmarks")
	refresh := flag.Bool("refresh", false, "rediscover the std corpus instead of using the cached list")
	hot := flag.Bool("hotspots", true, "add in-process CPU profiles' hot spots to the report")
	pprofDir := flag.String("pprof", "", "instead of the report, write CPU profiles of in-process p9as and p9ld runs to this directory")
	goroutines := flag.Int("goroutines", 1000000, "goroutines alive at once in the stacks section's goroutines1m")
	depth := flag.Int("depth", 1000000, "recursion depth of the stacks section's deeprec")
	churnFlag := flag.String("churn", "10000000,100000000", "blocks the alloc section's allocchurn allocates and frees, comma-separated")
	allocM := flag.Int("allocm", 2000000, "allocations per goroutine in the alloc section's allocsizes")
	heapMiB := flag.Int("heap", 1024, "MiB the alloc section's allocscavenge grows the heap by")
	idle := flag.Int("idle", 10, "seconds allocscavenge waits at most for its freed memory to leave")
	sleepersFlag := flag.String("sleepers", "10000,100000", "goroutines the timers section's examples/timers.s puts to sleep at once, comma-separated")
	flag.Parse()
	if *runs < 1 || *execs < 1 || *goroutines < 1 || *depth < 1 || *allocM < 1 || *heapMiB < 1 || *idle < 0 {
		fmt.Fprintln(os.Stderr, "bench: -runs, -execs, -goroutines, -depth, -allocm and -heap must be at least 1, -idle at least 0")
		return 2
	}
	cmdTimeout = *timeout
	churn, err1 := intList("churn", *churnFlag)
	sleepers, err2 := intList("sleepers", *sleepersFlag)
	procs, err3 := intList("procs", *procsFlag)
	if err := cmp.Or(err1, err2, err3); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 2
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		s = strings.TrimSpace(s)
		if !slices.Contains(sectionNames, s) {
			fmt.Fprintf(os.Stderr, "bench: unknown section %q in -only (want %s)\n", s, strings.Join(sectionNames, ", "))
			return 2
		}
		want[s] = true
	}

	gomod, err := output(command{name: "go", args: []string{"env", "GOMOD"}, timeout: buildTimeout})
	if err != nil || gomod == "" || gomod == os.DevNull {
		fmt.Fprintln(os.Stderr, "bench: run inside the p9 module (go env GOMOD finds no go.mod):", err)
		return 1
	}
	root := filepath.Dir(gomod)
	m := probeMachine(root)
	progress("building p9as and p9ld")
	e, err := setup(root)
	if e != nil && e.tmp != "" {
		defer os.RemoveAll(e.tmp)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	if *pprofDir != "" {
		if err := profile(e, m.goVersion, *pprofDir); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		return 0
	}
	var sections []section
	var corpus []corpusFile
	var tree string
	if want["asm"] || want["corpus"] {
		cerr := errSkipped
		if want["corpus"] {
			progress("loading the std corpus")
			corpus, tree, cerr = loadCorpus(e, m.goVersion, *refresh)
		}
		progress("timing p9as and Go's asm")
		sections = append(sections, asmSection(e, *runs, want["asm"], corpus, tree, cerr))
	}
	for _, step := range []struct {
		name, doing string
		run         func() section
	}{
		{"link", "timing p9ld, GNU ld and lld", func() section { return linkSection(e, *runs, m) }},
		{"hello", "timing hello", func() section { return helloSection(e, *execs) }},
		{"sched", "running the runtime micro-benchmarks", func() section { return schedSection(e, *runs, procs) }},
		{"stacks", "running the goroutine stack benchmarks", func() section { return stacksSection(e, *runs, procs, *goroutines, *depth) }},
		{"alloc", "running the allocator benchmarks", func() section {
			return allocSection(e, *runs, procs, allocConfig{churn: churn, perG: *allocM, heap: *heapMiB, idle: *idle})
		}},
		{"timers", "running the timer benchmarks", func() section { return timersSection(e, *runs, procs, sleepers) }},
		{"echo", "running the echo servers", func() section { return echoSection(e, *runs, []int{1, 2}) }},
	} {
		if want[step.name] {
			progress(step.doing)
			sections = append(sections, step.run())
		}
	}
	m.loadEnd = loadAvg()
	var hotSection []section
	// The hot spots are p9as's and p9ld's: not worth their time when only
	// the stack or allocator benchmarks were asked for.
	if *hot && (want["asm"] || want["corpus"] || want["link"] || want["hello"] || want["sched"]) {
		progress("profiling p9as and p9ld in process")
		hotSection = append(hotSection, hotSpots(e, corpus, tree))
	}

	var buf bytes.Buffer
	if _, err := os.Stat(filepath.Join(root, "bench", "ANALYSIS.md")); err == nil {
		*note = strings.TrimSpace(*note + "\n\nbench/ANALYSIS.md reads the profiles behind the missed targets and says what would close each gap " +
			"(written for the run it names).")
	}
	report(&buf, m, sections, hotSection, *runs, *note)
	os.Stdout.Write(buf.Bytes())
	if *out != "" {
		path := *out
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		progress("wrote " + *out)
	}
	return 0
}

// sectionNames are the sections -only may name, in the report's order.
var sectionNames = []string{"asm", "corpus", "link", "hello", "sched", "stacks", "alloc", "timers", "echo"}

var errSkipped = errors.New("skipped")

// intList reads the comma-separated numbers, each at least 1, given to
// the flag name.
func intList(name, list string) ([]int, error) {
	var out []int
	for _, v := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad -%s value %q", name, v)
		}
		out = append(out, n)
	}
	return out, nil
}

func progress(s string) { fmt.Fprintf(os.Stderr, "bench: %s\n", s) }

func report(w io.Writer, m *machine, sections, extra []section, runs int, note string) {
	fmt.Fprintln(w, "# Benchmark results")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Written by `go run ./bench` (see bench/main.go for the flags). Ratios are p9 / peer: below 1 means p9 is faster or smaller.")
	fmt.Fprintln(w)
	busy := ""
	l0, err0 := strconv.ParseFloat(m.loadStart, 64)
	l1, err1 := strconv.ParseFloat(m.loadEnd, 64)
	if err0 == nil && err1 == nil && max(l0, l1) > float64(m.cores)/2 {
		busy = fmt.Sprintf("The machine was busy with other work during this run (load average %s at the start and %s at the end, on %d cores): "+
			"absolute times are inflated and noisy; the ratios, taken with the tools alternating, are the more reliable figures.",
			m.loadStart, m.loadEnd, m.cores)
	}
	m.write(w, runs, strings.TrimSpace(note+"\n\n"+busy))
	for _, s := range sections {
		s.write(w)
	}
	writeTargets(w, sections)
	for _, s := range extra {
		s.write(w)
	}
}
