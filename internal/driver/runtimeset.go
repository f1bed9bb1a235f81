package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	shared := slices.DeleteFunc(names, func(n string) bool { return strings.Contains(n, "_linux_") })
	pvh, err := fs.Glob(p9.RuntimeFS, RuntimeDir+"/pvh/*.s")
	if err != nil {
		return nil, err
	}
	return append(shared, pvh...), nil
}

// Target is one of the runtime's variants, assembled once ahead of time
// (go generate) into the archive RuntimeArchive(Name).
type Target struct {
	Name   string // the GOOS its sources are built for
	Format link.Format
	// Defines are the definitions of the target's sources: as Go's
	// assembler defines GOOS_<os>, sources can tell a boot image from a
	// Linux executable.
	Defines []string
}

// RuntimeTargets are the runtime's variants.
var RuntimeTargets = []Target{
	{"linux", link.FormatLinux, nil},
	{"pvh", link.FormatPVH, []string{"GOOS_pvh"}},
}

// targetOf is format f's target.
func targetOf(f link.Format) Target {
	for _, t := range RuntimeTargets {
		if t.Format == f {
			return t
		}
	}
	return RuntimeTargets[0]
}

// RuntimeObjDir is where the pre-assembled runtime archives live in the
// repository.
const RuntimeObjDir = RuntimeDir + "/obj"

// RuntimeArchive is the path of target's pre-assembled runtime in the
// repository; p9.RuntimeArchives[target] holds its bytes.
func RuntimeArchive(target string) string {
	return path.Join(RuntimeObjDir, target+".a")
}

// member is the name in its target's archive of the object assembled
// from source: the source's base name with .o for .s.
func member(source string) string {
	return strings.TrimSuffix(path.Base(source), ".s") + ".o"
}

// RuntimeArchiveData encodes a target's objects, named by their sources,
// as the archive go generate writes: members in the order of the sources,
// named by member.
func RuntimeArchiveData(objs []link.Input) []byte {
	ins := make([]link.Input, len(objs))
	for i, o := range objs {
		ins[i] = link.Input{Name: member(o.Name), Data: o.Data}
	}
	return link.WriteArchive(ins)
}

// AssembleRuntime assembles the runtime for format f from the embedded
// sources, as package runtime with only the target's own definitions
// (GOOS_pvh for a boot image), never a user's -D or -I: this is what
// go generate stores and what a link of that format uses. The objects
// are named by their sources, e.g. "runtime-src/asm_amd64.s", as messages
// name them.
func AssembleRuntime(f link.Format) ([]link.Input, error) {
	return assembleRuntime(f, "")
}

// assembleRuntime is AssembleRuntime with the recorded file names
// rewritten by trimpath (Go's -trimpath forms).
func assembleRuntime(f link.Format, trimpath string) ([]link.Input, error) {
	names, err := runtimeFiles(f)
	if err != nil {
		return nil, err
	}
	defines := targetOf(f).Defines
	objs := make([]link.Input, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() {
			data, _, err := AssembleObject([]string{n}, AsmConfig{Pkg: "runtime", Defines: defines, Embedded: true, TrimPath: trimpath})
			objs[i], errs[i] = link.Input{Name: n, Data: data}, err
		})
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
	target := targetOf(f).Name
	a, err := link.ReadArchive(RuntimeArchive(target), p9.RuntimeArchives[target])
	if err != nil {
		return nil, fmt.Errorf("the runtime carried in p9ld is unreadable (go generate makes it): %v", err)
	}
	if len(a.Members) != len(names) {
		return nil, fmt.Errorf("the runtime carried in p9ld has %d objects for %d sources (go generate makes them)", len(a.Members), len(names))
	}
	// The members are read in place, not copied: the linker never
	// writes to its inputs. They take their sources' names, which
	// messages, the debug information and the function table show.
	ins := make([]link.Input, len(names))
	for i, n := range names {
		ins[i] = link.Input{Name: n, Data: a.Members[i].Data}
	}
	return ins, nil
}

// PreloadRuntime starts loading the runtime p9ld carries for format f,
// as a link with StripSymbols strip loads it, for a link whose
// LinkConfig.Preload it becomes (link.StartPreload); nil if the runtime
// is unreadable, which the link then reports.
func PreloadRuntime(f link.Format, strip bool) *link.Preload {
	rt, err := runtimeObjects(f)
	if err != nil {
		return nil
	}
	return link.StartPreload(rt, strip)
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
	return assembleRuntime(f, RuntimeDir+"=>"+filepath.ToSlash(abs))
}
