// Command genobj assembles the runtime p9ld carries, for each target, into
// the archives p9ld embeds (go generate in the repository root runs it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/p9tools/p9/internal/driver"
)

func main() {
	out := flag.String("out", driver.RuntimeObjDir, "the directory to write <target>.a in")
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
		name := filepath.Join(out, filepath.Base(driver.RuntimeArchive(t.Name)))
		if err := os.WriteFile(name, driver.RuntimeArchiveData(objs), 0o644); err != nil {
			return err
		}
	}
	return nil
}
