package main

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/arch/x86/xeddata"
)

// xedForm is one VEX or EVEX encoding read from the XED database.
type xedForm struct {
	name    string
	isa     string // XED's ISA set
	evex    bool
	args    []xedArg // in Go order
	mask    int      // index in args of a MASK1() operand (optional K), or -1
	opbyte  string
	digit   int // fixed ModRM.reg, or -1
	l, p, m string
	w       string // W0 or W1
	n, bcst int    // disp8 scale without and with broadcast
	sae, rc bool
	zero    bool
	key     string // what makes a register and a memory form one form
}

// xedArg is an operand: its class, the field it is encoded in, and the
// type name Go's tables give it (which decides their order).
type xedArg struct {
	class, role, ytype string
}

// xedRegs maps XED register operand nonterminals to classes, fields and
// Go's type names.
var xedRegs = map[string]xedArg{
	"GPR32_R()": {"r", "r", "Yrl"}, "GPR64_R()": {"r", "r", "Yrl"},
	"VGPR32_R()": {"r", "r", "Yrl"}, "VGPR64_R()": {"r", "r", "Yrl"},
	"VGPR32_N()": {"r", "v", "Yrl"}, "VGPR64_N()": {"r", "v", "Yrl"},
	"GPR32_B()": {"r", "m", "Yrl"}, "GPR64_B()": {"r", "m", "Yrl"},
	"VGPR32_B()": {"r", "m", "Yrl"}, "VGPR64_B()": {"r", "m", "Yrl"},
	"XMM_R()": {"x", "r", "Yxr"}, "XMM_R3()": {"xe", "r", "YxrEvex"},
	"XMM_N()": {"x", "v", "Yxr"}, "XMM_N3()": {"xe", "v", "YxrEvex"},
	"XMM_B()": {"x", "m", "Yxr"}, "XMM_B3()": {"xe", "m", "YxrEvex"},
	"XMM_SE()": {"x", "4", "Yxr"},
	"YMM_R()":  {"y", "r", "Yyr"}, "YMM_R3()": {"ye", "r", "YyrEvex"},
	"YMM_N()": {"y", "v", "Yyr"}, "YMM_N3()": {"ye", "v", "YyrEvex"},
	"YMM_B()": {"y", "m", "Yyr"}, "YMM_B3()": {"ye", "m", "YyrEvex"},
	"YMM_SE()": {"y", "4", "Yyr"},
	"ZMM_R3()": {"z", "r", "Yzr"}, "ZMM_N3()": {"z", "v", "Yzr"}, "ZMM_B3()": {"z", "m", "Yzr"},
	"MASK_R()": {"k", "r", "Yk"}, "MASK_N()": {"k", "v", "Yk"}, "MASK_B()": {"k", "m", "Yk"},
	"MASKNOT0()": {"kn0", "k", "Yknot0"},
	"MASK1()":    {"kn0", "k", "MASK1()"},
}

// withMem is the class of a register operand merged with memory.
var withMem = map[string][2]string{
	"r": {"rm", "Yml"}, "x": {"xm", "Yxm"}, "xe": {"xme", "YxmEvex"}, "y": {"ym", "Yym"},
	"ye": {"yme", "YymEvex"}, "z": {"zm", "Yzm"}, "k": {"km", "Ykm"},
}

// goSuffix lists the mnemonics Go splits by vector length or operand size.
var goSuffix = map[string][]string{}

func init() {
	xy := []string{"VL=0", "X", "VL=1", "Y"}
	xyz := []string{"VL=0", "X", "VL=1", "Y", "VL=2", "Z"}
	q := []string{"REXW=1", "Q"}
	lq := []string{"REXW=0", "L", "REXW=1", "Q"}
	for _, n := range strings.Fields("VCVTPD2DQ VCVTPD2PS VCVTTPD2DQ VCVTQQ2PS VCVTUQQ2PS VCVTPD2UDQ VCVTTPD2UDQ") {
		goSuffix[n] = xy
	}
	goSuffix["VFPCLASSPD"], goSuffix["VFPCLASSPS"] = xyz, xyz
	for _, n := range strings.Fields("VCVTSD2SI VCVTTSD2SI VCVTTSS2SI VCVTSS2SI") {
		goSuffix[n] = q
	}
	for _, n := range strings.Fields("VCVTSD2USI VCVTSS2USI VCVTTSD2USI VCVTTSS2USI VCVTUSI2SD VCVTUSI2SS VCVTSI2SD VCVTSI2SS ANDN BEXTR BLSI BLSMSK BLSR BZHI MULX PDEP PEXT RORX SARX SHLX SHRX") {
		goSuffix[n] = lq
	}
}

