package runtime_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// linkTestdata links testdata/<name>.s with the runtime.
func linkTestdata(t *testing.T, name string) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), name)
	testutil.MustRun(t, ".", "p9ld", "-o", exe, filepath.Join("testdata", name+".s"))
	return exe
}

// buildTwin builds testdata/<name>.go, the Go program doing what
// testdata/<name>.s does, with the installed Go.
func buildTwin(t *testing.T, name string) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), name+"-go")
	testutil.MustRun(t, ".", "go", "build", "-o", exe, filepath.Join("testdata", name+".go"))
	return exe
}

// runBoth runs the program and its Go twin under GOMAXPROCS=procs; both
// must exit 0 and print the same.
func runBoth(t *testing.T, ours, theirs string, procs int) string {
	t.Helper()
	out, errOut, code, err := testutil.RunWithTimeout(ours, procs, time.Minute)
	if err != nil || code != 0 {
		t.Fatalf("GOMAXPROCS=%d: exit %d, %v\nstdout: %q\nstderr: %s", procs, code, err, out, errOut)
	}
	want, errOut, code, err := testutil.RunWithTimeout(theirs, procs, time.Minute)
	if err != nil || code != 0 {
		t.Fatalf("Go twin, GOMAXPROCS=%d: exit %d, %v\nstderr: %s", procs, code, err, errOut)
	}
	if out != want {
		t.Errorf("GOMAXPROCS=%d: printed\n%s\nGo's twin printed\n%s", procs, out, want)
	}
	return out
}

// TestSelect: selectgo and selectnbrecv case by case (testdata/select.s):
// ready and not, not blocking (-1), nil channels, closed channels (the
// zero value, recvOK false, before and while waiting), send and receive
// cases, a select woken by a sender, by a receiver and by a goroutine
// that sleeps first (a timeout), the same channel twice, and 2 to 64
// cases, ready at once or later; the same as Go's select.
func TestSelect(t *testing.T) {
	ours, theirs := linkTestdata(t, "select"), buildTwin(t, "select")
	for _, procs := range []int{1, 2, 4} {
		runBoth(t, ours, theirs, procs)
	}
}

// TestSelectFairness: of two always-ready cases, each is chosen half
// the time (± 1%, six standard deviations) over 100,000 selects.
func TestSelectFairness(t *testing.T) {
	for _, exe := range []string{linkTestdata(t, "selectfair"), buildTwin(t, "selectfair")} {
		for _, procs := range []int{1, 4} {
			out, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
			var a, b int
			if err != nil || code != 0 {
				t.Fatalf("%s GOMAXPROCS=%d: exit %d, %v\n%s", filepath.Base(exe), procs, code, err, errOut)
			}
			if _, err := fmt.Sscanf(out, "%d %d\n", &a, &b); err != nil || a+b != 100000 {
				t.Fatalf("%s: printed %q, want two counts adding up to 100000", filepath.Base(exe), out)
			}
			t.Logf("%s GOMAXPROCS=%d: %d %d", filepath.Base(exe), procs, a, b)
			if a < 49000 || a > 51000 {
				t.Errorf("%s GOMAXPROCS=%d: case 0 chosen %d times of 100000, want 49000 to 51000", filepath.Base(exe), procs, a)
			}
		}
	}
}

// TestSelectManyGoroutines: 4 producers and 4 consumers pass 100,000
// values through selects on shared channels; none is lost or duplicated,
// under GOMAXPROCS 1, 2 and 4, run after run.
func TestSelectManyGoroutines(t *testing.T) {
	ours, theirs := linkTestdata(t, "selectmany"), buildTwin(t, "selectmany")
	for _, procs := range []int{1, 2, 4} {
		for run := 0; run < 5; run++ {
			if out := runBoth(t, ours, theirs, procs); out != "100000 5000050000 0\n" {
				t.Fatalf("GOMAXPROCS=%d: %q", procs, out)
			}
		}
	}
}

// waitStatuses returns the bracketed statuses of a report's goroutine
// headers, sorted.
func waitStatuses(report string) []string {
	var s []string
	for _, m := range regexp.MustCompile(`(?m)^goroutine \d+ \[([^\]]*)\]:$`).FindAllStringSubmatch(report, -1) {
		s = append(s, m[1])
	}
	sort.Strings(s)
	return s
}

// TestSelectDeadlock: goroutines parked for ever in selects show the
// wait reasons "select (no cases)" and "select" in the deadlock report,
// as Go's do.
func TestSelectDeadlock(t *testing.T) {
	want := []string{"select", "select", "select (no cases)"}
	for _, exe := range []string{linkTestdata(t, "selectdeadlock"), buildTwin(t, "selectdeadlock")} {
		for _, procs := range []int{1, 4} {
			_, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
			if err != nil || code != 2 || !strings.HasPrefix(errOut, "fatal error: all goroutines are asleep - deadlock!\n") {
				t.Fatalf("%s GOMAXPROCS=%d: exit %d, %v, want exit 2 and the deadlock\n%s", filepath.Base(exe), procs, code, err, errOut)
			}
			if got := waitStatuses(errOut); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s GOMAXPROCS=%d: goroutines %q, want %q\n%s", filepath.Base(exe), procs, got, want, errOut)
			}
		}
	}
}

// TestSelectFatal: a send case on a closed channel (closed before the
// select, or while it waits) and a select of more than 65,536 cases end
// the program with exit 2 and the message; Go's twins panic with the
// same words.
func TestSelectFatal(t *testing.T) {
	for _, c := range []struct{ name, msg string }{
		{"selectclosed", "send on closed channel"},
		{"selectclosedwait", "send on closed channel"},
		{"selecttoomany", "too many cases (max 65536)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			exe := linkTestdata(t, c.name)
			for _, procs := range []int{1, 4} {
				_, errOut, code, err := testutil.RunWithTimeout(exe, procs, time.Minute)
				if err != nil || code != 2 || !strings.HasPrefix(errOut, "fatal error: ") || !strings.Contains(strings.SplitN(errOut, "\n", 2)[0], c.msg) {
					t.Errorf("GOMAXPROCS=%d: exit %d, %v, want exit 2 and fatal error: ...%s\n%s", procs, code, err, c.msg, errOut)
				}
			}
			_, errOut, code, err := testutil.RunWithTimeout(buildTwin(t, c.name), 1, time.Minute)
			if err != nil || code != 2 || !strings.Contains(errOut, c.msg) {
				t.Errorf("Go twin: exit %d, %v, want exit 2 and %q\n%s", code, err, c.msg, errOut)
			}
		})
	}
}
