// Command genobj assembles the runtime p9ld carries, for each target, into
// the objects p9ld embeds (go generate in the repository root runs it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/p9tools/p9/internal/driver"
)

func main() {
	out := flag.String("out", driver.RuntimeObjDir, "the directory to write <target>/<file>.o under")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genobj:", err)
		os.Exit(1)
	}
}

func generate(out string) error {
	for _, t := range driver.RuntimeTargets {
		objs, err := driver.AssembleRuntime(t.Format)
		if err != nil {
			return err
		}
		dir := filepath.Join(out, t.Name)
		// Objects of sources that are gone must not stay behind.
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, o := range objs {
			name := filepath.Join(out, strings.TrimPrefix(o.Object, driver.RuntimeObjDir+"/"))
			if err := os.WriteFile(name, o.Data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