var opbyteRE = regexp.MustCompile(`^0x[0-9A-F]{2}$`)

// goISASet matches the XED ISA sets whose VEX and EVEX forms Go's
// assembler has: AVX-512 up to VBMI2, VNNI, BITALG and VPOPCNTDQ, the mask
// instructions, and GFNI, VAES and VPCLMULQDQ. Later sets (FP16, BF16,
// VP2INTERSECT, AVX10, AVX-VNNI, AMX, APX) are not Go's.
var goISASet = regexp.MustCompile(`^(AVX512(F|BW|CD|DQ|ER|PF)|AVX512_(4FMAPS|4VNNIW|BITALG|IFMA|VBMI|VBMI2|VNNI|VPOPCNTDQ|GFNI|VAES|VPCLMULQDQ))_(128N?|256|512|SCALAR|KOP[BWDQ])$|^(AVX_GFNI|GFNI|VAES|VPCLMULQDQ)$`)

// loadXED reads every VEX and EVEX form of the database, grouped by Go
// mnemonic, each group in the order Go's tables list it.
func loadXED(dir string) (map[string][]*xedForm, error) {
	db, err := xeddata.NewDatabase(dir)
	if err != nil {
		return nil, err
	}
	groups := map[string][]*xedForm{}
	var ferr error
	err = xeddata.WalkInsts(dir, func(inst *xeddata.Inst) {
		if ferr != nil {
			return
		}
		pattern := xeddata.ExpandStates(db, inst.Pattern)
		pset := xeddata.NewPatternSet(pattern)
		switch {
		case inst.HasAttribute("AMDONLY") || inst.Extension == "XOP":
			return
		case !goISASet.MatchString(inst.ISASet):
			return // an extension Go's assembler does not have (or the CSV covers)
		case !pset.Is("VEX") && !pset.Is("EVEX"):
			return
		case inst.RealOpcode == "N" || pset["not64"]:
			return
		}
		pset.Replace("FIX_ROUND_LEN128()", "VL=0")
		pset.Replace("FIX_ROUND_LEN512()", "VL=2")
		f, err := decodeXED(db, inst, pset)
		switch {
		case err != nil:
			ferr = fmt.Errorf("%s: %s: %v", inst.Pos, inst.Iclass, err)
		case f != nil:
			groups[f.name] = append(groups[f.name], f)
		}
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return nil, err
	}
	for name, g := range groups {
		groups[name] = orderGroup(mergeWIG(mergeRegMem(g)))
	}
	return groups, nil
}

// decodeXED converts one XED form, or returns nil for a form Go does not have.
func decodeXED(db *xeddata.Database, inst *xeddata.Inst, pset xeddata.PatternSet) (*xedForm, error) {
	// VPEXTRW_C5 is the second encoding of VPEXTRW, which Go gives both.
	f := &xedForm{name: strings.TrimSuffix(inst.Iclass, "_C5"), isa: inst.ISASet, evex: pset.Is("EVEX"), mask: -1, digit: -1}
	if kv := goSuffix[f.name]; kv != nil {
		sfx := pset.Match(kv...)
		if sfx == "" && kv[0] == "REXW=0" {
			return nil, nil // a form without a 64-bit operand size, which Go names by size
		}
		f.name += sfx
	}
	for _, s := range strings.Fields(inst.Operands) {
		op, err := xeddata.NewOperand(db, s)
		if err != nil {
			return nil, err
		}
		if op.Action == "" || !op.IsVisible() {
			continue
		}
		var a xedArg
		switch op.NameLHS() {
		case "IMM0":
			a = xedArg{"u8", "i", "Yu8"}
			if pset["IMM0SIGNED=1"] {
				a = xedArg{"i8", "i", "Yi8"}
			}
		case "REG0", "REG1", "REG2", "REG3":
			rhs := op.NameRHS()
			r, ok := xedRegs[rhs]
			if !ok {
				return nil, fmt.Errorf("register operand %s", rhs)
			}
			a = r
			if rhs == "MASK1()" {
				f.mask = len(f.args)
			}
			if op.Attributes["MULTISOURCE4"] {
				a.class += "4"
				a.ytype += "Multi4"
			}
		case "MEM0":
			a = xedArg{"m", "m", "Ym"}
			for _, v := range [][3]string{
				{"VMODRM_XMM()", "vx", "Yxvm"}, {"VMODRM_YMM()", "vy", "Yyvm"},
				{"UISA_VMODRM_XMM()", "vxe", "YxvmEvex"}, {"UISA_VMODRM_YMM()", "vye", "YyvmEvex"},
				{"UISA_VMODRM_ZMM()", "vz", "Yzvm"},
			} {
				if pset[v[0]] {
					a.class, a.ytype = v[1], v[2]
				}
			}
		default:
			return nil, fmt.Errorf("operand %s", op.Name)
		}
		f.args = append(f.args, a)
	}
	// Go lists operands in the reverse of Intel's order.
	slices.Reverse(f.args)
	if f.mask >= 0 {
		f.mask = len(f.args) - 1 - f.mask
	}
	for k := range pset {
		if opbyteRE.MatchString(k) {
			if f.opbyte != "" {
				return nil, fmt.Errorf("two opcode bytes")
			}
			f.opbyte = k[2:]
		}
	}
	f.digit = pset.Index("REG[0b000]", "REG[0b001]", "REG[0b010]", "REG[0b011]",
		"REG[0b100]", "REG[0b101]", "REG[0b110]", "REG[0b111]")
	f.p = pset.Match("VEX_PREFIX=1", "66", "VEX_PREFIX=2", "F2", "VEX_PREFIX=3", "F3")
	f.m = pset.Match("MAP=1", "0F", "MAP=2", "0F38", "MAP=3", "0F3A")
	if f.m == "" {
		return nil, fmt.Errorf("no opcode map")
	}
	f.l = pset.MatchOrDefault("128", "VL=0", "128", "VL=1", "256", "VL=2", "512")
	f.w = pset.MatchOrDefault("W0", "REXW=0", "W0", "REXW=1", "W1")
	if f.evex {
		f.sae = strings.Contains(inst.Operands, "TXT=SAESTR")
		f.rc = strings.Contains(inst.Operands, "TXT=ROUNDC")
		f.zero = strings.Contains(inst.Operands, "TXT=ZEROSTR")
		if strings.Contains(inst.Attributes, "DISP8_") {
			f.n, f.bcst = disp8Scale(pset), bcstScale(pset)
		}
	}
	f.key = fmt.Sprint(f.evex, len(f.args), f.opbyte, f.digit, f.p, f.l, f.m)
	return f, nil
}

// disp8Scale is the EVEX compressed displacement factor N of a form,
// from its tuple type, vector length and element size.
func disp8Scale(pset xeddata.PatternSet) int {
	vl := pset.Index("VL=0", "VL=1", "VL=2")
	pick := func(ns ...int) int {
		if vl < 0 || vl >= len(ns) {
			return 1
		}
		return ns[vl]
	}
	esize := pset.Index("ESIZE_8_BITS()", "ESIZE_16_BITS()", "ESIZE_32_BITS()", "ESIZE_64_BITS()")
	switch {
	case pset["NELEM_FULL()"], pset["NELEM_FULLMEM()"]:
		return pick(16, 32, 64)
	case pset["NELEM_MOVDDUP()"]:
		return pick(8, 32, 64)
	case pset["NELEM_HALF()"], pset["NELEM_HALFMEM()"]:
		return pick(8, 16, 32)
	case pset["NELEM_QUARTERMEM()"]:
		return pick(4, 8, 16)
	case pset["NELEM_EIGHTHMEM()"]:
		return pick(2, 4, 8)
	case pset["NELEM_TUPLE2()"]:
		return map[int]int{2: 8, 3: 16}[esize]
	case pset["NELEM_TUPLE4()"]:
		return map[int]int{2: 16, 3: 32}[esize]
	case pset["NELEM_TUPLE8()"]:
		return 32
	case pset["NELEM_MEM128()"], pset["NELEM_TUPLE1_4X()"]:
		return 16
	}
	for k := range pset {
		if strings.HasPrefix(k, "NELEM_") && esize >= 0 {
			return 1 << esize // scalar tuples: one element
		}
	}
	return 0
}

// bcstScale is the displacement factor with broadcast (0: no broadcast).
func bcstScale(pset xeddata.PatternSet) int {
	switch {
	case pset["NELEM_FULL()"]:
		return map[bool]int{true: 8, false: 4}[pset["ESIZE_64_BITS()"]]
	case pset["NELEM_HALF()"]:
		return 4
	}
	return 0
}

// mergeRegMem joins a register-only form and the memory-only form with
// the same encoding into one form whose operand takes both.
func mergeRegMem(g []*xedForm) []*xedForm {
	var out []*xedForm
	reg := map[string]*xedForm{}
	var regKeys []string
	for _, f := range g {
		if f.isRegOnly() {
			k := f.key + f.w
			if old := reg[k]; old != nil {
				f.sae, f.rc, f.zero = f.sae || old.sae, f.rc || old.rc, f.zero || old.zero
			} else {
				regKeys = append(regKeys, k)
			}
			reg[k] = f
		}
	}
	mem := map[string]*xedForm{}
	for _, f := range g {
		switch {
		case f.isRegOnly():
		case f.memIndex() < 0:
			out = append(out, f)
		default:
			if old := mem[f.key+f.w]; old != nil {
				f.zero = f.zero || old.zero
				if f.bcst == 0 {
					f.bcst = old.bcst
				}
				*old = *f
				continue
			}
			mem[f.key+f.w] = f
			out = append(out, f)
		}
	}
	for _, f := range out {
		r := reg[f.key+f.w]
		i := f.memIndex()
		if r == nil || i < 0 {
			continue
		}
		if wm, ok := withMem[r.args[i].class]; ok && f.args[i].class == "m" {
			f.args[i].class, f.args[i].ytype = wm[0], wm[1]
			f.sae, f.rc, f.zero = f.sae || r.sae, f.rc || r.rc, f.zero || r.zero
			delete(reg, f.key+f.w)
		}
	}
	for _, k := range regKeys {
		if r := reg[k]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (f *xedForm) isRegOnly() bool {
	return f.memIndex() < 0 && f.hasRM()
}

func (f *xedForm) hasRM() bool {
	return slices.ContainsFunc(f.args, func(a xedArg) bool { return a.role == "m" })
}

func (f *xedForm) memIndex() int {
	return slices.IndexFunc(f.args, func(a xedArg) bool { return a.class == "m" || strings.HasPrefix(a.class, "v") })
}

// mergeWIG keeps only the W0 form where W0 and W1 encode the same.
func mergeWIG(g []*xedForm) []*xedForm {
	w0 := map[string]bool{}
	for _, f := range g {
		if f.w == "W0" {
			w0[f.key] = true
		}
	}
	var out []*xedForm
	for _, f := range g {
		if f.w == "W1" && w0[f.key] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// orderGroup sorts forms the way Go's tables are sorted: VEX before EVEX,
// forms whose ModRM.rm operand comes later first, forms with rounding or
// SAE first, then by operand types.
func orderGroup(g []*xedForm) []*xedForm {
	key := func(f *xedForm) string {
		enc, mem, rc := 'a', 'a', 'b'
		if f.evex {
			enc = 'b'
		}
		for i, a := range f.args {
			if a.role == "m" {
				mem = 'z' - rune(i)
				break
			}
		}
		if f.sae || f.rc {
			rc = 'a'
		}
		var ys []string
		for _, a := range f.args {
			ys = append(ys, a.ytype)
		}
		return fmt.Sprintf("%c%c%c %s", enc, mem, rc, strings.Join(ys, " "))
	}
	sort.SliceStable(g, func(i, j int) bool { return key(g[i]) < key(g[j]) })
	return g
}

// vexBeyondCSV are the ISA sets whose VEX forms x86.v0.2.csv lacks even
// where it has the mnemonic (the 256-bit VAES and VPCLMULQDQ forms).
var vexBeyondCSV = map[string]bool{"VAES": true, "VPCLMULQDQ": true, "AVX_GFNI": true}

// specs returns the table entries of a form: a form with an optional mask
// becomes one without K and one with K1..K7.
func (f *xedForm) specs() []string {
	enc := "VEX"
	if f.evex {
		enc = "EVEX"
	}
	e := fmt.Sprintf("%s.%s.%s.%s.%s %s", enc, f.l, f.p, f.m, f.w, f.opbyte)
	e = strings.ReplaceAll(e, "..", ".")
	if f.digit >= 0 {
		e += fmt.Sprintf(" /%d", f.digit)
	} else if f.hasRM() {
		e += " /r"
	}
	if f.evex {
		e += opt(f.n > 0, " N=%d", f.n) + opt(f.bcst > 0, " bcst=%d", f.bcst)
		e += opt(f.sae, " sae") + opt(f.rc, " rc") + opt(f.zero, " z")
	}
	args := func(skip int) string {
		var s []string
		for i, a := range f.args {
			if i != skip {
				s = append(s, a.class+"@"+a.role)
			}
		}
		return strings.Join(s, ",")
	}
	if f.mask >= 0 {
		return []string{args(f.mask) + ": " + e, args(-1) + ": " + e}
	}
	return []string{args(-1) + ": " + e}
}
