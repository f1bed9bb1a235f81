package asm_test

import (
	"fmt"
	"math/rand/v2"
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
	for _, j := range []string{"JMP", "JEQ", "JNE", "JCS", "JHI", "JLT", "JGE", "JPL", "JCXZQ", "JCXZL", "LOOP", "LOOPEQ", "LOOPNE"} {
		// LOOP and JCXZ have no long form: go tool asm fails beyond rel8.
		rel8Only := strings.HasPrefix(j, "LOOP") || j == "JCXZQ" || j == "JCXZL"
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
	// Random mixes of branches, labels, padding and PCALIGN (fixed seed).
	r := rand.New(rand.NewPCG(1, 2))
	jumps := []string{"JMP", "JEQ", "JNE", "JLT", "JHI", "JCS", "JPL"}
	for f := 0; f < 150; f++ {
		var body strings.Builder
		nl := 2 + r.IntN(6)
		for i := 0; i < 12+r.IntN(20); i++ {
			switch k := r.IntN(10); {
			case k < 4:
				fmt.Fprintf(&body, "\t%s l%d\n", jumps[r.IntN(len(jumps))], r.IntN(nl))
			case k < 8:
				body.WriteString(pad(r.IntN(90)))
			case k < 9:
				fmt.Fprintf(&body, "\tPCALIGN $%d\n", 8<<r.IntN(3))
			default:
				body.WriteString("\tMOVQ $0x1122334455, AX\n")
			}
			if r.IntN(3) == 0 {
				fmt.Fprintf(&body, "l%d:\n\tNOP\n", i)
			}
		}
		for i := 0; i < 40; i++ {
			if !strings.Contains(body.String(), fmt.Sprintf("l%d:\n", i)) {
				fmt.Fprintf(&body, "l%d:\n\tNOP\n", i)
			}
		}
		body.WriteString("\tRET\n")
		fn(body.String())
	}
	encCompare(t, b.String(), func(s string) string { return s })
}
