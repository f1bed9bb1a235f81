package encoder

import (
	"strings"

	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// maxHintForms bounds how many operand lists an error names.
const maxHintForms = 6

// formHint says which operand lists op accepts, for an "invalid
// instruction" message: " (expected operands r, r/m; r/m, r; ...)", or
// "" if op has no table forms.
func formHint(op string) string {
	shapes := x86.Shapes(op)
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

// stmtText prints a statement as written, for messages about statements
// that never became instructions.
func stmtText(st *parser.Stmt) string {
	s := make([]string, len(st.Args))
	for i := range st.Args {
		s[i] = st.Args[i].String()
	}
	return strings.TrimSpace(st.Op + " " + strings.Join(s, ", "))
}
