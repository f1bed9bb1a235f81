package tests

import (
	"fmt"
	"strings"
	"testing"
)

// TestEncoderBranchRelaxation compares short/long branch choices around the
// rel8 limits, forward and backward, for every kind of direct branch, and
// chains of branches whose sizes depend on each other.
func TestEncoderBranchRelaxation(t *testing.T) {
	var b strings.Builder
	n := 0
	fn := func(body string) {
		fmt.Fprintf(&b, "TEXT ·b%04d(SB), 516, $0-0\n%s", n, body)
		n++
	}
	pad := func(k int) string { return strings.Repeat("\tBYTE $0x90\n", k) }
	for _, j := range []string{"JMP", "JEQ", "JNE", "JCS", "JHI", "JLT", "JGE", "JPL", "JCXZQ", "JCXZL", "LOOP"} {
		// LOOP and JCXZ have no long form: go tool asm fails beyond rel8.
		rel8Only := j == "LOOP" || j == "JCXZQ" || j == "JCXZL"
		for k := 120; k <= 132; k++ {
			if !rel8Only || k <= 127 {
				fn(fmt.Sprintf("\t%s fwd\n%sfwd:\n\tRET\n", j, pad(k)))
			}
			if !rel8Only || k <= 126 {
				fn(fmt.Sprintf("back:\n%s\t%s back\n\tRET\n", pad(k), j))
			}
		}
	}
	// Two forward branches over each other: the outer one's size depends on
	// the inner one's.
	for k := 118; k <= 128; k++ {
		fn(fmt.Sprintf("\tJEQ outer\n\tJNE inner\n%sinner:\n\tBYTE $0x90\nouter:\n\tRET\n", pad(k)))
		fn(fmt.Sprintf("\tJMP a\nb:\n%s\tJMP c\na:\n\tJMP b\nc:\n\tRET\n", pad(k)))
	}
	// Branches by instruction count, to a label before PCDATA-like no-code
	// statements, and across a PCALIGN.
	fn("\tJMP 2(PC)\n\tBYTE $0x90\n\tRET\n")
	fn("\tJEQ 3(PC)\n\tNOP\n\tNOP\n\tRET\n")
	fn("l:\n\tNOP\n\tJMP -1(PC)\n\tJMP l\n")
	fn("\tJMP l\n\tPCALIGN $64\nl:\n\tRET\n")
	fn(fmt.Sprintf("\tJMP l\n%s\tPCALIGN $16\nl:\n\tRET\n", pad(120)))
	compareWithGo(t, b.String(), func(s string) string { return s })
}
