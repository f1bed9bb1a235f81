package encoder

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"golang.org/x/arch/x86/x86csv"
)

func convNames(in *x86csv.Inst) []string {
	var names []string
	for _, op := range strings.Split(in.GoOpcode(), "/") {
		switch {
		case op == "-" || op == "":
			continue
		case op == "RDRAND" || op == "RDSEED":
			switch {
			case in.HasTag("operand16"):
				op += "W"
			case in.HasTag("operand32"):
				op += "L"
			default:
				op += "Q"
			}
		case op == "MOVBEWW" || op == "MOVBELL" || op == "MOVBEQQ":
			op = op[:len(op)-1]
		case strings.HasPrefix(op, "IMUL") && len(in.GoArgs()) == 3:
			op = "IMUL3" + op[4:]
		}
		if in.HasTag("operand16") && !in.HasTag("operand32") && strings.Contains(in.GoOpcode(), "/") && !strings.HasSuffix(op, "W") {
			continue // a 16-bit row of a multi-size entry is only the W form
		}
		names = append(names, op)
	}
	return names
}

var convDefault = map[string]string{
	"imm8": "i8", "imm16": "i32", "imm32": "i32", "imm64": "i64", "1": "1",
	"r/m8": "rm8", "r8": "r8", "r8op": "r8",
	"r/m16": "rm", "r/m32": "rm", "r/m64": "rm",
	"r16": "r", "r32": "r", "r64": "r", "r16op": "r", "r32op": "r", "r64op": "r",
	"rmr16": "r", "rmr32": "r", "rmr64": "r",
	"m": "m", "m8": "m", "m16": "m", "m32": "m", "m64": "m", "m128": "m",
	"AL": "al", "AX": "ax", "EAX": "ax", "RAX": "ax", "CL": "cl",
	"Sreg": "seg", "CR0-CR7": "ctl", "CR8": "ctl", "FS": "fs", "GS": "gs",
}

func TestZZConvert(t *testing.T) {
	f, _ := os.Open("internal/gen/x86.v0.2.csv")
	insts, _ := x86csv.NewReader(f).ReadAll()
	// first row per (name,args), as the generator picks
	first := map[string]*x86csv.Inst{}
	var byName = map[string][]*x86csv.Inst{}
	for _, pseudo := range []bool{false, true} {
		for _, in := range insts {
			if in.Mode64 != "V" || (in.HasTag("pseudo") || in.HasTag("pseudo64")) != pseudo {
				continue
			}
			for _, n := range convNames(in) {
				k := n + " " + strings.Join(in.GoArgs(), ", ")
				if first[k] == nil {
					first[k] = in
					byName[n] = append(byName[n], in)
				}
			}
		}
	}
	var names []string
	for n := range forms {
		names = append(names, n)
	}
	sort.Strings(names)
	var out strings.Builder
	for _, n := range names {
		var entries []string
		for i := range forms[n] {
			fm := &forms[n][i]
			sig := formSig(fm)
			cl := strings.Split(classList(fm), ",")
			if classList(fm) == "" {
				cl = nil
			}
			key := n + " " + classList(fm) + ": " + sig
			if why, ok := goSpecific[key]; ok {
				entries = append(entries, fmt.Sprintf("{%s: %s; %s}", classList(fm), sig, why))
				continue
			}
			var best string
			bestN := 99
			for _, in := range byName[n] {
				s := csvSig(in)
				if len(in.GoArgs()) == 1 {
					s = strings.Replace(s, "/r", "/0", 1)
				}
				if s != sig || len(in.GoArgs()) != len(cl) {
					continue
				}
				var parts []string
				over := 0
				for j, a := range in.GoArgs() {
					if convDefault[a] == cl[j] {
						parts = append(parts, a)
					} else {
						parts = append(parts, a+"="+cl[j])
						over++
					}
				}
				if over < bestN {
					bestN, best = over, strings.Join(parts, ",")
					if len(parts) == 0 {
						best = "-"
					}
				}
			}
			if best == "" && strings.HasPrefix(n, "SAL") {
				entries = append(entries, fmt.Sprintf("{%s: %s; SAL is SHL (/4); the CSV lacks this SAL form}", classList(fm), sig))
				continue
			}
			if best == "" {
				t.Errorf("no row for %s", key)
				continue
			}
			entries = append(entries, best)
		}
		// keep lines short: one line per entry group of 4
		for i := 0; i < len(entries); i += 4 {
			j := min(i+4, len(entries))
			fmt.Fprintf(&out, "%s %s\n", n, strings.Join(entries[i:j], " | "))
		}
	}
	os.WriteFile("internal/gen/core.spec.new", []byte(out.String()), 0o644)
}
