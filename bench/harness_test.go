package main

import (
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// TestMain lets the test binary serve as the peak-RSS wrapper, as the
// harness's executable does.
func TestMain(m *testing.M) {
	if os.Getenv(rssWrapEnv) != "" {
		os.Exit(rssWrapper(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// TestPeakRSS: a program run with peakRSS reports its own peak, not the
// harness's (which a plain run's maxrss includes), and its own status.
func TestPeakRSS(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	big := make([]byte, 256<<20)
	for i := 0; i < len(big); i += 4096 {
		big[i] = 1
	}
	plain, err := run(command{name: sh, args: []string{"-c", "exit 0"}})
	if err != nil || plain.maxRSS < 256<<20 {
		t.Logf("a plain run's maxrss: %d, %v (the harness's peak shows through where it is at least 256 MiB)", plain.maxRSS, err)
	}
	wrapped, err := run(command{name: sh, args: []string{"-c", "echo out; exit 0"}, peakRSS: true})
	if err != nil || wrapped.stdout != "out\n" || wrapped.maxRSS <= 0 || wrapped.maxRSS >= 128<<20 {
		t.Errorf("wrapped run: maxrss %d, stdout %q, err %v; want a few MiB", wrapped.maxRSS, wrapped.stdout, err)
	}
	t.Logf("maxrss: plain %d, wrapped %d", plain.maxRSS, wrapped.maxRSS)
	_, err = run(command{name: sh, args: []string{"-c", "exit 3"}, peakRSS: true})
	if err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("exit 3 under the wrapper: %v", err)
	}
	_, err = run(command{name: sh, args: []string{"-c", "kill -9 $$"}, peakRSS: true})
	if err == nil || !strings.Contains(err.Error(), "signal: killed") {
		t.Errorf("a killed program under the wrapper: %v", err)
	}
	big[1] = 2
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestShellWords(t *testing.T) {
	got := shellWords(`-p runtime -trimpath "$WORK/b012=>" -I $WORK/b012/  -D 'A B' ./asm.s`)
	want := []string{"-p", "runtime", "-trimpath", "$WORK/b012=>", "-I", "$WORK/b012/", "-D", "A B", "./asm.s"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shellWords = %q, want %q", got, want)
	}
}

func TestParseAsmLine(t *testing.T) {
	line := `-p runtime -trimpath "$WORK/b012=>" -I $WORK/b012/ -I /go/pkg/include -D GOOS_linux -o $WORK/b012/asm_amd64.o ./asm_amd64.s`
	f, ok := parseAsmLine(line, "/go/src/runtime", "/go")
	if !ok {
		t.Fatal("not parsed")
	}
	if f.Pkg != "runtime" || f.Dir != "src/runtime" || f.File != "./asm_amd64.s" || f.B != "b012" {
		t.Errorf("got %+v", f)
	}
	goArgs := strings.Join(f.goArgs("/t", "/o/x.o"), " ")
	if want := "-p runtime -trimpath /t/b012=> -I /t/b012/ -I /go/pkg/include -D GOOS_linux -o /o/x.o ./asm_amd64.s"; goArgs != want {
		t.Errorf("goArgs = %q, want %q", goArgs, want)
	}
	p9Args := strings.Join(f.p9Args("/t", "/o/y.o"), " ")
	if want := "-p runtime -I /t/b012/ -I /go/pkg/include -D GOOS_linux -o /o/y.o ./asm_amd64.s"; p9Args != want {
		t.Errorf("p9Args = %q, want %q", p9Args, want)
	}
	if _, ok := parseAsmLine(line, "/elsewhere/x", "/go"); ok {
		t.Error("a directory outside GOROOT was accepted")
	}
	if _, ok := parseAsmLine("-p x -o $WORK/b1/a.o ./a.s ./b.s", "/go/src/x", "/go"); ok {
		t.Error("a run with two files was accepted")
	}
}

func TestParseNsOp(t *testing.T) {
	v, err := parseNsOp("SCHED 1\nyield 2000000 143\n", "yield")
	if err != nil || v != 143 {
		t.Errorf("got %v, %v; want 143", v, err)
	}
	if _, err := parseNsOp("chan 5 x\n", "chan"); err == nil {
		t.Error("a non-number was accepted")
	}
	if _, err := parseNsOp("spawn 1 2\n", "chan"); err == nil {
		t.Error("another benchmark's line was accepted")
	}
}

func TestParseInitTrace(t *testing.T) {
	sum, pkgs := parseInitTrace("init runtime @0.02 ms, 0.10 ms clock, 0 bytes, 0 allocs\n" +
		"init example.com/enc @1.0 ms, 2.5 ms clock, 800 bytes, 9 allocs\nhello\n")
	if sum < 2.599 || sum > 2.601 || pkgs["example.com/enc"] != 2.5 {
		t.Errorf("got %v, %v", sum, pkgs)
	}
}

func TestTargets(t *testing.T) {
	var b bytes.Buffer
	writeTargets(&b, []section{{rows: []row{
		{name: "a", peer: "p", ours: 1, theirs: 2, target: target{ratio: 0.5}},
		{name: "b", peer: "p", ours: 3, theirs: 2, target: target{ratio: 1}},
		{name: "c", peer: "p", ours: 40 << 10, unit: unitBytes, target: target{bytes: 32 << 10}},
		{name: "d", peer: "p", failed: "broken", target: target{ratio: 1}},
		{name: "e", peer: "p", ours: 1, theirs: 1},
		{name: "f", peer: "p", theirs: 2, oursFailed: "exit status 2", target: target{ratio: 1}},
	}}})
	got := b.String()
	for _, want := range []string{"- ✓ a (vs p): 0.50", "- ✗ b (vs p): 1.50, target ≤ 1.0: p9 must take 33% less (1.5× off)",
		"- ✗ c (vs p): 40960 B (40.0 KiB), target ≤ 32 KiB: 8192 B over", "- ? d (vs p): not measured",
		"- ✗ f (vs p): p9's program fails: exit status 2"} {
		if !strings.Contains(got, want) {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "e (vs p)") {
		t.Errorf("a row without a target is listed:\n%s", got)
	}
}

func TestPprofLines(t *testing.T) {
	top := "File: x\n      flat  flat%   sum%        cum   cum%\n" +
		"         0     0%     0%      1s 90%  github.com/p9tools/p9/encoder.Assemble\n" +
		"         0     0%     0%      1s 80%  runtime.main\n" +
		"         0     0%     0%      1s 20%  runtime.gcBgMarkWorker\n"
	got := pprofLines(top, 10)
	if !strings.Contains(got, "encoder.Assemble") || strings.Contains(got, "github.com/") ||
		strings.Contains(got, "runtime.main") || !strings.Contains(got, "gcBgMarkWorker") || !strings.Contains(got, "flat%") {
		t.Errorf("pprofLines = %q", got)
	}
}

func TestParseScavenge(t *testing.T) {
	r, err := parseScavenge("SCHED 1\nallocscavenge 1200 40960\n")
	if err != nil || r.ms != 1200 || r.endKiB != 40960 {
		t.Errorf("got %+v, %v", r, err)
	}
	if r, err := parseScavenge("allocscavenge -1 1048576\n"); err != nil || r.ms != -1 {
		t.Errorf("not reached: got %+v, %v", r, err)
	}
	for _, bad := range []string{"allocscavenge 5\n", "allocscavenge x 1\n", "allocscavenge -2 1\n", "allocchurn 1 2\n"} {
		if _, err := parseScavenge(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// TestScavengeRows: allocscavenge's rows from stand-in programs: a time of
// 0 is a figure, a run that never got below 64 MiB leaves none, and a p9
// program that did not link leaves the peer's figures.
func TestScavengeRows(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	script := func(name, out string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte("#!"+sh+"\necho '"+out+"'\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c := allocConfig{heap: 16, idle: 0}
	rows := scavengeRows(prog{ours: script("p9", "allocscavenge 0 2048"), theirs: script("go", "allocscavenge -1 100000")}, c, 1)
	if len(rows) != 2 || rows[0].ours != 0 || rows[0].theirs != -1 || rows[1].ours != 2048*1024 || rows[1].oursFailed != "" {
		t.Fatalf("rows %+v", rows)
	}
	var b bytes.Buffer
	section{rows: rows}.write(&b)
	writeTargets(&b, []section{{rows: rows}})
	for _, want := range []string{"| 0.00 ms | Go | — |", "Go: above 64 MiB after 0 s in 1 of 1 runs", "- ✓ allocscavenge 16 MiB freed, idle ≤ 0 s: resident at the end"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	rows = scavengeRows(prog{ours: dir + "/none", oursFailed: "p9ld: undefined: runtime.free", theirs: script("go2", "allocscavenge 300 4096")}, c, 2)
	if rows[0].oursFailed == "" || rows[0].theirs != 300 || rows[1].theirs != 4096*1024 || rows[1].failed != "" {
		t.Errorf("rows without p9's program: %+v", rows)
	}
}
