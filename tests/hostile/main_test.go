package hostile_test

import (
	"testing"

	"github.com/p9tools/p9/tests/internal/testutil"
)

// TestMain builds p9as and p9ld once for the package's tests.
func TestMain(m *testing.M) { testutil.Main(m) }
