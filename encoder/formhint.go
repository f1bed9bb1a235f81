package encoder

import (
	"strings"

	"github.com/p9tools/p9/parser"
)

// classText is how an operand class reads in an error message.
var classText = map[class]string{
	cR8: "r8", cR: "r", cRM8: "r8/m", cRM: "r/m", cM: "m", cAL: "AL", cAX: "AX",
	cCL: "CL", cOne: "$1", cU2: "$imm2", cI8: "$imm8", cU8: "$imm8", cS32: "$imm32",
	cI32: "$imm32", cI64: "$imm64", cSeg: "sreg", cCtl: "CRn", cFS: "FS", cGS: "GS",
	cDbg: "DRn", cX: "X", cXM: "X/m", cY: "Y", cYM: "Y/m", cMM: "M", cMMM: "M/m",
	cX0: "X0", cF0: "F0", cF: "F", cVX: "vsib", cVY: "vsib", cDX: "DX", cU16: "$imm16",
	cB8: "$imm8", cRMM: "r/M/m", cXE: "X", cXME: "X/m", cYE: "Y", cYME: "Y/m",
	cZ: "Z", cZM: "Z/m", cK: "K", cKM: "K/m", cKN0: "K", cVXE: "vsib", cVYE: "vsib",
	cVZ: "vsib", cZ4: "[Z-Z+3]", cXE4: "[X-X+3]",
}

// maxHintForms bounds how many operand lists an error names.
const maxHintForms = 6

// formHint says which operand lists op accepts, for an "invalid
// instruction" message: " (expected operands r, r/m; r/m, r; ...)", or
// "" if op has no table forms.
func formHint(op string) string {
	var shapes []string
	seen := map[string]bool{}
	for _, f := range formsOf(op) {
		args := make([]string, len(f.args))
		for i, c := range f.args {
			args[i] = className(c)
		}
		s := strings.Join(args, ", ")
		if !seen[s] {
			seen[s] = true
			shapes = append(shapes, s)
		}
	}
	switch kind, _, _ := branchOf(op); kind {
	case bNone:
	case bJmp:
		shapes = append([]string{"label", "off(PC)", "sym(SB)"}, shapes...)
	case bCall:
		shapes = append([]string{"sym(SB)"}, shapes...)
	default:
		shapes = append([]string{"label", "off(PC)"}, shapes...)
	}
	if len(shapes) == 0 || len(shapes) == 1 && shapes[0] == "" {
		return ""
	}
	more := ""
	if len(shapes) > maxHintForms {
		shapes, more = shapes[:maxHintForms], "; ..."
	}
	return " (expected operands " + strings.Join(shapes, "; ") + more + ")"
}

// className names c for a message, falling back to the table's own name.
func className(c class) string {
	if s, ok := classText[c]; ok {
		return s
	}
	for name, k := range classNames {
		if k == c {
			return name
		}
	}
	return "?"
}

// stmtText prints a statement as written, for messages about statements
// that never became instructions.
func stmtText(st *parser.Stmt) string {
	s := make([]string, len(st.Args))
	for i := range st.Args {
		s[i] = st.Args[i].String()
	}
	return strings.TrimSpace(st.Op + " " + strings.Join(s, ", "))
}
