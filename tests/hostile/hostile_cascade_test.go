package hostile_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/internal/driver"
)

// lineLocalTokens are mutations that stay within their line: no
// newlines, comments, continuations, labels or preprocessor words.
var lineLocalTokens = []string{
	"$", "(", ")", ",", "*", "<<", ">>", "-", "+", "/", "%", "~", "·", "<>", "(SB)", "(FP)", "(SP)", "(PC)",
	"AX", "R15", "X15", "Y9", "Z31", "K7", "SP", "SB", "FP", "TLS", "CR8", "AH", "R8B", "M7", "F7",
	"0", "-1", "0x7fffffff", "0x80000000", "0xffffffffffffffff", "1<<63", "'x'", ".", ".Z", "[X1-X4]", "é",
}

// TestOneMistakeOneLine: a file of good instructions with one line
// broken reports errors on that line only; the lines around it, which
// are right, are never blamed.
func TestOneMistakeOneLine(t *testing.T) {
	good := assemblingLines(t)
	r := rand.New(rand.NewSource(3))
	dir := t.TempDir()
	path := filepath.Join(dir, "c.s")
	var broken int
	for i := 0; i < 400; i++ {
		lines := make([]string, 12)
		for j := range lines {
			lines[j] = "\t" + good[r.Intn(len(good))]
		}
		k := r.Intn(len(lines))
		b := []byte(lines[k])
		p := 1 + r.Intn(len(b))
		switch r.Intn(3) {
		case 0:
			b = append(b[:p:p], append([]byte(lineLocalTokens[r.Intn(len(lineLocalTokens))]), b[p:]...)...)
		case 1:
			b = append(b[:p:p], b[min(len(b), p+1+r.Intn(4)):]...)
		case 2:
			b[p-1] ^= byte(1 << r.Intn(7))
			if b[p-1] == '\n' || b[p-1] == '\\' || b[p-1] == '#' || b[p-1] == ':' || b[p-1] == ';' || b[p-1] == '/' || b[p-1] == '\'' || b[p-1] == '"' || b[p-1] == '`' {
				continue
			}
		}
		lines[k] = string(b)
		src := "TEXT ·f(SB), $16-8\n" + strings.Join(lines, "\n") + "\n\tRET\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := driver.AssembleObject([]string{path}, driver.AsmConfig{Pkg: "main"})
		if err == nil {
			continue
		}
		broken++
		want := fmt.Sprintf("%s:%d: ", path, k+2)
		for _, l := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(l, want) {
				t.Errorf("line %d was broken (%q) but the error blames another:\n%s", k+2, lines[k], strings.ReplaceAll(err.Error(), dir+"/", ""))
				break
			}
		}
	}
	t.Logf("%d of 400 files with one broken line gave errors", broken)
}

// assemblingLines returns the amd64enc.s lines p9 assembles on their own.
func assemblingLines(t *testing.T) []string {
	lines := amd64encLines(t)
	r := rand.New(rand.NewSource(5))
	dir := t.TempDir()
	path := filepath.Join(dir, "g.s")
	var good []string
	for len(good) < 300 {
		l := lines[r.Intn(len(lines))]
		if err := os.WriteFile(path, []byte("TEXT ·f(SB), $16-8\n\t"+l+"\n\tRET\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := driver.AssembleObject([]string{path}, driver.AsmConfig{Pkg: "main"}); err == nil {
			good = append(good, l)
		}
	}
	return good
}
