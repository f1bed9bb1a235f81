package encoder

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/arch/x86/x86csv"
)

// goSpecific lists hand-table entries that x86.v0.2.csv does not spell the
// same way, each with why Go encodes it like this.
var goSpecific = map[string]string{
	"MOVQL r,r: 89 /r":         "Go's truncating move is MOVL's store form",
	"MOVLQZX rm,r: 8B /r":      "Go zero-extends with a plain 32-bit load",
	"MOVQ i32,r: B8 +r id":     "Go uses MOVL's zero-extending B8 for unsigned 32-bit values",
	"PUSHW i8: 66 6A ib":       "the CSV has no operand16 PUSH imm8",
	"CALL rm: FF /2":           "the CSV spells it CALLQ*",
	"JMP rm: FF /4":            "the CSV spells it JMPQ*",
	"LEAVEQ : C9":              "the CSV spells it LEAVEQ with operand32",
	"PUSHFW : 66 9C":           "the CSV spells it PUSHFW with operand16",
	"POPFW : 66 9D":            "the CSV spells it POPFW with operand16",
	"MOVW rm,seg: 8E /r":       "Go omits the operand-size prefix, which segment moves ignore",
	"MOVW seg,rm: 8C /r":       "Go omits the operand-size prefix, which segment moves ignore",
	"RET : C3":                 "the CSV spells it RETQ",
	"IMULW i8,r: 66 6B /r ib":  "IMULW $i, r is IMUL3W $i, r, r",
	"IMULW i32,r: 66 69 /r iw": "IMULW $i, r is IMUL3W $i, r, r",
	"IMULL i8,r: 6B /r ib":     "IMULL $i, r is IMUL3L $i, r, r",
	"IMULL i32,r: 69 /r id":    "IMULL $i, r is IMUL3L $i, r, r",
	"IMULQ i8,r: W 6B /r ib":   "IMULQ $i, r is IMUL3Q $i, r, r",
	"IMULQ i32,r: W 69 /r id":  "IMULQ $i, r is IMUL3Q $i, r, r",
	"REP : F3":                 "a prefix, which Go writes as an instruction",
	"REPN : F2":                "a prefix, which Go writes as an instruction",
}

// csvPath finds x86.v0.2.csv in the module cache.
func csvPath(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/arch").Output()
	if err != nil {
		t.Skipf("cannot locate golang.org/x/arch: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "x86", "x86.v0.2.csv")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no CSV: %v", err)
	}
	return p
}

// csvSig normalises a CSV encoding (with its tags) to the table's token
// syntax, without operand classes.
func csvSig(in *x86csv.Inst) string {
	var toks []string
	if in.HasTag("operand16") && !in.HasTag("operand32") {
		toks = append(toks, "66")
	}
	for _, t := range strings.Fields(in.Encoding) {
		switch {
		case t == "REX.W":
			toks = append(toks, "W")
		case t == "REX" || strings.HasPrefix(t, "NP"):
		case strings.Contains(t, "+r"):
			toks = append(toks, t[:2], "+r")
		case t == "io":
			toks = append(toks, "iq")
		case strings.HasPrefix(t, "/") || len(t) == 2:
			toks = append(toks, t)
		}
	}
	// The table writes mandatory prefixes before REX.W, as Go emits them.
	for i := 1; i < len(toks); i++ {
		if toks[i-1] == "W" && (toks[i] == "F3" || toks[i] == "F2") {
			toks[i-1], toks[i] = toks[i], toks[i-1]
		}
	}
	return strings.Join(toks, " ")
}

func formSig(f *form) string {
	var toks []string
	for _, p := range f.prefix {
		toks = append(toks, fmt.Sprintf("%02X", p))
	}
	if f.rexW {
		toks = append(toks, "W")
	}
	for i, b := range f.op {
		if f.plusR && i == len(f.op)-1 {
			toks = append(toks, fmt.Sprintf("%02X", b), "+r")
			continue
		}
		toks = append(toks, fmt.Sprintf("%02X", b))
	}
	switch {
	case f.digit == -1:
		toks = append(toks, "/r")
	case f.digit >= 0:
		toks = append(toks, fmt.Sprintf("/%d", f.digit))
	}
	if f.imm > 0 {
		toks = append(toks, map[int]string{1: "ib", 2: "iw", 4: "id", 8: "iq"}[f.imm])
	}
	return strings.Join(toks, " ")
}

// TestTableMatchesCSV checks each hand-table encoding against the
// instruction database: every form's prefixes, REX.W, opcode, ModRM use and
// immediate size must appear in a 64-bit row for the same Go mnemonic.
func TestTableMatchesCSV(t *testing.T) {
	f, err := os.Open(csvPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	insts, err := x86csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sigs := map[string]map[string]bool{}
	for _, in := range insts {
		if in.Mode64 != "V" {
			continue
		}
		s := csvSig(in)
		// "PUSHW/PUSHL/PUSHQ imm8" names one row for several sizes.
		for _, op := range strings.Split(in.GoOpcode(), "/") {
			switch op {
			case "RDRAND", "RDSEED":
				// The CSV leaves the size to the operand.
				switch {
				case in.HasTag("operand16"):
					op += "W"
				case in.HasTag("operand32"):
					op += "L"
				default:
					op += "Q"
				}
			case "MOVBEWW", "MOVBELL", "MOVBEQQ":
				op = op[:len(op)-1] // Go's assembler also accepts the CSV's spelling
			}
			if len(in.GoArgs()) == 3 && strings.HasPrefix(op, "IMUL") {
				op = "IMUL3" + op[4:] // Go names the three-operand form IMUL3
			}
			if sigs[op] == nil {
				sigs[op] = map[string]bool{}
			}
			sigs[op][s] = true
			// SETcc ignores ModRM.reg; the CSV says /r where Go writes /0.
			sigs[op][strings.Replace(s, "/r", "/0", 1)] = true
		}
	}
	var names []string
	for n := range forms {
		names = append(names, n)
	}
	sort.Strings(names)
	checked, special := 0, 0
	for _, n := range names {
		for i := range forms[n] {
			fm := &forms[n][i]
			sig := formSig(fm)
			key := n + " " + classList(fm) + ": " + sig
			if _, ok := goSpecific[key]; ok {
				special++
				continue
			}
			checked++
			if !sigs[n][sig] {
				t.Errorf("%s: not in x86.v0.2.csv (rows for %s: %v)", key, n, keys(sigs[n]))
			}
		}
	}
	t.Logf("%d forms match the CSV, %d are Go-specific", checked, special)
}

func classList(f *form) string {
	rev := map[class]string{}
	for k, v := range classNames {
		rev[v] = k
	}
	var s []string
	for _, c := range f.args {
		s = append(s, rev[c])
	}
	return strings.Join(s, ",")
}

func keys(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}
