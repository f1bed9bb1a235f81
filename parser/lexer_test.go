package parser

import "testing"

// TestCharClass holds the static class table to its rule: ASCII letters
// and '_' are letters, decimal digits are digits, blank, tab and carriage
// return are space, and every other byte is other.
func TestCharClass(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := cOther
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			want = cLetter
		case c >= '0' && c <= '9':
			want = cDigit
		case c == ' ', c == '\t', c == '\r':
			want = cSpace
		}
		if charClass[c] != want {
			t.Errorf("charClass[%q] = %d, want %d", rune(c), charClass[c], want)
		}
	}
}
