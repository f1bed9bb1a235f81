package x86_test

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

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
	"golang.org/x/arch/x86/x86asm"
)

// diffResult is how one instruction fared with both assemblers.
type diffResult struct {
	inst      string
	goErr     string // go tool asm's error, "" if it accepted
	ourErr    string
	goBytes   []byte
	ourBytes  []byte
	decodeErr string // x86asm on our bytes
}

// problem says what is wrong, if anything. lenient is set when the only
// fault is that p9 accepts an instruction go tool asm rejects.
func (d diffResult) problem() (msg string, lenient bool) {
	switch {
	case d.goErr != "" && d.ourErr != "":
		return "", false
	case d.goErr != "":
		return "p9 accepts what Go rejects (" + d.goErr + ")", true
	case d.ourErr != "":
		return "p9 rejects what Go accepts: " + d.ourErr, false
	case !bytes.Equal(d.goBytes, d.ourBytes):
		return fmt.Sprintf("go tool asm % x, p9 % x", d.goBytes, d.ourBytes), false
	case d.decodeErr != "":
		return "x86asm: " + d.decodeErr, false
	}
	return "", false
}

// knownDiffs are mnemonics whose differences from go tool asm are known
// and not yet resolved; the tests skip them so that a new difference
// stands out.
var knownDiffs = map[string]string{}

func diffSource(insts []string) []byte {
	var b strings.Builder
	for i, in := range insts {
		fmt.Fprintf(&b, "TEXT ·f%d(SB), 516, $0\n\t%s\n", i, in)
	}
	return []byte(b.String())
}

var (
	goHexLine  = regexp.MustCompile(`^\t0x[0-9a-f]{4}((?: [0-9a-f]{2})+)\s`)
	goSymLine  = regexp.MustCompile(`^main\.f(\d+) STEXT`)
	errLineNum = regexp.MustCompile(`:(\d+): (.*)`)
	errProgPos = regexp.MustCompile(`^asm: (.*?):? \d+ \(.*:(\d+)\)\t`)
)

// goAssemble runs go tool asm -S on insts and returns each one's bytes,
// or its error.
func goAssemble(t testing.TB, dir string, insts []string) (code map[int][]byte, errs map[int]string) {
	path := filepath.Join(dir, "d.s")
	if err := os.WriteFile(path, diffSource(insts), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "asm", "-e", "-S", "-p", "main", "-o", filepath.Join(dir, "d.o"), path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code, errs = map[int][]byte{}, map[int]string{}
	if err != nil {
		for _, l := range strings.Split(stderr.String(), "\n") {
			if m := errProgPos.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[2])
				errs[(n-1)/2] = m[1]
			} else if m := errLineNum.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[1])
				errs[(n-1)/2] = m[2]
			}
		}
		if len(errs) == 0 {
			t.Fatalf("go tool asm: %v\n%s", err, stderr.String())
		}
		return code, errs
	}
	cur := -1
	for _, l := range strings.Split(stdout.String(), "\n") {
		if m := goSymLine.FindStringSubmatch(l); m != nil {
			cur, _ = strconv.Atoi(m[1])
			code[cur] = []byte{}
			continue
		}
		if m := goHexLine.FindStringSubmatch(l); m != nil && cur >= 0 {
			for _, h := range strings.Fields(m[1]) {
				v, _ := strconv.ParseUint(h, 16, 8)
				code[cur] = append(code[cur], byte(v))
			}
		}
	}
	return code, errs
}

// ourAssemble assembles insts with p9 and returns each one's bytes, or
// its first error.
func ourAssemble(insts []string) (code map[int][]byte, errs map[int]string) {
	code, errs = map[int][]byte{}, map[int]string{}
	stmts, perrs := parser.Parse("d.s", diffSource(insts), parser.Config{})
	for _, e := range perrs {
		if _, ok := errs[(e.Pos.Line-1)/2]; !ok {
			errs[(e.Pos.Line-1)/2] = e.Msg
		}
	}
	res, eerrs := encoder.Assemble(stmts, "d.s", encoder.Options{Pkg: "main"})
	for _, e := range eerrs {
		if _, ok := errs[(e.Pos.Line-1)/2]; !ok {
			errs[(e.Pos.Line-1)/2] = e.Msg
		}
	}
	if res == nil {
		return code, errs
	}
	text := res.Object.Sections[0]
	for _, s := range res.Object.Symbols {
		var n int
		if _, err := fmt.Sscanf(s.Name, "main.f%d", &n); err != nil || !s.Defined || text == nil {
			continue
		}
		code[n] = text.Data[s.Value : s.Value+s.Size]
	}
	return code, errs
}

