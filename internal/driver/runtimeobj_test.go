package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9"
	"github.com/p9tools/p9/link"
)

// TestRuntimeObjectsCurrent: the runtime archives p9ld carries are what the
// runtime's sources assemble to with today's assembler, member by member,
// with no member for a source that is gone. When it fails, run go generate
// in the repository root.
func TestRuntimeObjectsCurrent(t *testing.T) {
	if len(p9.RuntimeArchives) != len(RuntimeTargets) {
		t.Errorf("p9ld carries %d runtime archives for %d targets", len(p9.RuntimeArchives), len(RuntimeTargets))
	}
	for _, tg := range RuntimeTargets {
		objs, err := AssembleRuntime(tg.Format)
		if err != nil {
			t.Fatalf("%s: %v", tg.Name, err)
		}
		name := RuntimeArchive(tg.Name)
		carried := p9.RuntimeArchives[tg.Name]
		a, err := link.ReadArchive(name, carried)
		if err != nil {
			t.Errorf("%v (run go generate)", err)
			continue
		}
		for i, o := range objs {
			if i >= len(a.Members) {
				t.Errorf("%s lacks %s's object (run go generate)", name, o.Name)
				continue
			}
			if want := name + "(" + member(o.Name) + ")"; a.Members[i].Name != want {
				t.Errorf("%s's member %d is %s, want %s (run go generate)", name, i, a.Members[i].Name, want)
			}
			if !bytes.Equal(a.Members[i].Data, o.Data) {
				t.Errorf("%s is stale: %s assembles differently today (run go generate)", a.Members[i].Name, o.Name)
			}
		}
		for _, m := range a.Members[min(len(objs), len(a.Members)):] {
			t.Errorf("%s has no source today (run go generate)", m.Name)
		}
		if want := RuntimeArchiveData(objs); !bytes.Equal(carried, want) {
			t.Errorf("%s differs from the archive go generate writes today (run go generate)", name)
		}
		// The repository's file is the one embedded.
		root, err := filepath.Abs("../..")
		if err != nil {
			t.Fatal(err)
		}
		if onDisk, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name))); err != nil || !bytes.Equal(onDisk, carried) {
			t.Errorf("%s on disk differs from the one p9ld embeds (%v)", name, err)
		}
	}
}
