package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/arch/x86/x86csv"
	"golang.org/x/arch/x86/xeddata"
)

// The CPU features a form needs, as CPUID names them (AVX2, BMI1,
// AVX512BW, AVX512VL): from the CPUID column of x86.v0.2.csv for its rows,
// from XED's ISA set for XED's forms, and for a form written out in a spec
// file from the CSV row with the same encoding, else from the XED
// instruction with the same name and vector length.

// csvFeatures normalises the CSV's CPUID column: the processors the
// x86-64 baseline includes (486, Pentium, PentiumII) need nothing, and the
// combined entries are split.
func csvFeatures(in *x86csv.Inst) []string {
	switch c := in.CPUID; c {
	case "", "486", "Pentium", "PentiumII":
		return nil
	case "Both AES and AVX flags":
		return []string{"AES", "AVX"}
	case "HLE or RTM":
		return []string{"HLE"}
	default:
		return strings.Split(c, "+")
	}
}

// xedISASet splits an AVX-512 ISA set into its extension and its vector
// length (or SCALAR, KOPx).
var xedISASet = regexp.MustCompile(`^(AVX512[A-Z]*|AVX512_[A-Z0-9]+)_(128N?|256|512|SCALAR|KOP[BWDQ])$`)

// xedFeatures turns an ISA set of XED into CPUID feature names. An EVEX
// form of 128 or 256 bits needs AVX512VL besides its extension; GFNI,
// VAES and VPCLMULQDQ in EVEX need AVX512F (512 bits) or AVX512VL.
func xedFeatures(set string) []string {
	if m := xedISASet.FindStringSubmatch(set); m != nil {
		ext, size := m[1], m[2]
		short := size == "128" || size == "128N" || size == "256"
		if x, ok := strings.CutPrefix(ext, "AVX512_"); ok {
			switch x {
			case "GFNI", "VAES", "VPCLMULQDQ":
				if short {
					return []string{x, "AVX512VL"}
				}
				return []string{x, "AVX512F"}
			}
			ext = "AVX512" + x
		}
		if short {
			return []string{ext, "AVX512VL"}
		}
		return []string{ext}
	}
	if f, ok := xedSetFeatures[set]; ok {
		return f
	}
	return []string{set}
}

// xedSetFeatures gives the CPUID names of the ISA sets XED names
// otherwise, and none for those of the x86-64 baseline.
var xedSetFeatures = map[string][]string{
	"AVX2GATHER": {"AVX2"}, "AVX_GFNI": {"AVX", "GFNI"}, "AVXAES": {"AES", "AVX"}, "ADOX_ADCX": {"ADX"},
	"CMPXCHG16B": {"CX16"}, "FXSAVE": {"FXSR"}, "FXSAVE64": {"FXSR"}, "SSE_PREFETCH": {"SSE"},
	"SSE4":    {"SSE4_1"}, // XED's older entries: SSE4.1 (4.2 is SSE42)
	"SSE3X87": {"SSE3"}, "SSE42": {"SSE4_2"},
	// The x86-64 baseline.
	"": nil, "I86": nil, "I186": nil, "I286REAL": nil, "I286PROTECTED": nil, "I386": nil, "I486": nil,
	"I486REAL": nil, "PENTIUMREAL": nil, "PENTIUMMMX": nil, "LONGMODE": nil, "CMOV": nil, "FCMOV": nil,
	"FCOMI": nil, "X87": nil, "PPRO": nil, "FAT_NOP": nil, "PAUSE": nil, "RDPMC": nil, "SEP": nil,
}

// csv returns the features of a CSV row: its CPUID column, or where that
// is empty (POPCNT, CRC32, PREFETCHT0, CMPXCHG16B) the ISA set XED gives
// the instruction.
func (x *featureIndex) csv(in *x86csv.Inst) string {
	if in.CPUID == "" {
		if f, ok := x.byXED[in.IntelOpcode()+" LEGACY"]; ok && f != "?" {
			return f
		}
	}
	return featureKey(csvFeatures(in))
}

