package baremetal_test

import (
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestPVHCollector: gcsurvive (lists held only by an interior pointer in
// a NOPTR global and by goroutines' stack frames, 320 MB of garbage
// allocated around them) boots in 128 MiB and prints "ok" at one, two
// and four CPUs, and with cycles five times as frequent (GOGC=20): the
// bare-metal runtime collects, with the same roots as on Linux (the
// image's writable sections), stopping the world by interrupt on one CPU.
// With the collector off the same image runs out of memory.
func TestPVHCollector(t *testing.T) {
	img := testutil.LinkPVH(t, t.TempDir(), "gcsurvive", "tests/runtime/testdata/gcsurvive.s")
	for _, c := range [][]string{
		{"-smp", "1"},
		{"-smp", "2"},
		{"-smp", "4"},
		{"-smp", "2", "-append", "GOGC=20"},
	} {
		serial, code := boot(t, img, append([]string{"-m", "128M"}, c...)...)
		if serial != "ok\n" || code != 1 {
			t.Errorf("%v: serial %q, status %d; want \"ok\\n\", status 1", c, serial, code)
		}
	}
	serial, _ := boot(t, img, "-m", "128M", "-append", "GOGC=off")
	if !strings.HasPrefix(serial, "fatal error: out of memory\n") {
		t.Errorf("GOGC=off: serial %q; want it to run out of memory (does the test need a collector?)", serial)
	}
}
