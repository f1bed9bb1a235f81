package asm_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/internal/goasm"
	"github.com/p9tools/p9/parser"
	"github.com/p9tools/p9/tests/internal/testutil"
)

// The places issue 22 found where p9as's decision or bytes differed from
// go tool asm's: each case is assembled by both and must agree.

// fidelityBoth writes src to x.s in a fresh directory and assembles it
// with go tool asm -S and with p9 (package main). goErr and p9Err are nil
// when the assembler accepted the file.
func fidelityBoth(t *testing.T, src string) (want, got []*goasm.Symbol, goErr, p9Err error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "x.s")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want, goErr = goasm.Assemble(file, "-p", "main")
	if errors.Is(goErr, goasm.ErrNoGo) {
		t.Skip("go not found")
	}
	res, errs := driver.Assemble([]string{file}, driver.AsmConfig{Pkg: "main", Listing: true})
	if len(errs) > 0 {
		return want, nil, goErr, errs
	}
	return want, goasm.FromResult(res), goErr, nil
}

// fidelitySame checks that both assemblers accept src and produce the same
// symbols: kinds, sizes, bytes and relocations.
func fidelitySame(t *testing.T, name, src string) {
	t.Helper()
	want, got, goErr, p9Err := fidelityBoth(t, src)
	if goErr != nil {
		t.Fatalf("%s: go tool asm rejects the case: %v", name, goErr)
	}
	if p9Err != nil {
		t.Errorf("%s: p9 rejects what go tool asm accepts:\n%v", name, p9Err)
		return
	}
	diffs, _ := goasm.Compare(want, got)
	if len(diffs) > 0 {
		var b strings.Builder
		goasm.WriteDiffs(&b, diffs)
		t.Errorf("%s: differs from go tool asm:\n%s", name, b.String())
	}
	gotBy := map[string]*goasm.Symbol{}
	for _, g := range got {
		gotBy[g.Name] = g
	}
	for _, w := range want {
		if g := gotBy[w.Name]; g != nil && g.Size != w.Size {
			t.Errorf("%s: %s has size %d, go tool asm %d", name, w.Name, g.Size, w.Size)
		}
	}
}

// fidelityBothReject checks that both assemblers reject src, p9 with an
// error on line.
func fidelityBothReject(t *testing.T, name, src string, line int) {
	t.Helper()
	_, _, goErr, p9Err := fidelityBoth(t, src)
	if goErr == nil {
		t.Fatalf("%s: go tool asm accepts the case", name)
	}
	var list parser.ErrorList
	if !errors.As(p9Err, &list) {
		t.Errorf("%s: p9 accepts what go tool asm rejects (%v)", name, goErr)
		return
	}
	for _, e := range list {
		if e.Pos.Line == line {
			return
		}
	}
	t.Errorf("%s: p9's errors are not on line %d:\n%v", name, line, list)
}

// afterJump is a function whose last instruction is a jump: Go's parser
// is then still in its jump state when the next TEXT's operands are read.
const afterJump = "TEXT ·a(SB), 0, $0-0\ndone:\n\tRET\n\tJMP done\n\n"

