package runtime_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestGomaxprocsUncapped: GOMAXPROCS takes any count, as in Go since 1.10;
// runtime·gomaxprocs reports it.
func TestGomaxprocsUncapped(t *testing.T) {
	exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), NOSPLIT, $16-0
	CALL	runtime·gomaxprocs(SB)
	MOVLQSX	0(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	RET
`)
	for _, n := range []int{1, 256, 257, 1000} {
		out, errOut, code, err := testutil.RunWithTimeout(exe, n, 20*time.Second)
		if err != nil || code != 0 || out != fmt.Sprintf("%d\n", n) {
			t.Errorf("GOMAXPROCS=%d: exit %d, err %v, stdout %q, stderr %q", n, code, err, out, errOut)
		}
	}
	// And the scheduler runs on that many Ps.
	cmd := exec.Command(testutil.BuildExample(t, "goroutines"))
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1000")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "sum=499500\n") {
		t.Errorf("goroutines at GOMAXPROCS=1000: %v\n%s", err, out)
	}
}

// TestMallocSizeOutOfRange: a request larger than the address space is
// out of memory, not a size that wraps around to a small block.
func TestMallocSizeOutOfRange(t *testing.T) {
	for _, size := range []string{"-16", "-8", "$0x800000000001"} {
		if !strings.HasPrefix(size, "$") {
			size = "$" + size
		}
		exe := testutil.LinkProgram(t, `#include "textflag.h"
TEXT main·main(SB), NOSPLIT, $16-0
	MOVQ	`+size+`, AX
	MOVQ	AX, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	RET
`)
		out, errOut, code, err := testutil.RunWithTimeout(exe, 1, 20*time.Second)
		if err != nil || code != 2 || out != "" || !strings.HasPrefix(errOut, "fatal error: out of memory\n") {
			t.Errorf("malloc(%s): exit %d, err %v, stdout %q, stderr %q; want exit 2, out of memory", size, code, err, out, errOut)
		}
	}
}
