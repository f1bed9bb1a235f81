package driver

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/p9tools/p9/link"
)

// TestPreload: a link that takes the preloaded runtime writes what one
// that loads it itself writes; a preload made for other options, or taken
// already, is left alone.
func TestPreload(t *testing.T) {
	hello := filepath.Join("..", "..", "examples", "hello.s")
	for _, strip := range []bool{false, true} {
		want, err := Link([]string{hello}, LinkConfig{Strip: strip})
		if err != nil {
			t.Fatal(err)
		}
		for _, preStrip := range []bool{false, true} {
			pre := PreloadRuntime(link.FormatLinux, preStrip)
			for range 2 { // the second link loads the runtime itself
				got, err := Link([]string{hello}, LinkConfig{Strip: strip, Preload: pre})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("strip %v, preloaded with strip %v: the output differs", strip, preStrip)
				}
			}
		}
	}
}