func TestFidelityFlagNameAfterJump(t *testing.T) {
	call := "\tCALL ·a(SB)\n\tRET\n"
	for _, c := range []struct{ name, src string }{
		{"NOSPLIT", afterJump + "TEXT ·b(SB), NOSPLIT, $16-0\n" + call},
		{"NOSPLIT+4", afterJump + "TEXT ·b(SB), NOSPLIT+4, $16-0\n" + call},
		{"NOSPLIT-(-516)", afterJump + "TEXT ·b(SB), NOSPLIT-(-516), $16-0\n" + call},
		{"static", afterJump + "TEXT ·b(SB), NOSPLIT<>, $16-0\n" + call},
		{"qualified", afterJump + "TEXT ·b(SB), ·NOSPLIT, $16-0\n" + call},
		{"PCDATA between", afterJump + "\tPCDATA $0, $-1\nTEXT ·b(SB), NOSPLIT, $16-0\n" + call},
		{"two TEXTs", afterJump + "TEXT ·b(SB), NOSPLIT, $16-0\nTEXT ·c(SB), NOSPLIT, $16-0\n" + call},
		{"GLOBL", afterJump + "GLOBL x(SB), NOPTR, $8\nGLOBL y(SB), RODATA, $8\nDATA y+0(SB)/8, $1\n"},
	} {
		fidelitySame(t, c.name, c.src)
	}
	for _, c := range []struct {
		name, src string
		line      int
	}{
		{"not after a jump", "TEXT ·a(SB), 0, $0-0\n\tJMP 0(PC)\n\tRET\nTEXT ·b(SB), NOSPLIT, $16-0\n\tRET\n", 4},
		{"an expression of names", afterJump + "TEXT ·b(SB), NOSPLIT|NOFRAME, $16-0\n\tRET\n", 6},
		{"a product", afterJump + "TEXT ·b(SB), NOSPLIT*4, $16-0\n\tRET\n", 6},
		{"two names", afterJump + "TEXT ·b(SB), NOSPLIT+NOFRAME, $16-0\n\tRET\n", 6},
	} {
		fidelityBothReject(t, c.name, c.src, c.line)
	}

	// The command says what it did.
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"x.s": afterJump + "TEXT ·b(SB), NOSPLIT, $16-0\n" + call})
	r := testutil.Run(t, dir, "p9as", "-o", "x.o", "x.s")
	if r.Code != 0 || !strings.Contains(r.Stderr, "x.s:6: warning: NOSPLIT is undefined") || !strings.Contains(r.Stderr, "read as 0") {
		t.Errorf("p9as: exit %d, stderr:\n%s", r.Code, r.Stderr)
	}
}

func TestFidelityADJSPTwoOperands(t *testing.T) {
	fidelitySame(t, "ADJSP", `TEXT ·a(SB), 4, $0-0
	ADJSP $14*8, SP
	ADJSP $-112, SP
	ADJSP $0x80, SP
	ADJSP $-0x80, SP
	ADJSP $8, AX
	ADJSP $-8, X1
	ADJSP $8, (AX)
	ADJSP $-8
	ADJSP
	RET
`)
	fidelitySame(t, "ADJSP in a frame", `TEXT ·a(SB), $16-8
	ADJSP $16, SP
	MOVQ x+0(FP), AX
	MOVQ AX, y-8(SP)
	ADJSP $-16, SP
	RET
`)
	for _, c := range []struct{ name, body string }{
		{"zero", "ADJSP $0, SP"},
		{"three operands", "ADJSP $8, SP, AX\n\tADJSP $-8"},
		{"displacement", "ADJSP $8, 8(AX)\n\tADJSP $-8"},
		{"immediate destination", "ADJSP $8, $8\n\tADJSP $-8"},
		{"register source", "ADJSP AX, SP"},
	} {
		fidelityBothReject(t, c.name, "TEXT ·a(SB), 4, $0-0\n\t"+c.body+"\n\tRET\n", 2)
	}
}

