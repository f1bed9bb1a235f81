package asm_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
)

// TestEncoderAmd64enc assembles every instruction line of Go's own encoder
// test suites (cmd/asm's testdata amd64enc.s, amd64enc_extra.s and
// avx512enc/*.s), each in its own function, with p9 and with go tool asm,
// and compares bytes and relocations. Every line must be accepted and
// identical; each file reports "N/M identical".
func TestEncoderAmd64enc(t *testing.T) {
	dir := encTestdataDir(t)
	files := []string{"amd64enc.s", "amd64enc_extra.s"}
	avx, _ := filepath.Glob(filepath.Join(dir, "avx512enc", "*.s"))
	for _, f := range avx {
		files = append(files, filepath.Join("avx512enc", filepath.Base(f)))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			encSuiteFile(t, filepath.Join(dir, name), filepath.Base(name))
		})
	}
}

func encTestdataDir(t *testing.T) string {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Skip(err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "src", "cmd", "asm", "internal", "asm", "testdata")
}

// encPCBranch finds a branch written relative to the PC, which needs that
// many instructions after it to have a target.
var encPCBranch = regexp.MustCompile(`(-?\d+)\(PC\)`)

// encSuiteLines returns the instruction lines of a test file with their
// line numbers.
func encSuiteLines(t *testing.T, path string) ([]string, []int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	var lines []string
	var nums []int
	for i, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "\t") {
			continue
		}
		ins, _, _ := strings.Cut(l, "//")
		ins = strings.TrimSpace(ins)
		if ins == "" || strings.HasSuffix(ins, ":") {
			continue
		}
		lines = append(lines, ins)
		nums = append(nums, i+1)
	}
	return lines, nums
}

func encSuiteFile(t *testing.T, path, name string) {
	lines, nums := encSuiteLines(t, path)
	var src strings.Builder
	desc := map[string]string{}
	accepted := 0
	var rejected []string
	for i, l := range lines {
		body := l
		if m := encPCBranch.FindStringSubmatch(l); m != nil {
			var n int
			fmt.Sscan(m[1], &n)
			body += strings.Repeat("\n\tINT $3", max(n, 0))
		}
		if err := encAcceptsAlone(body); err != "" {
			rejected = append(rejected, fmt.Sprintf("%s:%d: %s: %s", name, nums[i], l, err))
			continue
		}
		accepted++
		fmt.Fprintf(&src, "TEXT ·e%05d(SB), 516, $0-0\n\t%s\n", i, body)
		desc[fmt.Sprintf("main.e%05d", i)] = fmt.Sprintf("%s:%d: %s", name, nums[i], l)
	}
	same := 0
	if accepted > 0 {
		same = encCompareQuiet(t, src.String(), func(s string) string { return desc[s] })
	}
	t.Logf("%s: %d/%d identical", name, same, len(lines))
	for _, r := range rejected {
		t.Errorf("not accepted: %s", r)
	}
}

// encAcceptsAlone assembles the body as a function and returns the first
// error, or "".
func encAcceptsAlone(body string) string {
	src := "TEXT ·f(SB), 516, $0-0\n\t" + body + "\n"
	stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
	if len(errs) == 0 {
		_, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
	}
	if len(errs) > 0 {
		return errs[0].Error()
	}
	return ""
}

// BenchmarkEncoderAmd64encProcess runs p9as (built as the README installs
// it) and Go's asm (from GOTOOLDIR) as whole processes on amd64enc.s, one
// after the other in the same run, so their times compare side by side:
// go test -bench EncoderAmd64encProcess ./tests/asm/
func BenchmarkEncoderAmd64encProcess(b *testing.B) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("go not found")
	}
	out, err := exec.Command(goBin, "env", "GOROOT", "GOTOOLDIR").Output()
	if err != nil {
		b.Skip(err)
	}
	env := strings.Fields(string(out))
	src := filepath.Join(env[0], "src", "cmd", "asm", "internal", "asm", "testdata", "amd64enc.s")
	goasm := filepath.Join(env[1], "asm")
	dir := b.TempDir()
	p9as := filepath.Join(dir, "p9as")
	if msg, err := exec.Command(goBin, "build", "-tags", "urfave_cli_no_docs", "-o", p9as, "../../cmd/p9as").CombinedOutput(); err != nil {
		b.Fatalf("building p9as: %v\n%s", err, msg)
	}
	obj := filepath.Join(dir, "x.o")
	for _, tool := range []struct{ name, bin string }{{"p9as", p9as}, {"goasm", goasm}} {
		b.Run(tool.name, func(b *testing.B) {
			for b.Loop() {
				if msg, err := exec.Command(tool.bin, "-p", "main", "-o", obj, src).CombinedOutput(); err != nil {
					b.Fatalf("%s: %v\n%s", tool.name, err, msg)
				}
			}
		})
	}
}
