package encoder

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	var names []string
	for n := range forms {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		for i := range forms[n] {
			fmt.Fprintf(&b, "%s %+v\n", n, forms[n][i])
		}
	}
	os.WriteFile(os.Getenv("DUMP"), []byte(b.String()), 0o644)
}
