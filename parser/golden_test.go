package parser

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// goListing runs go tool asm -S on file and returns, per source line, the
// instruction as Go prints it ("OP\targs").
func goListing(t *testing.T, file string) map[int]string {
	t.Helper()
	out, err := exec.Command("go", "tool", "asm", "-S", "-o", filepath.Join(t.TempDir(), "x.o"), file).CombinedOutput()
	if err != nil {
		t.Skipf("go tool asm %s: %v\n%s", file, err, out)
	}
	re := regexp.MustCompile(`^\s+0x[0-9a-f]+ \d+ \((.*):(\d+)\)\t(.*)$`)
	m := map[int]string{}
	for _, l := range strings.Split(string(out), "\n") {
		sm := re.FindStringSubmatch(l)
		if sm == nil || sm[1] != file {
			continue
		}
		n, _ := strconv.Atoi(sm[2])
		if _, dup := m[n]; !dup {
			m[n] = sm[3]
		}
	}
	return m
}

// TestAgainstGoListing holds the parser against go tool asm: every
// instruction of the encoder test files must print as Go prints it.
func TestAgainstGoListing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	dir := asmTestdata(t)
	files := []string{filepath.Join(dir, "amd64enc.s"), filepath.Join(dir, "amd64enc_extra.s")}
	avx, _ := filepath.Glob(filepath.Join(dir, "avx512enc", "*.s"))
	files = append(files, avx...)
	for _, f := range files {
		want := goListing(t, f)
		stmts, errs := ParseFile(f, Config{})
		if len(errs) > 0 {
			t.Fatalf("%v", errs)
		}
		compared, bad := 0, 0
		for _, s := range stmts {
			if s.Op == "" || s.Op == "TEXT" {
				continue
			}
			w, ok := want[s.Pos.Line]
			if !ok || hasBranch(s) {
				// Go prints resolved branch targets as program counters.
				continue
			}
			compared++
			if got := s.String(); got != w && normalizeGo(got) != normalizeGo(w) {
				bad++
				if bad <= 10 {
					t.Errorf("%s: parsed as %q, go tool asm prints %q", s.Pos, got, w)
				}
			}
		}
		if compared < len(stmts)/2 {
			t.Errorf("%s: compared only %d of %d statements", f, compared, len(stmts))
		}
		if bad > 0 {
			t.Errorf("%s: %d mismatches", f, bad)
		}
	}
}

// normalizeGo removes printing differences that carry no meaning.
// Go's encoder renames R8-R15 to R8B-R15B in byte instructions and DX
// to DL in MOVSWW/MOVZWW; the parser keeps what was written.
func normalizeGo(s string) string {
	s = byteReg.ReplaceAllString(s, "R$1")
	return lowByte.ReplaceAllString(s, "${1}X")
}

var lowByte = regexp.MustCompile(`\b([ABCD])L\b`)

var byteReg = regexp.MustCompile(`\bR(\d+)B\b`)

func hasBranch(s Stmt) bool {
	for _, a := range s.Args {
		if a.Kind == KindBranch {
			return true
		}
	}
	return false
}
