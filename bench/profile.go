package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/p9tools/p9/internal/driver"
)

// workload is something p9as or p9ld does, run in this process so that a
// profile of it holds no process start-up.
type workload struct {
	name, what string
	fn         func()
}

// workloads returns p9as on the std corpus files it assembles, p9as on
// amd64enc.s, and p9ld linking the runtime objects.
func workloads(e *env, corpus []corpusFile, tree string) ([]workload, error) {
	type job struct {
		files []string
		cfg   driver.AsmConfig
	}
	var jobs []job
	for _, f := range corpus {
		cfg := driver.AsmConfig{}
		args := f.p9Args(tree, "")
		for i := 0; i+1 < len(args); i += 2 {
			switch args[i] {
			case "-p":
				cfg.Pkg = args[i+1]
			case "-I":
				cfg.IncludeDirs = append(cfg.IncludeDirs, args[i+1])
			case "-D":
				cfg.Defines = append(cfg.Defines, args[i+1])
			}
		}
		j := job{files: []string{filepath.Join(e.goroot, f.Dir, f.File)}, cfg: cfg}
		if _, _, err := driver.AssembleObject(j.files, j.cfg); err == nil {
			jobs = append(jobs, j)
		}
	}
	enc := filepath.Join(encDir(e), "amd64enc.s")
	objs, err := runtimeObjects(e, "goroutines")
	if err != nil {
		return nil, err
	}
	var ws []workload
	if len(jobs) > 0 {
		ws = append(ws, workload{"corpus", fmt.Sprintf("p9as on the %d std corpus files it assembles", len(jobs)), func() {
			for _, j := range jobs {
				driver.AssembleObject(j.files, j.cfg)
			}
		}})
	}
	return append(ws,
		workload{"amd64enc", "p9as on amd64enc.s", func() {
			driver.AssembleObject([]string{enc}, driver.AsmConfig{Pkg: "main"})
		}},
		workload{"link", fmt.Sprintf("p9ld --no-runtime on the %d objects of the link benchmark", len(objs)), func() {
			driver.Link(objs, driver.LinkConfig{NoRuntime: true})
		}},
	), nil
}

// profile is -pprof: it writes CPU and allocation profiles of every
// workload to dir.
func profile(e *env, goVersion, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	corpus, tree, err := loadCorpus(e, goVersion, false)
	if err != nil {
		return err
	}
	ws, err := workloads(e, corpus, tree)
	if err != nil {
		return err
	}
	for _, w := range ws {
		per, err := profileOne(dir, w, 2*time.Second)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "bench: %s: %v each (in process); %s\n", w.what, per.Round(time.Microsecond),
			filepath.Join(dir, w.name+".cpu.pprof"))
	}
	return nil
}

// profileOne runs w repeatedly for about d under the CPU profiler, then
// writes an allocation profile, and returns the time of one run.
func profileOne(dir string, w workload, d time.Duration) (time.Duration, error) {
	cpu, err := os.Create(filepath.Join(dir, w.name+".cpu.pprof"))
	if err != nil {
		return 0, err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return 0, err
	}
	start := time.Now()
	n := 0
	for n == 0 || time.Since(start) < d {
		w.fn()
		n++
	}
	pprof.StopCPUProfile()
	per := time.Since(start) / time.Duration(n)
	mem, err := os.Create(filepath.Join(dir, w.name+".alloc.pprof"))
	if err != nil {
		return 0, err
	}
	defer mem.Close()
	return per, pprof.Lookup("allocs").WriteTo(mem, 0)
}

// hotSpots profiles every workload and reports p9's functions with the
// most cumulative CPU time in each, from `go tool pprof -top -cum`.
func hotSpots(e *env, corpus []corpusFile, tree string) section {
	s := section{title: "Hot spots (in-process CPU profiles)"}
	ws, err := workloads(e, corpus, tree)
	if err != nil {
		s.intro = "not profiled: " + err.Error()
		return s
	}
	dir := filepath.Dir(e.path("pprof", "x"))
	s.intro = "Each workload runs in the harness's own process for about two seconds under the CPU profiler " +
		"(`go run ./bench -pprof dir` keeps the profiles). Listed: p9's functions by cumulative share of the samples, " +
		"and the garbage collector's share."
	for _, w := range ws {
		per, err := profileOne(dir, w, 2*time.Second)
		if err != nil {
			s.notes = append(s.notes, fmt.Sprintf("**%s**: %v", w.what, err))
			continue
		}
		top, err := output(command{name: "go", args: []string{"tool", "pprof", "-top", "-cum", "-nodecount=400",
			filepath.Join(dir, w.name+".cpu.pprof")}, timeout: buildTimeout})
		if err != nil {
			s.notes = append(s.notes, fmt.Sprintf("**%s**: go tool pprof: %v", w.what, err))
			continue
		}
		s.notes = append(s.notes, fmt.Sprintf("<details><summary>%s: %v per run in process</summary>\n\n```\n%s\n```\n\n</details>",
			w.what, per.Round(time.Microsecond), pprofLines(top, 16)))
	}
	return s
}

// pprofLines keeps the header and the first n lines that name p9 code or
// the garbage collector's workers.
func pprofLines(top string, n int) string {
	var out []string
	kept := 0
	for _, l := range strings.Split(top, "\n") {
		f := strings.Fields(l)
		switch {
		case strings.Contains(l, "flat%"):
			out = append(out, l)
		case len(f) == 6 && kept < n && (strings.Contains(f[5], "p9tools/p9/") || f[5] == "runtime.gcBgMarkWorker" || f[5] == "runtime.mallocgc"):
			out = append(out, strings.Replace(l, "github.com/p9tools/p9/", "", 1))
			kept++
		}
	}
	return strings.Join(out, "\n")
}
