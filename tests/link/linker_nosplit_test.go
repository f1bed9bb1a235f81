package link_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// nosplitProgram is a program whose main.main calls a chain of two NOSPLIT
// functions with the given frame sizes.
func nosplitProgram(frameA, frameB int) string {
	return fmt.Sprintf(`#include "textflag.h"

TEXT main·main(SB), NOSPLIT, $0-0
	CALL	main·a(SB)
	RET

TEXT main·a(SB), NOSPLIT, $%d-0
	CALL	main·b(SB)
	RET

TEXT main·b(SB), NOSPLIT, $%d-0
	MOVQ	$1, 0(SP)
	RET
`, frameA, frameB)
}

// TestLinkerNosplitOverLimit: main.a's frame (512, plus 8 for the saved BP) and
// its call (8) to main.b (256+8) use 792 bytes; main.main's call to main.a
// takes the chain over Go's limit, 800 less the 8-byte return address of
// the call into it. The message names every function of the chain.
func TestLinkerNosplitOverLimit(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"deep.s": nosplitProgram(512, 256)})
	r := testutil.Run(t, dir, "p9ld", "-o", "deep", "deep.s")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.Code, r.Stderr)
	}
	if !strings.HasPrefix(r.Stderr, "p9ld: nosplit stack over 792 byte limit\n") {
		t.Errorf("message does not start with the limit:\n%s", r.Stderr)
	}
	chain := regexp.MustCompile(`(?s)\tmain\.main: frame 0, uses 8 bytes, calls main\.a\n` +
		`\tmain\.a: frame 512, uses 528 bytes, calls main\.b\n` +
		`\tmain\.b: frame 256, uses 264 bytes\n` +
		`\t\d+ bytes in all, \d+ over the limit\n`)
	if !chain.MatchString(r.Stderr) {
		t.Errorf("message does not name the chain main.main → main.a → main.b:\n%s", r.Stderr)
	}
	if strings.Contains(r.Stderr, "panic") {
		t.Errorf("panic:\n%s", r.Stderr)
	}
}

// TestLinkerNosplitUnderLimit: the same chain with smaller frames links and runs.
func TestLinkerNosplitUnderLimit(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"shallow.s": nosplitProgram(256, 256)})
	testutil.MustRun(t, dir, "p9ld", "-o", "shallow", "shallow.s")
	testutil.MustRun(t, dir, dir+"/shallow")
}

// TestLinkerUnsizedSplitWarning: p9ld warns, once each, of kept functions
// whose stack can grow but whose argument size is unknown (the runtime
// cannot copy their arguments to a new segment); NOSPLIT functions, leaf
// functions the assembler made NOSPLIT, sized ones and dropped ones are
// not named.
func TestLinkerUnsizedSplitWarning(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"p.s": `#include "textflag.h"
TEXT main·f(SB), $64
	CALL	main·sized(SB)
	RET
TEXT main·sized(SB), $64-8
	CALL	main·leaf(SB)
	RET
TEXT main·leaf(SB), $16
	RET
TEXT main·nosplit(SB), NOSPLIT, $16
	CALL	main·leaf(SB)
	RET
TEXT main·dropped(SB), $64
	CALL	main·f(SB)
	RET
TEXT main·main(SB), $0-0
	CALL	main·f(SB)
	CALL	main·nosplit(SB)
	RET
`})
	r := testutil.MustRun(t, dir, "p9ld", "-o", "p", "p.s")
	want := "p9ld: warning: main.f has a stack-split prologue but no argument size: " +
		"if its stack must grow, the program stops (declare it: TEXT main·f(SB), $64-argsize, or make it NOSPLIT)\n"
	if r.Stderr != want {
		t.Errorf("stderr %q, want %q", r.Stderr, want)
	}
}
