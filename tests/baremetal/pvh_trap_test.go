package baremetal_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// badStackSource divides by zero on a goroutine after moving its stack
// pointer to memory nothing maps (above the first GiB). Pushing the
// exception's frame there would fault, and that fault's frame too: a
// triple fault, a silent reset. On an interrupt stack the exception is
// reported (main yields meanwhile, never exiting). With NOTPRESENT defined, vector 0's gate is marked not
// present first, so the divide error's delivery itself fails (#NP), which
// is a double fault.
const badStackSource = `#include "textflag.h"
#include "test.h"

TEXT main·main(SB), NOSPLIT, $8-0
	GO(divfn<>(SB))
again:
	CALL	runtime·Gosched(SB)
	JMP	again

TEXT main·divide(SB), NOSPLIT, $0-0
#ifdef NOTPRESENT
	ANDB	$0x7f, runtime·pvhidt+5(SB)
#endif
	MOVQ	$0x50000000, SP
	MOVQ	$1, AX
	MOVQ	$0, DX
	MOVQ	$0, CX
	DIVQ	CX
	RET

DATA divfn<>+0(SB)/8, $main·divide(SB)
GLOBL divfn<>(SB), RODATA, $8
`

// TestPVHFaultOnBadStack: exceptions run on the CPU's interrupt stacks, so
// a fault with an unusable stack pointer, and a double fault, are fatal
// errors with exit status 2 (QEMU status 5), never a silent triple fault.
func TestPVHFaultOnBadStack(t *testing.T) {
	needQEMU(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "bad.s")
	writeFile(t, src, badStackSource)
	for _, c := range []struct {
		name, def, vector string
	}{
		{"divide", "", "0"},
		{"double", "-D NOTPRESENT", "8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			img := filepath.Join(dir, c.name+".img")
			args := []string{"-H", "pvh", "-I", testutil.HeaderDir, "-o", img}
			if c.def != "" {
				args = append(args, strings.Fields(c.def)...)
			}
			testutil.MustRun(t, testutil.RepoRoot, "p9ld", append(args, src)...)
			serial, code := boot(t, img, "-smp", "2")
			if !regexp.MustCompile(`^fatal error: unexpected exception `+c.vector+` pc=0x[0-9a-f]+\n`).MatchString(serial) || code != 5 {
				t.Errorf("serial %q, status %d; want exception %s reported, status 5", serial, code, c.vector)
			}
		})
	}
}