func TestFidelitySegmentBase(t *testing.T) {
	fidelitySame(t, "segment registers", `TEXT ·a(SB), 4, $0-0
	MOVQ 8(GS), AX
	MOVQ AX, 16(FS)
	MOVQ (FS), AX
	MOVL 0x30(GS), BX
	LEAQ 8(GS), AX
	MOVQ -8(FS), AX
	MOVQ 0x12345678(GS), R9
	MOVQ 8(CS), AX
	MOVQ 8(DS), AX
	MOVQ 8(ES), AX
	MOVQ 8(SS), AX
	MOVB $1, 8(GS)
	ADDQ $1, 8(FS)
	MOVW 8(GS), AX
	MOVOU 8(GS), X1
	PADDD 8(FS), X1
	IMUL3Q $8, 8(GS), AX
	SHLQ $3, 8(GS)
	PINSRB $1, 8(GS), X1
	CMPXCHGQ AX, 8(GS)
	VADDPS 8(GS), Y1, Y2
	VPERM2F128 $1, 8(GS), Y1, Y2
	VADDPS 8(GS), Z1, Z2
	VADDPS.BCST 8(GS), Z1, Z2
	MOVQ 8(AX)(GS*1), AX
	MOVQ (AX)(FS*1), AX
	MOVQ 8(SP)(FS*1), AX
	MOVQ 8(AX)(SS*1), AX
	MOVQ 8(AX)(CS*8), AX
	MOVQ (GS*1), AX
	MOVQ 8(GS*1), R10
	RET
`)
	fidelityBothReject(t, "segment base with an index", "TEXT ·a(SB), 4, $0-0\n\tMOVQ (GS)(AX*8), AX\n\tRET\n", 2)
}

// byteALU lists the byte instructions with an AL-only short form, each on
// AX, which Go's first sizing pass does not take for AL.
const byteALU = `	SUBB $4, AX
	ORB $2, AX
	ADDB $1, AX
	ADCB $1, AX
	SBBB $1, AX
	ANDB $1, AX
	XORB $1, AX
	CMPB AX, $1
	TESTB $1, AX
	SUBB $4, AL
	SUBB $4, BX
	SUBB $4, SI
	MOVB $4, AX
	MOVBQZX AX, BX
`

// farJump is a forward jump that a short branch does not reach, which
// makes Go size the function a second time.
func farJump() string {
	return "\tJMP far\n" + strings.Repeat("\tMOVQ AX, BX\n", 60) + "far:\n"
}

func TestFidelityByteALUOnAX(t *testing.T) {
	fidelitySame(t, "one pass", "TEXT ·a(SB), 4, $0-0\n"+byteALU+"\tRET\n")
	fidelitySame(t, "two passes", "TEXT ·a(SB), 4, $0-0\n"+byteALU+farJump()+byteALU+"\tRET\n")
	fidelitySame(t, "a short jump only", "TEXT ·a(SB), 4, $0-0\n\tJMP 2(PC)\n"+byteALU+"\tRET\n")
	fidelitySame(t, "one function of two needs a second pass",
		"TEXT ·a(SB), 4, $0-0\n"+byteALU+"\tRET\nTEXT ·b(SB), 4, $0-0\n"+byteALU+farJump()+"\tRET\n")
	// SP names no byte register Go can encode: only the first pass takes it.
	fidelitySame(t, "SP in one pass", "TEXT ·a(SB), 4, $0-0\n\tSUBB $4, SP\n\tRET\n")
	fidelityBothReject(t, "SP in two passes", "TEXT ·a(SB), 4, $0-0\n\tSUBB $4, SP\n"+farJump()+"\tRET\n", 2)
}

