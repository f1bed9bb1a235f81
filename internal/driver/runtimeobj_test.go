package driver

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"testing"

	"github.com/p9tools/p9"
)

// TestRuntimeObjectsCurrent: the runtime objects p9ld carries are what the
// runtime's sources assemble to with today's assembler, and there is no
// object without a source. When it fails, run go generate in the
// repository root.
func TestRuntimeObjectsCurrent(t *testing.T) {
	var want []string
	for _, tg := range RuntimeTargets {
		objs, err := AssembleRuntime(tg.Format)
		if err != nil {
			t.Fatalf("%s: %v", tg.Name, err)
		}
		for _, o := range objs {
			want = append(want, o.Object)
			got, err := fs.ReadFile(p9.RuntimeObjFS, o.Object)
			if err != nil {
				t.Errorf("%s: %v (run go generate)", o.Source, err)
				continue
			}
			if !bytes.Equal(got, o.Data) {
				t.Errorf("%s is stale: %s assembles differently today (run go generate)", o.Object, o.Source)
			}
		}
	}
	var have []string
	fs.WalkDir(p9.RuntimeObjFS, RuntimeObjDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && path.Ext(p) == ".o" {
			have = append(have, p)
		}
		return err
	})
	slices.Sort(want)
	if !slices.Equal(have, want) {
		t.Errorf("objects carried:\n%v\nobjects of today's sources:\n%v\n(run go generate)", have, want)
	}
}
