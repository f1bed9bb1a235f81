package parser

// LookupRegister returns the canonical name of a register ("R14" for "g"),
// accepting every register name the amd64 assembler accepts (the names of
// cmd/internal/obj/x86) and the pseudo-registers SB, FP and PC. It decodes
// the name instead of consulting a table, so start-up builds nothing.
func LookupRegister(name string) (string, bool) {
	switch name {
	case "AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB",
		"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI",
		"AH", "CH", "DH", "BH",
		"CS", "SS", "DS", "ES", "FS", "GS",
		"GDTR", "IDTR", "LDTR", "MSW", "TASK", "TLS",
		"SB", "FP", "PC":
		return name, true
	case "g":
		return "R14", true
	}
	if len(name) > 2 && name[0] == 'R' && name[len(name)-1] == 'B' {
		if n, ok := RegisterNumber(name[1 : len(name)-1]); ok && n >= 8 && n < 16 {
			return name, true
		}
		return "", false
	}
	i := 0
	for i < len(name) && (name[i] < '0' || name[i] > '9') {
		i++
	}
	n, ok := RegisterNumber(name[i:])
	if !ok {
		return "", false
	}
	switch name[:i] {
	case "R":
		ok = n >= 8 && n < 16
	case "X", "Y", "Z":
		ok = n < 32
	case "CR":
		ok = n < 16
	case "F", "M", "K", "DR", "TR":
		ok = n < 8
	default:
		ok = false
	}
	if !ok {
		return "", false
	}
	return name, true
}

// RegisterNumber decodes the number in a register name ("12" of "X12"):
// one or two decimal digits without a leading zero.
func RegisterNumber(s string) (int, bool) {
	switch {
	case len(s) == 1 && s[0] >= '0' && s[0] <= '9':
		return int(s[0] - '0'), true
	case len(s) == 2 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9':
		return int(s[0]-'0')*10 + int(s[1]-'0'), true
	}
	return 0, false
}

// IsRegister reports whether name is a register name (including the
// pseudo-registers SB, FP, SP and PC and the alias g).
func IsRegister(name string) bool {
	_, ok := LookupRegister(name)
	return ok
}

// IsPseudoRegister reports whether name is SB, FP or PC, which name a
// symbol kind rather than a machine register. SP is a machine register
// unless a symbol precedes it (x-8(SP)).
func IsPseudoRegister(name string) bool {
	return name == "SB" || name == "FP" || name == "PC"
}