// diffInstructions assembles insts with go tool asm and with p9, and
// decodes p9's bytes with x86asm. Instructions either assembler rejects
// are taken out and the rest assembled again (go tool asm stops after the
// stage that failed), until both accept what is left.
func diffInstructions(t testing.TB, insts []string) []diffResult {
	dir := t.TempDir()
	res := make([]diffResult, len(insts))
	pending := make([]int, len(insts))
	for i := range insts {
		res[i].inst, pending[i] = insts[i], i
	}
	for round := 0; len(pending) > 0; round++ {
		sub := make([]string, len(pending))
		for j, i := range pending {
			sub[j] = insts[i]
		}
		goCode, goErrs := goAssemble(t, dir, sub)
		ourCode, ourErrs := ourAssemble(sub)
		if len(goErrs) == 0 && len(ourErrs) == 0 {
			for j, i := range pending {
				r := &res[i]
				r.goBytes, r.ourBytes = goCode[j], ourCode[j]
				// x86asm does not know every instruction (CLAC, RDPKRU,
				// ADOX...): only a known one decoded to the wrong length
				// is a fault.
				if inst, err := x86asm.Decode(r.ourBytes, 64); err == nil && inst.Op != 0 && inst.Len != len(r.ourBytes) {
					r.decodeErr = fmt.Sprintf("decodes %d of %d bytes as %v", inst.Len, len(r.ourBytes), inst)
				}
			}
			return res
		}
		if round == 8 {
			t.Fatalf("go tool asm and p9 still disagree after %d rounds", round)
		}
		var rest []int
		for j, i := range pending {
			res[i].goErr, res[i].ourErr = goErrs[j], ourErrs[j]
			if res[i].goErr == "" && res[i].ourErr == "" {
				rest = append(rest, i)
			}
		}
		pending = rest
	}
	return res
}

func haveGoAsm(t testing.TB) {
	if testing.Short() {
		t.Skip("runs go tool asm")
	}
	if err := exec.Command("go", "tool", "asm", "-V").Run(); err != nil {
		t.Skip("go tool asm not available:", err)
	}
}

// TestDiffTables generates two instructions of every table form, with
// operands at the edges of their classes, and checks p9 against go tool
// asm and x86asm. Mismatches are listed per mnemonic.
func TestDiffTables(t *testing.T) {
	haveGoAsm(t)
	insts := x86.TableInstructions(1)
	var problems, lenient []string
	perOp := map[string]int{}
	stillDiffer := map[string]bool{}
	same := 0
	for lo := 0; lo < len(insts); lo += 2000 {
		for _, r := range diffInstructions(t, insts[lo:min(lo+2000, len(insts))]) {
			p, onlyP9 := r.problem()
			op, _, _ := strings.Cut(r.inst, " ")
			switch {
			case p == "":
				same++
			case knownDiffs[op] != "":
				stillDiffer[op] = true
			case onlyP9:
				lenient = append(lenient, r.inst+": "+p)
			default:
				if perOp[op]++; perOp[op] <= 2 {
					problems = append(problems, r.inst+": "+p)
				}
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	for _, p := range lenient {
		t.Log(p)
	}
	for op := range knownDiffs {
		if !stillDiffer[op] {
			t.Logf("%s no longer differs from go tool asm: take it out of knownDiffs", op)
		}
	}
	t.Logf("%d instructions from %d forms: %d agree or are rejected by both, %d mnemonics differ, %d instructions only p9 accepts, %d mnemonics known to differ",
		len(insts), x86.NumForms, same, len(perOp), len(lenient), len(stillDiffer))
}

// FuzzEncodeDiff builds an instruction from a table form with operands
// the input chooses, and checks p9 against go tool asm and x86asm.
func FuzzEncodeDiff(f *testing.F) {
	haveGoAsm(f)
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{10, 3, 7, 1, 2, 200})
	f.Add([]byte{0xff, 0x10, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, in []byte) {
		inst, form, ok := x86.InstructionFromBytes(in)
		if !ok {
			return
		}
		if op, _, _ := strings.Cut(inst, " "); knownDiffs[op] != "" {
			return
		}
		if p, lenient := diffInstructions(t, []string{inst})[0].problem(); p != "" && !lenient {
			t.Fatalf("%s (form %s): %s", inst, form, p)
		}
	})
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
	lines := x86.FormLines(t)
	want := goAsmLines(t, lines)
	bad := 0
	for _, l := range lines {
		src := "TEXT ·f(SB), 516, $0-0\n\t" + l + "\n"
		stmts, errs := parser.Parse("x.s", []byte(src), parser.Config{})
		var got []byte
		if len(errs) == 0 {
			var res *encoder.Result
			res, errs = encoder.Assemble(stmts, "x.s", encoder.Options{})
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
