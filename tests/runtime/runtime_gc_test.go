package runtime_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestGCLiveDataSurvives: lists reachable only through an interior
// pointer in a NOPTR global, or only from a slot in a goroutine's stack
// frame, stay intact while four goroutines and main allocate 320 MB of
// garbage (blocks pointing at themselves among it), at GOMAXPROCS 1, 2
// and 4 with asynchronous preemption on, over repeated runs. A collector
// that skipped the stack roots, or data and bss, would free a list and the
// program would report it broken.
func TestGCLiveDataSurvives(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "gcsurvive")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/gcsurvive.s")
	for _, procs := range []int{1, 2, 4} {
		for run := 0; run < 3; run++ {
			out, errOut, code, rss, err := testutil.RunMaxRSS(exe, procs, 60*time.Second)
			if err != nil || code != 0 || out != "ok\n" {
				t.Fatalf("GOMAXPROCS=%d run %d: exit %d, err %v, stdout %q, stderr %q", procs, run, code, err, out, errOut)
			}
			t.Logf("GOMAXPROCS=%d run %d: peak RSS %.1f MB", procs, run, float64(rss)/1e6)
			// The peak stays bounded at every GOMAXPROCS: the world stops
			// in about a millisecond, even with more Ps than cores.
			if rss > 96<<20 {
				t.Errorf("GOMAXPROCS=%d: peak RSS %d bytes; want under 96 MiB", procs, rss)
			}
		}
	}
}

// TestGCFrequentCycles: gcsurvive again with a cycle at nearly every
// cache refill (GOGC=1, thousands of cycles a run), where any thread the
// stop-the-world does not stop (sysmon allocating an xsave area to
// preempt a goroutine, an idle M its poll buffer) meets the sweep. Before
// such threads took blocks only inside a region the world waits for, a
// third of the runs at GOMAXPROCS=1 broke a central list.
func TestGCFrequentCycles(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "gcsurvive")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/gcsurvive.s")
	for _, procs := range []int{1, 1, 1, 1, 1, 1, 2, 2, 4, 4} {
		out, errOut, code, _, err := testutil.RunMaxRSS(exe, procs, 60*time.Second, "GOGC=1")
		if err != nil || code != 0 || out != "ok\n" {
			t.Fatalf("GOGC=1 GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q", procs, code, err, out, errOut)
		}
	}
}

// TestGCMarkStackOverflow: a block holding the only pointers to 100,000
// blocks, each with a child, survives 256 MB of churn when the mark stack
// holds all of them, 256 (P9DEBUG=gcmarkstack=4096) or one: the blocks
// the stack had no room for stay marked and are scanned in a later pass.
// A collector that only marked them would free every child.
func TestGCMarkStackOverflow(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "gcwide")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/gcwide.s")
	for _, size := range []string{"", "4096", "16"} {
		for _, procs := range []int{1, 4} {
			out, errOut, code, err := runEnv(exe, procs, "P9DEBUG=gcmarkstack="+size)
			if err != nil || code != 0 || out != "ok\n" {
				t.Errorf("gcmarkstack=%s GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q", size, procs, code, err, out, errOut)
			}
		}
	}
}

// TestGCChurn: ten million 64-byte blocks allocated and forgotten come
// back by themselves: the program stays small.
func TestGCChurn(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "gcchurn")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/gcchurn.s")
	for _, procs := range []int{1, 4} {
		out, errOut, code, rss, err := testutil.RunMaxRSS(exe, procs, 60*time.Second)
		if err != nil || code != 0 {
			t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q", procs, code, err, out, errOut)
		}
		t.Logf("GOMAXPROCS=%d: %s peak RSS %.1f MB", procs, out, float64(rss)/1e6)
		if rss > 32<<20 {
			t.Errorf("GOMAXPROCS=%d: peak RSS %d bytes; want under 32 MiB", procs, rss)
		}
	}
}

// TestGCFromRuntimeAllocations: a program whose only allocations are the
// runtime's own, on its behalf (channels from makechan, made and
// forgotten), is collected too: 640 MB of channels stay under 32 MiB
// resident.
func TestGCFromRuntimeAllocations(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "gcchanleak")
	testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "tests/runtime/testdata/gcchanleak.s")
	for _, procs := range []int{1, 4} {
		out, errOut, code, rss, err := testutil.RunMaxRSS(exe, procs, 60*time.Second)
		if err != nil || code != 0 {
			t.Fatalf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q", procs, code, err, out, errOut)
		}
		if rss > 32<<20 {
			t.Errorf("GOMAXPROCS=%d: peak RSS %d bytes; want under 32 MiB", procs, rss)
		}
	}
}

// TestGOGC1Examples runs the scheduler, channel, select and timer examples
// with a cycle at nearly every refill (GOGC=1) at GOMAXPROCS 1 and 4: each
// must do what it does with the collector off.
func TestGOGC1Examples(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"goroutines", "pingpong", "pipeline", "yield", "spawn", "chan", "selectloop", "select", "timers", "sleep", "mutex"} {
		exe := filepath.Join(dir, name)
		testutil.MustRun(t, testutil.RepoRoot, "p9ld", "-o", exe, "examples/"+name+".s")
		for _, procs := range []int{1, 4} {
			want, _, wcode, err := runEnv(exe, procs, "GOGC=off")
			if err != nil {
				t.Fatalf("%s GOGC=off GOMAXPROCS=%d: %v", name, procs, err)
			}
			got, errOut, code, err := runEnv(exe, procs, "GOGC=1")
			if err != nil || code != wcode || (deterministic(name) && got != want) {
				t.Errorf("%s GOGC=1 GOMAXPROCS=%d: exit %d (want %d), err %v\nstdout %q\nwant %q\nstderr %q", name, procs, code, wcode, err, got, want, errOut)
			}
		}
	}
}

// deterministic: examples whose output does not depend on timing.
func deterministic(name string) bool {
	switch name {
	case "timers", "sleep", "yield", "spawn", "goroutines", "mutex", "selectloop", "chan":
		return false
	}
	return true
}

func runEnv(exe string, procs int, env ...string) (stdout, stderr string, code int, err error) {
	return testutil.RunEnvWithTimeout(exe, procs, 60*time.Second, env...)
}
