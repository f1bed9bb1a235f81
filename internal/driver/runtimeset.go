package driver

import (
	"io/fs"
	"strings"

	"github.com/p9tools/p9"
	"github.com/p9tools/p9/elf/link"
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
