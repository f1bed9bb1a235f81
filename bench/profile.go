package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/p9tools/p9/internal/driver"
)

// profile writes CPU and allocation profiles of the work p9as and p9ld do,
// run in this process so the profiles hold no process start-up: p9as on
// amd64enc.s, p9as on every std corpus file it assembles, and p9ld linking
// the runtime objects.
func profile(root, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	e, err := setup(root)
	if e != nil && e.tmp != "" {
		defer os.RemoveAll(e.tmp)
	}
	if err != nil {
		return err
	}
	goVersion, _ := output(command{name: "go", args: []string{"env", "GOVERSION"}})
	corpus, tree, err := loadCorpus(e, goVersion, false)
	if err != nil {
		return err
	}
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
	enc := filepath.Join(e.goroot, "src", "cmd", "asm", "internal", "asm", "testdata", "amd64enc.s")
	objs, err := runtimeObjects(e)
	if err != nil {
		return err
	}

	work := []struct {
		name string
		fn   func()
	}{
		{"corpus", func() {
			for _, j := range jobs {
				driver.AssembleObject(j.files, j.cfg)
			}
		}},
		{"amd64enc", func() { driver.AssembleObject([]string{enc}, driver.AsmConfig{Pkg: "main"}) }},
		{"link", func() { driver.Link(objs, driver.LinkConfig{NoRuntime: true}) }},
	}
	for _, w := range work {
		if err := profileOne(dir, w.name, w.fn); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "bench: corpus profile covers the %d of %d files p9as assembles\n", len(jobs), len(corpus))
	return nil
}

// profileOne runs fn repeatedly for about two seconds under the CPU
// profiler, then writes an allocation profile.
func profileOne(dir, name string, fn func()) error {
	cpu, err := os.Create(filepath.Join(dir, name+".cpu.pprof"))
	if err != nil {
		return err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	start := time.Now()
	n := 0
	for time.Since(start) < 2*time.Second {
		fn()
		n++
	}
	pprof.StopCPUProfile()
	per := time.Since(start) / time.Duration(n)
	fmt.Fprintf(os.Stderr, "bench: %s: %d iterations, %v each (in process)\n", name, n, per.Round(time.Microsecond))
	mem, err := os.Create(filepath.Join(dir, name+".alloc.pprof"))
	if err != nil {
		return err
	}
	defer mem.Close()
	return pprof.Lookup("allocs").WriteTo(mem, 0)
}
