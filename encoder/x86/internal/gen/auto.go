package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/arch/x86/x86csv"
)

// autoClass maps the CSV's operand names to a class and the field the
// operand is encoded in ("" when the field is inferred from its position).
var autoClass = map[string][2]string{
	"imm8": {"u8", "i"}, "imm8u": {"u8", "i"},
	"xmm1": {"x", ""}, "xmm2": {"x", "m"}, "xmmV": {"x", "v"}, "xmmIH": {"x", "4"},
	"ymm1": {"y", ""}, "ymm2": {"y", "m"}, "ymmV": {"y", "v"}, "ymmIH": {"y", "4"},
	"mm1": {"mm", ""}, "mm2": {"mm", "m"},
	"xmm2/m8": {"xm", "m"}, "xmm2/m16": {"xm", "m"}, "xmm2/m32": {"xm", "m"},
	"xmm2/m64": {"xm", "m"}, "xmm2/m128": {"xm", "m"}, "xmm1/m64": {"xm", "m"}, "xmm1/m128": {"xm", "m"},
	"ymm2/m256": {"ym", "m"}, "ymm1/m256": {"ym", "m"},
	"mm2/m32": {"mmm", "m"}, "mm2/m64": {"mmm", "m"}, "mm1/m64": {"mmm", "m"},
	"m": {"m", "m"}, "m8": {"m", "m"}, "m16": {"m", "m"}, "m32": {"m", "m"}, "m64": {"m", "m"},
	"m128": {"m", "m"}, "m256": {"m", "m"}, "mem": {"m", "m"}, "m512byte": {"m", "m"},
	"m32fp": {"m", "m"}, "m64fp": {"m", "m"}, "m80fp": {"m", "m"}, "m16int": {"m", "m"},
	"m32int": {"m", "m"}, "m64int": {"m", "m"}, "m80bcd": {"m", "m"}, "m80dec": {"m", "m"},
	"m2byte": {"m", "m"}, "m16:16": {"m", "m"}, "m16:32": {"m", "m"}, "m16:64": {"m", "m"}, "m14/28byte": {"m", "m"}, "m94/108byte": {"m", "m"}, "m16&64": {"m", "m"},
	"r8": {"r8", ""}, "r16": {"r", ""}, "r32": {"r", ""}, "r64": {"r", ""},
	"r32V": {"r", "v"}, "r64V": {"r", "v"},
	"r/m8": {"rm8", "m"}, "r/m16": {"rm", "m"}, "r/m32": {"rm", "m"}, "r/m64": {"rm", "m"},
	"r32/m8": {"rm", "m"}, "r32/m16": {"rm", "m"}, "r64/m16": {"rm", "m"},
	"rmr16": {"r", "m"}, "rmr32": {"r", "m"}, "rmr64": {"r", "m"},
	"<XMM0>": {"x0", "-"}, "ST(0)": {"f0", "-"}, "ST(i)": {"f", "o"},
	"DR0-DR7": {"dbg", "r"}, "DX": {"dx", "-"}, "AL": {"al", "-"}, "AX": {"ax", "-"}, "EAX": {"ax", "-"},
	"imm16": {"i32", "i"}, "imm32": {"i32", "i"}, "imm16u": {"u16", "i"},
}

// autoForms returns table entries for every 64-bit row of a Go mnemonic,
// in the CSV's order, each operand with its field named.
func autoForms(x *featureIndex, insts []*x86csv.Inst, name string, noMMX bool) ([]tableEntry, error) {
	var out []tableEntry
	seen := map[string]bool{}
	var skipped []string
	for _, in := range insts {
		if !usableRow(in) || !slices.Contains(goNames(in), name) {
			continue
		}
		key := strings.Join(in.GoArgs(), ", ")
		if seen[key] || noMMX && strings.Contains(" "+key, " mm") {
			continue
		}
		seen[key] = true
		s, err := autoForm(in, nil)
		if err != nil {
			// Rows with operands the table's classes do not cover
			// (moffs, bnd, rel) are left out.
			skipped = append(skipped, key+": "+err.Error())
			continue
		}
		out = append(out, tableEntry{name: name, spec: s, feat: x.csv(in)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no usable CSV row for %s %v", name, skipped)
	}
	if strings.Contains(out[0].spec, "VEX.") {
		// Go tries VEX forms that store to ModRM.rm before those that load
		// from it, so a register-to-register move uses the store opcode.
		sort.SliceStable(out, func(i, j int) bool { return storesRM(out[i].spec) && !storesRM(out[j].spec) })
	}
	return out, nil
}

// storesRM reports whether a form's last (destination) operand is ModRM.rm.
func storesRM(spec string) bool {
	args, _, _ := strings.Cut(spec, ":")
	return strings.HasSuffix(args, "@m")
}

func usableRow(in *x86csv.Inst) bool {
	return in.Mode64 == "V" && !in.HasTag("pseudo") && !in.HasTag("pseudo64")
}

// autoForm converts one CSV row, inferring unnamed fields: plain registers
// go to ModRM.reg, then to ModRM.rm (always rm when the opcode has a /digit).
// override, where not "", replaces the operands' classes, by position.
func autoForm(in *x86csv.Inst, override []string) (string, error) {
	enc := encoding(in)
	digit := strings.Contains(enc, "/") && !strings.Contains(enc, "/r")
	plus := strings.Contains(enc, "+r")
	args := in.GoArgs()
	classes := make([]string, len(args))
	roles := make([]string, len(args))
	taken := map[string]bool{}
	for i, a := range args {
		c, ok := autoClass[a]
		if !ok {
			return "", fmt.Errorf("no class for operand %q", a)
		}
		classes[i], roles[i] = c[0], c[1]
		if classes[i] == "u8" && strings.Contains(enc, "VEX.") && len(args) == 3 {
			classes[i] = "b8" // Go's three-operand VEX forms take signed bytes too
		}
		if i < len(override) && override[i] != "" {
			classes[i] = override[i]
		}
		if roles[i] == "o" && !plus {
			roles[i] = "m"
		}
		taken[roles[i]] = true
	}
	// Go order is Intel's reversed; Intel lists ModRM.reg first.
	for i := len(args) - 1; i >= 0; i-- {
		if roles[i] != "" {
			continue
		}
		switch {
		case !digit && !taken["r"]:
			roles[i] = "r"
		case !taken["m"]:
			roles[i] = "m"
		default:
			return "", fmt.Errorf("no field for operand %q", args[i])
		}
		taken[roles[i]] = true
	}
	if plus {
		enc = strings.Replace(enc, " +r", "", 1)
	}
	for i := range classes {
		classes[i] += "@" + roles[i]
	}
	return strings.Join(classes, ",") + ": " + enc, nil
}
