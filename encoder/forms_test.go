package encoder

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/p9tools/p9/parser"
)

// formSamples are operands of each class, for instantiating table forms.
var formSamples = map[class][]string{
	cR8: {"DL", "R11B", "SIB", "AH"}, cR: {"DX", "R11", "SI"}, cRM8: {"DL", "(BX)", "DIB", "BP"}, cRM: {"DX", "(R11)", "DI", "(SP)"},
	cM: {"8(BX)", "-16(R12)(R13*2)"}, cAL: {"AL"}, cAX: {"AX"}, cCL: {"CL"}, cOne: {"$1"},
	cU2: {"$3"}, cI8: {"$-5", "$200"}, cU8: {"$200", "$-3"}, cS32: {"$-100000"}, cI32: {"$3000000000"},
	cI64: {"$0x123456789a"}, cSeg: {"DS"}, cCtl: {"CR3", "CR8"}, cFS: {"FS"}, cGS: {"GS"}, cDbg: {"DR6", "DR2"}, cDbgL: {"DR7"},
	cX: {"X3", "X12"}, cXM: {"X3", "(R11)"}, cY: {"Y3", "Y12"}, cYM: {"Y3", "(R11)"}, cMM: {"M3"},
	cMMM: {"M3", "(BX)"}, cX0: {"X0"}, cF0: {"F0"}, cF: {"F5"}, cVX: {"8(R11)(X5*4)"},
	cVY: {"8(R11)(Y5*4)"}, cDX: {"DX"}, cU16: {"$300"}, cB8: {"$-3", "$250"}, cRMM: {"DX", "M3", "(BX)"},
	cXE: {"X3", "X21"}, cXME: {"X21", "8(BX)"}, cYE: {"Y3", "Y21"}, cYME: {"Y21", "-64(R11)"},
	cZ: {"Z3", "Z21"}, cZM: {"Z21", "128(BX)"}, cK: {"K3"}, cKM: {"K3", "(BX)"}, cKN0: {"K5"},
	cVXE: {"8(R11)(X25*4)"}, cVYE: {"8(R11)(Y25*4)"}, cVZ: {"8(R11)(Z25*4)"}, cZ4: {"[Z4-Z7]"}, cXE4: {"[X8-X11]"},
}

// formLines instantiates every form of the table: its first few operand
// combinations, and each sample of its immediate, which probes the
// immediate's range.
func formLines(t *testing.T) []string {
	set := map[string]bool{}
	for name := range mnemonics {
		fs := formsOf(name)
		for k := range fs {
			var opts [][]string
			imm := -1
			for i, c := range fs[k].args() {
				s, ok := formSamples[c]
				if !ok {
					t.Fatalf("%s: no samples for class %d", name, c)
				}
				opts = append(opts, s)
				if imm < 0 && (c == cU8 || c == cI8 || c == cB8) {
					imm = i
				}
			}
			combos := [][]string{{}}
			for _, o := range opts {
				var next [][]string
				for _, c := range combos {
					for _, v := range o {
						next = append(next, append(append([]string(nil), c...), v))
					}
				}
				combos = next
			}
			pick := combos[:min(6, len(combos))]
			if imm >= 0 {
				for _, v := range opts[imm] {
					c := append([]string(nil), combos[0]...)
					c[imm] = v
					pick = append(pick, c)
				}
			}
			for _, c := range pick {
				set[strings.TrimSpace(name+" "+strings.Join(c, ", "))] = true
			}
		}
	}
	var lines []string
	for l := range set {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	return lines
}

var goAsmLine = regexp.MustCompile(`x\.s:(\d+)`)

// goAsmLines assembles each line as a function with go tool asm and returns
// the bytes of those it accepts; lines it rejects are left out.
func goAsmLines(t *testing.T, lines []string) map[string][]byte {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	dir := t.TempDir()
	out := map[string][]byte{}
	var run func(ls []string)
	run = func(ls []string) {
		if len(ls) == 0 {
			return
		}
		var src strings.Builder
		for i, l := range ls {
			fmt.Fprintf(&src, "TEXT ·c%d(SB), 516, $0-0\n\t%s\n", i, l)
		}
		file := filepath.Join(dir, "x.s")
		if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(goBin, "tool", "asm", "-e", "-S", "-p", "main", "-o", filepath.Join(dir, "x.o"), file)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if cmd.Run() != nil {
			bad := map[int]bool{}
			for _, m := range goAsmLine.FindAllStringSubmatch(stderr.String(), -1) {
				n, _ := strconv.Atoi(m[1])
				bad[(n-1)/2] = true
			}
			if len(bad) == 0 {
				// An error without a line: split until it has one.
				if len(ls) > 1 {
					run(ls[:len(ls)/2])
					run(ls[len(ls)/2:])
				}
				return
			}
			var rest []string
			for i, l := range ls {
				if !bad[i] {
					rest = append(rest, l)
				}
			}
			run(rest)
			return
		}
		hdr := regexp.MustCompile(`^main\.c(\d+) STEXT`)
		hex := regexp.MustCompile(`^\t0x[0-9a-f]{4} ((?:[0-9a-f]{2} )+)`)
		cur := -1
		sc := bufio.NewScanner(&stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			l := sc.Text()
			if m := hdr.FindStringSubmatch(l); m != nil {
				cur, _ = strconv.Atoi(m[1])
				out[ls[cur]] = []byte{}
				continue
			}
			if !strings.HasPrefix(l, "\t") {
				cur = -1
			}
			if m := hex.FindStringSubmatch(l); m != nil && cur >= 0 {
				for _, h := range strings.Fields(m[1]) {
					b, _ := strconv.ParseUint(h, 16, 8)
					out[ls[cur]] = append(out[ls[cur]], byte(b))
				}
			}
		}
	}
	for i := 0; i < len(lines); i += 2000 {
		run(lines[i:min(i+2000, len(lines))])
	}
	return out
}

// TestTableAgainstGoAsm instantiates every form of the table and checks,
// line by line, that p9 accepts exactly what go tool asm accepts and
// encodes it to the same bytes.
func TestTableAgainstGoAsm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool asm on every form")
	}
	lines := formLines(t)
	want := goAsmLines(t, lines)
	bad := 0
	for _, l := range lines {
		src := "TEXT ·f(SB), 516, $0-0\n\t" + l + "\n"
		stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
		var got []byte
		if len(errs) == 0 {
			var res *Result
			res, errs = Assemble(stmts, "x.s", Options{})
			if len(errs) == 0 {
				for _, s := range res.Object.Symbols {
					if s.Name == "main.f" {
						got = res.Object.Sections[s.Section].Data[s.Value : s.Value+s.Size]
					}
				}
			}
		}
		w, ok := want[l]
		switch {
		case ok && len(errs) > 0:
			t.Errorf("%s: go tool asm accepts it, p9: %v", l, errs[0])
		case !ok && len(errs) == 0:
			t.Errorf("%s: go tool asm rejects it, p9 encodes % x", l, got)
		case ok && !bytes.Equal(got, w):
			t.Errorf("%s: p9 % x, go tool asm % x", l, got, w)
		default:
			continue
		}
		if bad++; bad > 50 {
			t.Fatal("too many differences")
		}
	}
	t.Logf("%d instantiated forms, %d accepted by both", len(lines), len(want))
}
