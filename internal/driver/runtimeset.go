package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/p9tools/p9/internal/atomicfile"

	"github.com/p9tools/p9"
	"github.com/p9tools/p9/link"
)

// runtimeFiles lists the embedded runtime sources a link of format f
// assembles. runtime-src/*.s is the Linux runtime; for a PVH image its
// files named *_linux_* (entry, system calls, start-up, signals) give way
// to the bare-metal layer in runtime-src/pvh, which defines the same
// functions, and the scheduler is shared unchanged.
func runtimeFiles(f link.Format) ([]string, error) {
	names, err := fs.Glob(p9.RuntimeFS, RuntimeDir+"/*.s")
	if err != nil || f != link.FormatPVH {
		return names, err
	}
	shared := names[:0:0]
	for _, n := range names {
		if !strings.Contains(n, "_linux_") {
			shared = append(shared, n)
		}
	}
	pvh, err := fs.Glob(p9.RuntimeFS, RuntimeDir+"/pvh/*.s")
	if err != nil {
		return nil, err
	}
	return append(shared, pvh...), nil
}

// RuntimeTargets are the runtime's variants, each assembled once ahead of
// time (go generate) into RuntimeObjDir/<name>.
var RuntimeTargets = []struct {
	Name   string
	Format link.Format
}{
	{"linux", link.FormatLinux},
	{"pvh", link.FormatPVH},
}

// RuntimeObjDir is where the pre-assembled runtime objects live in the
// repository and in p9.RuntimeObjFS.
const RuntimeObjDir = RuntimeDir + "/obj"

// RuntimeObject is one assembled runtime source.
type RuntimeObject struct {
	Source string // e.g. "runtime-src/asm_amd64.s", as messages name it
	Object string // its object's path under RuntimeObjDir/<target>
	Data   []byte
}

// AssembleRuntime assembles the runtime for format f from the embedded
// sources, as package runtime with only the target's own definitions
// (GOOS_pvh for a boot image), never a user's -D or -I: this is what
// go generate stores and what a link of that format uses.
func AssembleRuntime(f link.Format) ([]RuntimeObject, error) {
	return assembleRuntime(f, "")
}

// assembleRuntime is AssembleRuntime with the recorded file names
// rewritten by trimpath (Go's -trimpath forms).
func assembleRuntime(f link.Format, trimpath string) ([]RuntimeObject, error) {
	names, err := runtimeFiles(f)
	if err != nil {
		return nil, err
	}
	var defines []string
	if f == link.FormatPVH {
		defines = pvhDefines
	}
	objs := make([]RuntimeObject, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, _, err := AssembleObject([]string{n}, AsmConfig{Pkg: "runtime", Defines: defines, Embedded: true, TrimPath: trimpath})
			objs[i], errs[i] = RuntimeObject{Source: n, Object: runtimeObjectName(f, n), Data: data}, err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return objs, nil
}

// runtimeObjects returns the pre-assembled runtime for format f, in the
// order of its sources.
func runtimeObjects(f link.Format) ([]link.Input, error) {
	names, err := runtimeFiles(f)
	if err != nil {
		return nil, err
	}
	ins := make([]link.Input, len(names))
	for i, n := range names {
		data, err := fs.ReadFile(p9.RuntimeObjFS, runtimeObjectName(f, n))
		if err != nil {
			return nil, fmt.Errorf("the runtime carried in p9ld lacks %s's object (go generate makes it): %v", n, err)
		}
		ins[i] = link.Input{Name: n, Data: data}
	}
	return ins, nil
}

// runtimeObjectsAt writes the runtime's sources (RuntimeDir's files, as
// p9ld carries them) under dir and assembles them for format f with
// their file names in dir, so that the debug information and tracebacks
// name files a debugger can open. The objects differ from the carried
// ones only in those names; assembling costs the link some milliseconds.
func runtimeObjectsAt(f link.Format, dir string) ([]link.Input, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(p9.RuntimeFS, RuntimeDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(p9.RuntimeFS, name)
		if err != nil {
			return err
		}
		out := filepath.Join(abs, filepath.FromSlash(strings.TrimPrefix(name, RuntimeDir+"/")))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return atomicfile.Write(out, data, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("--runtime-src: %v", errors.Unwrap(err))
	}
	objs, err := assembleRuntime(f, RuntimeDir+"=>"+filepath.ToSlash(abs))
	if err != nil {
		return nil, err
	}
	ins := make([]link.Input, len(objs))
	for i, o := range objs {
		ins[i] = link.Input{Name: o.Source, Data: o.Data}
	}
	return ins, nil
}

// runtimeObjectName is where source n's object for format f is kept.
func runtimeObjectName(f link.Format, n string) string {
	target := "linux"
	for _, t := range RuntimeTargets {
		if t.Format == f {
			target = t.Name
		}
	}
	return path.Join(RuntimeObjDir, target, strings.TrimSuffix(path.Base(n), ".s")+".o")
}

// pvhDefines are the definitions of a boot image's sources: as Go's
// assembler defines GOOS_<os>, sources can tell a boot image from a Linux
// executable.
var pvhDefines = []string{"GOOS_pvh"}
