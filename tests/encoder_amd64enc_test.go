package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/parser"
)

// TestEncoderAmd64enc takes every instruction of Go's own encoder test
// suites (cmd/asm's testdata amd64enc.s and amd64enc_extra.s) that p9
// accepts, and compares its encoding with go tool asm's. Lines p9 does not
// accept yet (SSE, AVX, ...) are counted, not failed.
func TestEncoderAmd64enc(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Skip(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "src", "cmd", "asm", "internal", "asm", "testdata")
	var lines []string
	total := 0
	for _, name := range []string{"amd64enc.s", "amd64enc_extra.s"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skip(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, "\t") {
				continue
			}
			ins, _, _ := strings.Cut(l, "//")
			ins = strings.TrimSpace(ins)
			if ins == "" || strings.HasSuffix(ins, ":") || strings.Contains(ins, ":") && !strings.Contains(ins, " ") {
				continue
			}
			total++
			if encAcceptsAlone(ins) {
				lines = append(lines, ins)
			}
		}
	}
	var src strings.Builder
	desc := map[string]string{}
	for i, l := range lines {
		fmt.Fprintf(&src, "TEXT ·e%05d(SB), 516, $0-0\n\t%s\n", i, l)
		desc[fmt.Sprintf("main.e%05d", i)] = l
	}
	t.Logf("%d of %d lines of Go's encoder tests are in p9's current instruction set", len(lines), total)
	encCompare(t, src.String(), func(s string) string { return desc[s] })
}

// encAcceptsAlone reports whether p9 assembles the line as a function body.
func encAcceptsAlone(ins string) bool {
	src := "TEXT ·f(SB), 516, $0-0\n\t" + ins + "\n"
	stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
	if len(errs) > 0 {
		return false
	}
	_, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
	return len(errs) == 0
}
