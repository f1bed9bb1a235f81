package hostile_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/tests/internal/testutil"
)

var showBad = flag.Bool("bad.show", false, "print every bad-input case's actual errors")

// badCase is one entry of testdata/bad/cases.txt.
type badCase struct {
	name  string
	line  int               // of the case's header in cases.txt
	files map[string]string // a.s and the files it includes
	want  string            // file:line: message
}

// loadBadCases reads the golden bad-input file; see its header for the
// format.
func loadBadCases(t *testing.T) []badCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "bad", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []badCase
	var cur *badCase
	var file string
	var lines []string
	flush := func() {
		if cur != nil && file != "" {
			cur.files[file] = strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
		}
		lines = nil
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "=== "):
			flush()
			cases = append(cases, badCase{name: l[4:], line: n, files: map[string]string{}})
			cur, file = &cases[len(cases)-1], "a.s"
			continue
		case strings.HasPrefix(l, "--- ") && cur != nil:
			flush()
			file = l[4:]
			continue
		case cur == nil:
			continue // the header
		}
		if i := strings.Index(l, "// ERROR "); i >= 0 {
			msg, err := strconv.Unquote(strings.TrimSpace(l[i+len("// ERROR "):]))
			if err != nil {
				t.Fatalf("cases.txt:%d: bad ERROR string: %v", n, err)
			}
			if cur.want != "" {
				t.Fatalf("cases.txt:%d: case %q has two ERROR lines", n, cur.name)
			}
			cur.want = fmt.Sprintf("%s:%d: %s", file, len(lines)+1, msg)
		}
		lines = append(lines, l)
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestBadInputsGolden assembles each bad input in-process and through
// p9as: each must give exactly its one error, with the exact message at
// the exact file:line, exit status 1 and no object.
func TestBadInputsGolden(t *testing.T) {
	cases := loadBadCases(t)
	if len(cases) < 60 {
		t.Fatalf("only %d bad inputs, want at least 60", len(cases))
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Errorf("cases.txt:%d: duplicate case name %q", c.line, c.name)
		}
		seen[c.name] = true
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			if c.want == "" {
				t.Fatalf("cases.txt:%d: no ERROR line", c.line)
			}
			dir := t.TempDir()
			testutil.WriteFiles(t, dir, c.files)
			_, _, err := driver.AssembleObject([]string{filepath.Join(dir, "a.s")}, driver.AsmConfig{Pkg: "main"})
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			}
			if *showBad {
				fmt.Printf("%s (cases.txt:%d)\n\t%s\n", c.name, c.line, strings.ReplaceAll(got, "\n", "\n\t"))
			}
			if got != c.want {
				t.Errorf("cases.txt:%d: in-process\ngot  %s\nwant %s", c.line, got, c.want)
			}
			r := testutil.Run(t, dir, "p9as", "-o", "out.o", "a.s")
			if r.Code != 1 || strings.TrimSpace(r.Stderr) != c.want {
				t.Errorf("cases.txt:%d: p9as exit %d, stderr\n%s\nwant\n%s", c.line, r.Code, r.Stderr, c.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.o")); err == nil {
				t.Errorf("a failed p9as wrote its object")
			}
		})
	}
}