func TestFidelityDATA(t *testing.T) {
	fidelitySame(t, "beyond the size", `GLOBL z(SB), 8, $8
DATA z+0(SB)/8, $3
DATA z+8(SB)/8, $4
GLOBL w(SB), $4
DATA w+4(SB)/4, $5
GLOBL q(SB), 16, $4
DATA q+6(SB)/2, $5
DATA r+0(SB)/8, $3
DATA r+8(SB)/8, $4
GLOBL r(SB), 8, $8
DATA v+4(SB)/4, $5
GLOBL v(SB), 16, $4
GLOBL after(SB), 8, $8
DATA after+0(SB)/8, $6
`)
	src := `DATA x<>+0(SB)/8, $1
DATA y+0(SB)/4, $2
DATA v+0(SB)/8, $v(SB)
TEXT ·f(SB), 4, $0
	MOVQ y(SB), AX
	RET
`
	fidelitySame(t, "without a GLOBL", src)
	// As in Go's object, the symbols are not defined: y stays a reference.
	file := filepath.Join(t.TempDir(), "x.s")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, errs := driver.Assemble([]string{file}, driver.AsmConfig{Pkg: "main"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, s := range res.Object.Symbols {
		if s.Defined && (s.Name == "x" || s.Name == "y" || s.Name == "v") {
			t.Errorf("%s is defined; go tool asm leaves it out", s.Name)
		}
	}
}

func TestFidelityMissingFinalNewline(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{
		"ret.h":    "\tRET",
		"define.h": "#define R RET",
	})
	cases := []struct {
		name, src string
		line      int // of p9's error; 0 when both accept
	}{
		{"instruction", "TEXT ·a(SB), 0, $0-0\n\tRET", 2},
		{"instruction and comment", "TEXT ·a(SB), 0, $0-0\n\tRET /* c */", 2},
		{"operands", "TEXT ·a(SB), 0, $0-0\n\tMOVQ AX, BX", 2},
		{"GLOBL", "TEXT ·a(SB), 0, $0-0\n\tRET\nGLOBL x(SB), $8", 3},
		{"#endif", "#ifdef X\n#endif", 2},
		{"#define", "TEXT ·a(SB), 0, $0-0\n\tRET\n#define X 1", 3},
		{"#include", "TEXT ·a(SB), 0, $0-0\n\tRET\n#include \"ret.h\"", 3},
		{"comment", "TEXT ·a(SB), 0, $0-0\n\tRET\n// c", 0},
		{"block comment", "TEXT ·a(SB), 0, $0-0\n\tRET\n/* c */", 0},
		{"semicolon", "TEXT ·a(SB), 0, $0-0\n\tRET;", 0},
		{"blanks", "TEXT ·a(SB), 0, $0-0\n\tRET\n   ", 0},
		{"empty #define", "#define X", 0},
		// An included file that ends without a newline continues on the
		// including file's next line.
		{"include, then a blank line", "TEXT ·a(SB), 0, $0-0\n#include \"ret.h\"\n\n", 0},
		{"include, then a comment", "TEXT ·a(SB), 0, $0-0\n#include \"ret.h\"\n// c\n", 0},
		{"include, then an instruction", "TEXT ·a(SB), 0, $0-0\n#include \"ret.h\"\n\tRET\n", 0},
		{"include, then the end", "TEXT ·a(SB), 0, $0-0\n#include \"ret.h\"\n", 0},
		{"#define in an include, then a blank line", "#include \"define.h\"\n\nTEXT ·a(SB), 0, $0-0\n\tR\n", 0},
		{"#define in an include, then TEXT", "#include \"define.h\"\nTEXT ·a(SB), 0, $0-0\n\tR\n", 0},
	}
	for _, c := range cases {
		file := filepath.Join(dir, "x.s")
		if err := os.WriteFile(file, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		goOut, goErr := exec.Command("go", "tool", "asm", "-p", "main", "-o", filepath.Join(dir, "go.o"), file).CombinedOutput()
		r := testutil.Run(t, dir, "p9as", "-o", "p9.o", "x.s")
		if (goErr == nil) != (r.Code == 0) {
			t.Errorf("%s: go tool asm %v, p9as exit %d\ngo: %s\np9as: %s", c.name, goErr, r.Code, goOut, r.Stderr)
			continue
		}
		if c.line > 0 && r.Code == 0 {
			t.Errorf("%s: both accept; the case expects a rejection", c.name)
		}
		if c.line > 0 && r.Code != 0 && !strings.HasPrefix(r.Stderr, fmt.Sprintf("x.s:%d: ", c.line)) {
			t.Errorf("%s: p9as says %q, want an error at x.s:%d", c.name, r.Stderr, c.line)
		}
	}
	testutil.WriteFiles(t, dir, map[string]string{"eof.s": "TEXT ·a(SB), 0, $0-0\n\tRET"})
	if r := testutil.Run(t, dir, "p9as", "-o", "p9.o", "eof.s"); r.Stderr != "eof.s:2: unexpected EOF\n" {
		t.Errorf("missing newline: %q", r.Stderr)
	}
}

// A function larger than 64 KiB: go tool asm -S lists its bytes with
// five-digit offsets past 0xffff, and the comparison reads all of them.
func TestFidelityCompareLargeSymbol(t *testing.T) {
	testutil.NeedTool(t, "go")
	var b strings.Builder
	b.WriteString("TEXT ·big(SB), 4, $0-0\n")
	for i := 0; i < 25000; i++ {
		fmt.Fprintf(&b, "\tMOVQ $%d, AX\n", i) // 3 or 7 bytes
	}
	b.WriteString("\tRET\n")
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"big.s": b.String()})
	want, err := goasm.Assemble(filepath.Join(dir, "big.s"), "-p", "main")
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 1 || len(want[0].Bytes) < 1<<16 || len(want[0].Insts) != 25001 {
		t.Fatalf("go tool asm's listing read as %d symbols, %d bytes, %d instructions", len(want), len(want[0].Bytes), len(want[0].Insts))
	}
	r := testutil.Run(t, dir, "p9as", "--compare-go", "big.s")
	if r.Code != 0 || !strings.Contains(r.Stdout, "identical to go tool asm (1 symbols)") {
		t.Errorf("exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	// A difference past the first 64 KiB is found.
	got := []*goasm.Symbol{{Name: want[0].Name, Kind: want[0].Kind, Size: want[0].Size,
		Bytes: append([]byte(nil), want[0].Bytes...), Insts: want[0].Insts}}
	got[0].Bytes[len(got[0].Bytes)-2] ^= 1
	if diffs, _ := goasm.Compare(want, got); len(diffs) != 1 || diffs[0].Off < 1<<16 {
		t.Errorf("a change at the end: %+v", diffs)
	}
}

// A difference is shown at the first instruction that differs in length
// or bytes, not at an earlier branch whose displacement it changes.
func TestFidelityCompareShowsInstruction(t *testing.T) {
	insts := func(movLen int) []goasm.Inst {
		return []goasm.Inst{
			{Off: 0, Pos: "x.s:2", Line: 2, Text: "JMP\t5"},
			{Off: 2, Pos: "x.s:3", Line: 3, Text: "MOVQ\tAX, BX"},
			{Off: 2 + movLen, Pos: "x.s:5", Line: 5, Text: "RET"},
		}
	}
	want := []*goasm.Symbol{{Name: "main.f", Kind: "TEXT", Size: 6,
		Bytes: []byte{0xeb, 0x03, 0x48, 0x89, 0xc3, 0xc3}, Insts: insts(3)}}
	got := []*goasm.Symbol{{Name: "main.f", Kind: "TEXT", Size: 7,
		Bytes: []byte{0xeb, 0x04, 0x4c, 0x89, 0xc3, 0x90, 0xc3}, Insts: insts(4)}}
	diffs, _ := goasm.Compare(want, got)
	var b strings.Builder
	goasm.WriteDiffs(&b, diffs)
	for _, s := range []string{"0x0002: 4c 89 c3 90", "0x0002: 48 89 c3\t"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, b.String())
		}
	}
	// With equal lengths, a branch that differs only in its displacement
	// is still shown when nothing else differs.
	got[0].Bytes, got[0].Insts = []byte{0xeb, 0x02, 0x48, 0x89, 0xc3, 0xc3}, insts(3)
	diffs, _ = goasm.Compare(want, got)
	b.Reset()
	goasm.WriteDiffs(&b, diffs)
	if !strings.Contains(b.String(), "0x0000: eb 02") {
		t.Errorf("branch difference:\n%s", b.String())
	}
}

