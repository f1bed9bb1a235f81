package x86

import (
	"sort"
	"strings"
	"testing"
)

// formSamples are operands of each class, for instantiating table forms.
var formSamples = map[class][]string{
	cR8: {"DL", "R11B", "SIB", "AH"}, cR: {"DX", "R11", "SI"}, cRM8: {"DL", "(BX)", "DIB", "BP"}, cRM: {"DX", "(R11)", "DI", "(SP)"},
	cM: {"8(BX)", "-16(R12)(R13*2)"}, cAL: {"AL"}, cAX: {"AX"}, cCL: {"CL"}, cOne: {"$1"},
	cU2: {"$3"}, cI8: {"$-5", "$200"}, cU8: {"$200", "$-3"}, cS32: {"$-100000"}, cI32: {"$3000000000"},
	cI64: {"$0x123456789a"}, cSeg: {"DS"}, cCtl: {"CR3", "CR8"}, cFS: {"FS"}, cGS: {"GS"}, cDbg: {"DR6", "DR2"}, cDbgL: {"DR7"},
	cX: {"X3", "X12"}, cXM: {"X3", "(R11)"}, cY: {"Y3", "Y12"}, cYM: {"Y3", "(R11)"}, cMM: {"M3"},
	cMMM: {"M3", "(BX)"}, cX0: {"X0"}, cF0: {"F0"}, cF: {"F5"}, cVX: {"8(R11)(X5*4)"},
	cVY: {"8(R11)(Y5*4)"}, cDX: {"DX"}, cU16: {"$300"}, cB8: {"$-3", "$250"}, cRMM: {"DX", "M3", "(BX)"},
	cXE: {"X3", "X21"}, cXME: {"X21", "8(BX)"}, cYE: {"Y3", "Y21"}, cYME: {"Y21", "-64(R11)"},
	cZ: {"Z3", "Z21"}, cZM: {"Z21", "128(BX)"}, cK: {"K3"}, cKM: {"K3", "(BX)"}, cKN0: {"K5"},
	cVXE: {"8(R11)(X25*4)"}, cVYE: {"8(R11)(Y25*4)"}, cVZ: {"8(R11)(Z25*4)"}, cZ4: {"[Z4-Z7]"}, cXE4: {"[X8-X11]"},
}

// formLines instantiates every form of the table: its first few operand
// combinations, and each sample of its immediate, which probes the
// immediate's range.
func formLines(t *testing.T) []string {
	set := map[string]bool{}
	for name := range Mnemonics {
		fs := formsOf(name)
		for k := range fs {
			var opts [][]string
			imm := -1
			for i, c := range fs[k].args() {
				s, ok := formSamples[c]
				if !ok {
					t.Fatalf("%s: no samples for class %d", name, c)
				}
				opts = append(opts, s)
				if imm < 0 && (c == cU8 || c == cI8 || c == cB8) {
					imm = i
				}
			}
			combos := [][]string{{}}
			for _, o := range opts {
				var next [][]string
				for _, c := range combos {
					for _, v := range o {
						next = append(next, append(append([]string(nil), c...), v))
					}
				}
				combos = next
			}
			pick := combos[:min(6, len(combos))]
			if imm >= 0 {
				for _, v := range opts[imm] {
					c := append([]string(nil), combos[0]...)
					c[imm] = v
					pick = append(pick, c)
				}
			}
			for _, c := range pick {
				set[strings.TrimSpace(name+" "+strings.Join(c, ", "))] = true
			}
		}
	}
	var lines []string
	for l := range set {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	return lines
}
