package asm_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestEncoderCoreConformance assembles every line of testdata/core.s as its
// own function with both assemblers and compares bytes and relocations.
func TestEncoderCoreConformance(t *testing.T) {
	data, err := os.ReadFile("testdata/core.s")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	lines := map[string]string{}
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		name := fmt.Sprintf("t%04d", n)
		n++
		// 516 = NOSPLIT|NOFRAME, so each body is encoded exactly as written.
		fmt.Fprintf(&src, "TEXT ·%s(SB), 516, $0-0\n\t%s\n", name, line)
		lines["main."+name] = fmt.Sprintf("core.s:%d: %s", i+1, line)
	}
	encCompare(t, src.String(), func(s string) string {
		if l, ok := lines[s]; ok {
			return l
		}
		return s
	})
}
