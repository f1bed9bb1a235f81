package link_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// The allocator benchmarks (bench's alloc section) run
// examples/allocchurn.s, allocsizes.s and allocscavenge.s beside their Go
// twins in bench/peers/. These tests run both at small sizes and check
// the line each prints; the examples call runtime·free, so until the
// runtime has it they do not link, and their test says so and skips.

// allocBench is one allocator benchmark: a quick run's arguments and what
// its line must say.
type allocBench struct {
	name string
	args []string
	ops  string // the operation count printed, or "" for allocscavenge
}

var allocBenches = []allocBench{
	{"allocchurn", []string{"100000"}, "100000"},
	{"allocsizes", []string{"10000"}, "40000"}, // 4 goroutines
	{"allocscavenge", []string{"16", "0"}, ""}, // a 16 MiB heap, no idling
}

// allocRun runs exe with args under GOMAXPROCS=procs, for at most a
// minute, and returns its standard output; any failure fails the test.
func allocRun(t *testing.T, exe string, procs int, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v, GOMAXPROCS=%d: no exit within a minute", filepath.Base(exe), args, procs)
	}
	if err != nil {
		t.Fatalf("%s %v, GOMAXPROCS=%d: %v; stderr:\n%s", filepath.Base(exe), args, procs, err, errb.String())
	}
	return out.String()
}

// checkAllocLine checks that out is the one line b prints: "<name> <ops>
// <ns/op>", or for allocscavenge "allocscavenge <ms or -1> <KiB>".
func checkAllocLine(t *testing.T, who string, b allocBench, out string) {
	t.Helper()
	f := strings.Fields(out)
	bad := len(f) != 3 || f[0] != b.name || strings.Count(out, "\n") != 1
	if !bad {
		x, err1 := strconv.ParseInt(f[1], 10, 64)
		y, err2 := strconv.ParseInt(f[2], 10, 64)
		bad = err1 != nil || err2 != nil || y < 0
		if b.ops != "" {
			bad = bad || f[1] != b.ops
		} else {
			bad = bad || x < -1 || y == 0
		}
	}
	if bad {
		want := fmt.Sprintf("%s %s <ns/op>", b.name, b.ops)
		if b.ops == "" {
			want = b.name + " <ms or -1> <KiB>"
		}
		t.Errorf("%s %s %v printed %q, want %q", who, b.name, b.args, out, want)
	}
}

// TestAllocExamples links each allocator example with p9ld and runs it
// small at GOMAXPROCS 1 and 4. An example the link refuses only because
// the runtime has no runtime·free yet is skipped.
func TestAllocExamples(t *testing.T) {
	for _, b := range allocBenches {
		t.Run(b.name, func(t *testing.T) {
			exe := filepath.Join(t.TempDir(), b.name)
			r := testutil.Run(t, testutil.RepoRoot, "p9ld", "-o", exe, filepath.Join("examples", b.name+".s"))
			if r.Code != 0 {
				if strings.Contains(r.Stderr, "undefined: runtime.free ") {
					t.Skipf("examples/%s.s calls runtime·free, which this runtime does not have yet: %s", b.name, strings.TrimSpace(r.Stderr))
				}
				t.Fatalf("p9ld -o %s examples/%s.s: exit %d\n%s", b.name, b.name, r.Code, r.Stderr)
			}
			for _, procs := range []int{1, 4} {
				checkAllocLine(t, "p9's", b, allocRun(t, exe, procs, b.args...))
			}
		})
	}
}

// TestAllocPeers builds each allocator example's Go twin and runs it
// small: it prints the same line as the example.
func TestAllocPeers(t *testing.T) {
	testutil.NeedTool(t, "go")
	dir := t.TempDir()
	for _, b := range allocBenches {
		t.Run(b.name, func(t *testing.T) {
			exe := filepath.Join(dir, b.name)
			testutil.MustRun(t, testutil.RepoRoot, "go", "build", "-o", exe, "./bench/peers/"+b.name)
			for _, procs := range []int{1, 4} {
				checkAllocLine(t, "the Go twin of", b, allocRun(t, exe, procs, b.args...))
			}
		})
	}
}
