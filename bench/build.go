package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// env holds the paths every section uses: the module root, a scratch
// directory and the tools built or found there.
type env struct {
	root   string // module root
	tmp    string // scratch directory, removed at exit
	goroot string
	goasm  string // $(go env GOTOOLDIR)/asm
	p9as   string
	p9ld   string
	// p9asDefault is p9as built without releaseTags, for the start-up
	// such a build costs.
	p9asDefault string
	// rtObjs are runtime-src/*.s assembled by p9as, once needed.
	rtObjs []string
}

// releaseTags are the build tags the README installs the commands with:
// urfave/cli's switch that leaves out its documentation generators.
const releaseTags = "urfave_cli_no_docs"

// setup builds p9as and p9ld into a scratch directory and locates Go's
// assembler.
func setup(root string) (*env, error) {
	tmp, err := os.MkdirTemp("", "p9bench")
	if err != nil {
		return nil, err
	}
	e := &env{root: root, tmp: tmp}
	vars, err := output(command{name: "go", args: []string{"env", "GOROOT", "GOTOOLDIR"}, timeout: buildTimeout})
	if err != nil {
		return e, err
	}
	goroot, tooldir, _ := strings.Cut(vars, "\n")
	e.goroot, e.goasm = goroot, filepath.Join(tooldir, "asm")
	if _, err := os.Stat(e.goasm); err != nil {
		return e, fmt.Errorf("Go's assembler: %v", err)
	}
	e.p9as = filepath.Join(tmp, "bin", "p9as")
	e.p9ld = filepath.Join(tmp, "bin", "p9ld")
	if err := e.goBuild(e.p9as, "./cmd/p9as", "-tags", releaseTags); err != nil {
		return e, err
	}
	if err := e.goBuild(e.p9ld, "./cmd/p9ld", "-tags", releaseTags); err != nil {
		return e, err
	}
	e.p9asDefault = filepath.Join(tmp, "bin", "p9as-default")
	if err := e.goBuild(e.p9asDefault, "./cmd/p9as"); err != nil {
		return e, err
	}
	return e, nil
}

// goBuild builds the package pkg (relative to the module root) to out.
//
// The executable is then written again, with plain writes, as the
// programs it is measured against are: the system's tools, Go's own, and
// what p9ld links. The same bytes measured 7% slower to start while the
// file is the one the Go linker wrote (p9ld -o hello examples/hello.s:
// the copy 0.93x, with the same page faults), a state of the page cache
// that an installed program is not in once it has been read from disk.
func (e *env) goBuild(out, pkg string, flags ...string) error {
	built := out + ".built"
	args := append([]string{"build", "-o", built}, flags...)
	_, err := run(command{dir: e.root, name: "go", args: append(args, pkg), timeout: buildTimeout})
	if err != nil {
		return fmt.Errorf("go build %s: %v", pkg, err)
	}
	data, err := os.ReadFile(built)
	if err == nil {
		err = os.WriteFile(out, data, 0o755)
	}
	if err == nil {
		err = os.Remove(built)
	}
	return err
}

// path returns a path under the scratch directory, creating its parent.
func (e *env) path(elem ...string) string {
	p := filepath.Join(append([]string{e.tmp}, elem...)...)
	os.MkdirAll(filepath.Dir(p), 0o755)
	return p
}
