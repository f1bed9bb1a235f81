package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

const linkTarget = 1.0 // p9ld / GNU ld

// linkSamples is how many times each linker runs per benchmark run.
const linkSamples = 10

// linkSection times p9ld against GNU ld and against lld linking the same
// p9as objects. p9ld is timed as users run it, on an example's source
// alone with the runtime it carries (assembling the example is part of its
// time), the peers linking that runtime's objects and the example's: for
// examples/hello.s the objects are the members of the archive p9ld
// carries (runtime-src/obj/linux.a, extracted with ar x), the comparison
// issue #15 asks for; for examples/goroutines.s they are runtime-src/*.s
// assembled by p9as, which p9ld also links given the objects
// (--no-runtime).
func linkSection(e *env, runs int, m *machine) section {
	s := section{
		title: "p9ld vs GNU ld and lld",
		intro: "Whole-process wall time linking the same p9as objects; `ld -static -e _rt0_amd64_linux`, " +
			"`ld.lld -static -e _rt0_amd64_linux`. In the default rows p9ld runs as users run it, on the example's source alone " +
			"(`p9ld -o out examples/hello.s`), the runtime coming from the archive it carries and assembling the example " +
			"being part of its time; the peers link the same runtime's objects and the example assembled by p9as " +
			"(`-p main -I runtime-src`): for hello.s the members of runtime-src/obj/linux.a as `ar x` extracts them, " +
			"for goroutines.s runtime-src/*.s assembled by p9as (`-p runtime -I runtime-src`), which the --no-runtime row " +
			"gives p9ld too. Each row alternates p9ld with that peer alone, ten links of each per run; " +
			"the medians are over all of them. Each output is run once to check it works.",
	}
	var peers []peerLinker
	for _, p := range []struct{ peer, tool, pkg string }{{"GNU ld", "ld", "binutils"}, {"lld", "ld.lld", "lld"}} {
		path, err := exec.LookPath(p.tool)
		l := peerLinker{peer: p.peer, path: path, out: e.path("link", p.tool+".out")}
		if err != nil {
			l.failed = fmt.Sprintf("%s not found; skipped (on Debian: apt-get install -y %s)", p.tool, p.pkg)
		} else if v, err := output(command{name: path, args: []string{"--version"}}); err == nil {
			m.peers = append(m.peers, p.peer+": "+firstLine(v))
		}
		peers = append(peers, l)
	}
	ours := e.path("link", "p9ld.out")
	type linkCase struct {
		name string
		args []string // p9ld's
		objs []string // the peers'
		err  error
	}
	objs, err := carriedObjects(e, "hello")
	cases := []linkCase{{name: "hello.s, p9ld default (runtime carried)",
		args: []string{"-o", ours, filepath.Join(e.root, "examples", "hello.s")}, objs: objs, err: err}}
	if objs, err := runtimeObjects(e, "goroutines"); err == nil {
		cases = append(cases,
			linkCase{name: fmt.Sprintf("runtime + goroutines.s (%d objects), p9ld --no-runtime", len(objs)),
				args: append([]string{"--no-runtime", "-o", ours}, objs...), objs: objs},
			linkCase{name: "goroutines.s, p9ld default (runtime carried)",
				args: []string{"-o", ours, filepath.Join(e.root, "examples", "goroutines.s")}, objs: objs})
	} else {
		cases = append(cases, linkCase{name: "runtime + goroutines.s", err: err})
	}
	for _, c := range cases {
		for _, l := range peers {
			r := row{name: c.name, peer: l.peer, unit: unitMs, failed: l.failed}
			if l.peer == "GNU ld" {
				r.target.ratio = linkTarget
			}
			if c.err != nil {
				r.failed = c.err.Error()
			}
			if r.failed == "" {
				theirs := command{name: l.path, args: append([]string{"-static", "-e", "_rt0_amd64_linux", "-o", l.out}, c.objs...)}
				r = timeLinkers(r, command{name: e.p9ld, args: c.args}, theirs, ours, l.out, runs)
			}
			s.rows = append(s.rows, r)
		}
	}
	return s
}

