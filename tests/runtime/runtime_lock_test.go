package runtime_test

import (
	"testing"
	"time"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestLockLostWakeup: a runtime lock's sleeper whose wake-up was lost (the
// word released with a plain store, as a channel's fast path does when it
// read no sleeper just before one announced itself) looks at the word
// again by itself and takes the lock (testdata/lostwake.s). Async
// preemption is off: its signals would end the sleep and hide the loss.
func TestLockLostWakeup(t *testing.T) {
	exe := buildRuntimeProgram(t, "lostwake")
	out, errOut, code, err := testutil.RunEnvWithTimeout(exe, 2, 20*time.Second, "P9DEBUG=asyncpreemptoff=1")
	if err != nil || code != 0 || out != "took the lock\n" {
		t.Fatalf("exit %d, err %v, stdout %q (want \"took the lock\\n\"), stderr %q", code, err, out, errOut)
	}
}
