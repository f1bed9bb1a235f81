package tests

import (
	"os"
	"testing"
)

func TestSemanticsPrologueScratch(t *testing.T) {
	src, err := os.ReadFile("/tmp/obs/b.s")
	if err != nil {
		t.Skip()
	}
	encCompare(t, string(src), func(s string) string { return s })
}