// TestFidelityCarriedHeaders: without -I naming GOROOT/pkg/include, p9as
// serves textflag.h and funcdata.h from the copies it carries, with the
// values of Go's (the object is go tool asm's given Go's headers), says so
// only under -v, and still reports any other missing include.
func TestFidelityCarriedHeaders(t *testing.T) {
	testutil.NeedTool(t, "go")
	dir := t.TempDir()
	src := `#include "textflag.h"
#include "funcdata.h"
TEXT ·f(SB), NOSPLIT|NOFRAME, $0-8
	NO_LOCAL_POINTERS
	GO_RESULTS_INITIALIZED
	MOVQ	$ArgsSizeUnknown, AX
	MOVQ	$(DUPOK|RODATA|WRAPPER|TLSBSS|NOPTR), BX
	MOVQ	AX, ret+0(FP)
	RET
`
	testutil.WriteFiles(t, dir, map[string]string{"x.s": src, "y.s": "#include \"other.h\"\n"})
	if r := testutil.Run(t, dir, "p9as", "-o", "x.o", "x.s"); r.Code != 0 || r.Stderr != "" {
		t.Fatalf("p9as without -I: exit %d, stderr %q", r.Code, r.Stderr)
	}
	r := testutil.Run(t, dir, "p9as", "-v", "-o", "x.o", "x.s")
	for _, h := range []string{"textflag.h", "funcdata.h"} {
		want := "p9as: #include \"" + h + "\": not on the include path; using the copy p9as carries (runtime-src/" + h + ")\n"
		if r.Code != 0 || !strings.Contains(r.Stderr, want) {
			t.Errorf("p9as -v: exit %d, stderr %q, want %q", r.Code, r.Stderr, want)
		}
	}
	if r := testutil.Run(t, dir, "p9as", "--compare-go", "x.s"); r.Code != 0 {
		t.Errorf("--compare-go (go tool asm given GOROOT/pkg/include): exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	if r := testutil.Run(t, dir, "p9as", "-o", "y.o", "y.s"); r.Code != 1 || r.Stderr != "y.s:1: #include \"other.h\": file not found\n" {
		t.Errorf("a header p9as does not carry: exit %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestFidelityUnrecognizedInstruction: a word that is no instruction
// (here an undefined function-like macro) is reported as go tool asm
// reports it, not by what its operands look like; and every op of Go's
// encoder test suites, cmd/asm's amd64.s and the std corpus is an
// instruction to p9, so the rule can never take a real one for a word.
func TestFidelityUnrecognizedInstruction(t *testing.T) {
	fidelityBothReject(t, "macro", "TEXT ·f(SB), 4, $0\n\tROUND(AX, BX)\n\tRET\n", 2)
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"x.s": "TEXT ·f(SB), 4, $0\n\tROUND(AX, BX)\n\tRET\n"})
	if r := testutil.Run(t, dir, "p9as", "-o", "x.o", "x.s"); r.Stderr != "x.s:2: unrecognized instruction \"ROUND\"\n" {
		t.Errorf("stderr %q, want go tool asm's message", r.Stderr)
	}

	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	testdata := encTestdataDir(t)
	files, _ := filepath.Glob(filepath.Join(testdata, "avx512enc", "*.s"))
	files = append(files, filepath.Join(testdata, "amd64enc.s"), filepath.Join(testdata, "amd64enc_extra.s"), filepath.Join(testdata, "amd64.s"))
	flags := map[string]parser.Config{}
	for _, f := range corpusFiles(t, goBin) {
		files = append(files, f.Path)
		flags[f.Path] = parser.Config{IncludeDirs: f.Includes, Defines: f.Defines}
	}
	ops := 0
	for _, f := range files {
		stmts, errs := parser.ParseFile(f, flags[f])
		if len(errs) > 0 {
			continue // files with deliberate errors are other tests' business
		}
		for _, st := range stmts {
			if st.Op == "" || st.Op == "TEXT" || st.Op == "GLOBL" || st.Op == "DATA" {
				continue
			}
			ops++
			if !encoder.IsInstruction(st.Op) {
				t.Errorf("%s: %s is no instruction to p9", st.Pos, st.Op)
			}
		}
	}
	if ops < 10000 {
		t.Errorf("only %d instructions checked", ops)
	}
}