// carriedObjects returns the objects of the runtime p9ld carries, the
// members of runtime-src/obj/linux.a extracted with ar x in the archive's
// order, and examples/<name>.s assembled by p9as.
func carriedObjects(e *env, name string) ([]string, error) {
	ar, err := exec.LookPath("ar")
	if err != nil {
		return nil, fmt.Errorf("ar not found; skipped (on Debian: apt-get install -y binutils)")
	}
	archive := filepath.Join(e.root, "runtime-src", "obj", "linux.a")
	dir := filepath.Dir(e.path("link", "carried", "x"))
	if _, err := run(command{dir: dir, name: ar, args: []string{"x", archive}}); err != nil {
		return nil, fmt.Errorf("ar x %s: %v", archive, err)
	}
	list, err := output(command{name: ar, args: []string{"t", archive}})
	if err != nil {
		return nil, fmt.Errorf("ar t %s: %v", archive, err)
	}
	var objs []string
	for _, m := range strings.Fields(list) {
		objs = append(objs, filepath.Join(dir, m))
	}
	o, err := exampleObject(e, name)
	if err != nil {
		return nil, err
	}
	return append(objs, o), nil
}

// peerLinker is another linker, or why it is not measured.
type peerLinker struct {
	peer, path, out, failed string
}

// timeLinkers fills r with the medians of p9ld (command ours, writing
// oursOut) and the peer r names (theirs, writing theirsOut), the two alternating: a linker
// that runs just after lld, whose working set evicts the caches, is
// slower for it, and a three-way rotation would put p9ld after lld twice
// as often as ld. A link takes milliseconds, which one run measures too
// noisily: each run takes linkSamples turns of each.
func timeLinkers(r row, ours, theirs command, oursOut, theirsOut string, runs int) row {
	t, err := alternate([2]command{ours, theirs}, runs*linkSamples, 0, func(who int, _ result, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %v", []string{"p9ld", r.peer}[who], err)
		}
		return nil
	})
	if err != nil {
		r.failed = err.Error()
		return r
	}
	r = t.fill(r)
	r.note = checkRuns(oursOut, theirsOut) + "; " + r.note
	return r
}

// runtimeObjects assembles a program's link inputs with p9as: the
// runtime, runtime-src/*.s (once per run of the harness), and
// examples/<name>.s.
func runtimeObjects(e *env, name string) ([]string, error) {
	if e.rtObjs == nil {
		srcs, _ := filepath.Glob(filepath.Join(e.root, "runtime-src", "*.s"))
		if len(srcs) == 0 {
			return nil, fmt.Errorf("no runtime-src/*.s under %s", e.root)
		}
		var objs []string
		inc := filepath.Join(e.root, "runtime-src")
		for _, s := range srcs {
			o := e.path("link", "obj", "runtime_"+strings.TrimSuffix(filepath.Base(s), ".s")+".o")
			if _, err := run(command{name: e.p9as, args: []string{"-p", "runtime", "-I", inc, "-o", o, s}}); err != nil {
				return nil, fmt.Errorf("%s: %v", filepath.Base(s), err)
			}
			objs = append(objs, o)
		}
		e.rtObjs = objs
	}
	o, err := exampleObject(e, name)
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(e.rtObjs), o), nil
}

// exampleObject assembles examples/<name>.s with p9as as package main.
func exampleObject(e *env, name string) (string, error) {
	o := e.path("link", "obj", name+".o")
	inc := filepath.Join(e.root, "runtime-src")
	if _, err := run(command{name: e.p9as, args: []string{"-p", "main", "-I", inc, "-o", o, filepath.Join(e.root, "examples", name+".s")}}); err != nil {
		return "", fmt.Errorf("%s.s: %v", name, err)
	}
	return o, nil
}

// checkRuns runs both executables once and says if either fails or they
// disagree on the first word of their output (the sum).
func checkRuns(ours, theirs string) string {
	a, errA := run(command{name: ours, env: []string{"GOMAXPROCS=2"}})
	b, errB := run(command{name: theirs, env: []string{"GOMAXPROCS=2"}})
	switch {
	case errA != nil:
		return "p9ld's output fails: " + errA.Error()
	case errB != nil:
		return "peer's output fails: " + errB.Error()
	}
	fa, fb := strings.Fields(a.stdout), strings.Fields(b.stdout)
	if len(fa) == 0 || len(fb) == 0 || fa[0] != fb[0] {
		return fmt.Sprintf("outputs differ: %q vs %q", firstLine(a.stdout), firstLine(b.stdout))
	}
	return "both outputs run and agree"
}