// featureKey is a set of features as the table records it: sorted,
// without duplicates, comma-separated.
func featureKey(feats []string) string {
	f := slices.Compact(slices.Sorted(slices.Values(feats)))
	f = slices.DeleteFunc(f, func(s string) bool { return s == "" })
	return strings.Join(f, ",")
}

// featureIndex finds the features of the forms a spec file writes out.
type featureIndex struct {
	byEnc map[string]string // CSV encoding (table syntax) → features; "?" when rows disagree
	byXED map[string]string // XED iclass and encoding space → features; "?" when forms disagree
}

// newFeatureIndex indexes the CSV's rows and, when xedDir is not empty,
// XED's instructions.
func newFeatureIndex(insts []*x86csv.Inst, xedDir string) (*featureIndex, error) {
	x := &featureIndex{byEnc: map[string]string{}, byXED: map[string]string{}}
	if xedDir != "" {
		if err := x.addXED(xedDir); err != nil {
			return nil, err
		}
	}
	for _, in := range insts {
		if in.Mode64 != "V" {
			continue
		}
		f := x.csv(in)
		note(x.byEnc, encoding(in), f)
		for _, n := range goNames(in) {
			note(x.byEnc, n+" "+encoding(in), f)
		}
	}
	return x, nil
}

// note records features under key, or "?" when key already has others.
func note(m map[string]string, key, feats string) {
	if old, ok := m[key]; ok && old != feats {
		feats = "?"
	}
	m[key] = feats
}

// addXED indexes every instruction of the XED database by iclass and
// encoding space: "VPSLLD VEX.256", "SHA1MSG1 LEGACY".
func (x *featureIndex) addXED(dir string) error {
	db, err := xeddata.NewDatabase(dir)
	if err != nil {
		return err
	}
	return xeddata.WalkInsts(dir, func(inst *xeddata.Inst) {
		if inst.HasAttribute("AMDONLY") || inst.Extension == "XOP" {
			return
		}
		pset := xeddata.NewPatternSet(xeddata.ExpandStates(db, inst.Pattern))
		space := encodingSpace(pset.Is("VEX"), pset.Is("EVEX"), pset["VL=0"], pset["VL=1"])
		set := inst.ISASet
		if set == "" {
			set = inst.Extension // older entries name only the extension
		}
		note(x.byXED, inst.Iclass+" "+space, featureKey(xedFeatures(set)))
	})
}

// encodingSpace is what byXED tells forms of one iclass apart by: LEGACY,
// EVEX, or VEX with its length (VEX.128, VEX.256) where it has one.
func encodingSpace(vex, evex, l128, l256 bool) string {
	switch {
	case evex:
		return "EVEX"
	case !vex:
		return "LEGACY"
	case l128:
		return "VEX.128"
	case l256:
		return "VEX.256"
	}
	return "VEX"
}

// literal returns the features of a form a spec file writes out: those of
// the CSV rows of the mnemonic with its encoding, or of any row with its
// encoding (an opcode, not a lone prefix: REP is not XRELEASE), else those XED gives the mnemonic in the same encoding space,
// else none (the baseline: CALL, RET, x87).
func (x *featureIndex) literal(name, spec string) (string, error) {
	_, enc, _ := strings.Cut(spec, ":")
	enc = strings.TrimSpace(enc)
	space := encodingSpace(strings.HasPrefix(enc, "VEX."), strings.HasPrefix(enc, "EVEX."),
		strings.Contains(enc, ".128."), strings.Contains(enc, ".256."))
	if f, ok := x.byEnc[name+" "+enc]; ok && f != "?" {
		return f, nil
	}
	if f, ok := x.byEnc[enc]; ok && f != "?" && !prefixOnly(enc) {
		return f, nil
	}
	if f, ok := x.byXED[name+" "+space]; ok && f != "?" {
		return f, nil
	}
	if space != "LEGACY" {
		return "", fmt.Errorf("%s {%s}: no CSV row or XED form says which CPU features it needs", name, spec)
	}
	return "", nil
}

// prefixOnly reports whether an encoding is legacy prefixes alone.
func prefixOnly(enc string) bool {
	for _, t := range strings.Fields(enc) {
		switch t {
		case "66", "F2", "F3", "W":
		default:
			return false
		}
	}
	return true
}
