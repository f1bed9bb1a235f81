package encoder

import "fmt"

// The integer core. Each mnemonic lists its forms in the order Go's
// assembler tries them (asm6.go's ytab order), which decides Go's choice
// among equivalent encodings; the notable choices are commented.

// sizes: suffix, operand-size prefix tokens, immediate token for "i32" forms.
var wlq = []struct{ sfx, pfx, imm string }{
	{"W", "66", "iw"}, {"L", "", "id"}, {"Q", "W", "id"},
}

// Condition codes in Go's spelling, indexed by the x86 condition number.
var ccNames = [16]string{"OS", "OC", "CS", "CC", "EQ", "NE", "LS", "HI", "MI", "PL", "PS", "PC", "LT", "GE", "LE", "GT"}

func hx(b int) string { return fmt.Sprintf("%02X", b) }

func init() {
	// Two-operand ALU: Go tries imm8 (83) before the accumulator short
	// form (05), which it prefers over 81; register-register uses the
	// "r, r/m" opcode (01), the source in ModRM.reg.
	for i, op := range []string{"ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR", "CMP"} {
		base, d := i*8, fmt.Sprint(i)
		if op == "CMP" {
			// CMP's Go operand order is Intel's: the first is the r/m side.
			addForms("CMPB", "al,i32: "+hx(base+4)+" ib", "rm8,i32: 80 /7 ib",
				"rm8,r8: "+hx(base)+" /r", "r8,rm8: "+hx(base+2)+" /r")
			for _, s := range wlq {
				addForms("CMP"+s.sfx, "rm,i8: "+s.pfx+" 83 /7 ib", "ax,i32: "+s.pfx+" "+hx(base+5)+" "+s.imm,
					"rm,i32: "+s.pfx+" 81 /7 "+s.imm, "rm,r: "+s.pfx+" "+hx(base+1)+" /r", "r,rm: "+s.pfx+" "+hx(base+3)+" /r")
			}
			continue
		}
		addForms(op+"B", "i32,al: "+hx(base+4)+" ib", "i32,rm8: 80 /"+d+" ib",
			"r8,rm8: "+hx(base)+" /r", "rm8,r8: "+hx(base+2)+" /r")
		for _, s := range wlq {
			addForms(op+s.sfx, "i8,rm: "+s.pfx+" 83 /"+d+" ib", "i32,ax: "+s.pfx+" "+hx(base+5)+" "+s.imm,
				"i32,rm: "+s.pfx+" 81 /"+d+" "+s.imm, "r,rm: "+s.pfx+" "+hx(base+1)+" /r", "rm,r: "+s.pfx+" "+hx(base+3)+" /r")
		}
	}
	// TEST has no imm8 form.
	addForms("TESTB", "i32,al: A8 ib", "i32,rm8: F6 /0 ib", "r8,rm8: 84 /r", "rm8,r8: 84 /r")
	for _, s := range wlq {
		addForms("TEST"+s.sfx, "i32,ax: "+s.pfx+" A9 "+s.imm, "i32,rm: "+s.pfx+" F7 /0 "+s.imm,
			"r,rm: "+s.pfx+" 85 /r", "rm,r: "+s.pfx+" 85 /r")
	}

	// Moves. Register to register uses the store opcode (89).
	addForms("MOVB", "r8,rm8: 88 /r", "rm8,r8: 8A /r", "i32,r8: B0 +r ib", "i32,rm8: C6 /0 ib")
	addForms("MOVW", "r,rm: 66 89 /r", "rm,r: 66 8B /r", "i32,r: 66 B8 +r iw", "i32,rm: 66 C7 /0 iw")
	addForms("MOVL", "r,rm: 89 /r", "rm,r: 8B /r", "i32,r: B8 +r id", "i32,rm: C7 /0 id")
	addForms("MOVQ", "r,rm: W 89 /r", "rm,r: W 8B /r",
		"s32,rm: W C7 /0 id", // sign-extended imm32 first, even for $0
		"i32,r: B8 +r id",    // an unsigned 32-bit value: MOVL zero-extends
		"i64,r: W B8 +r iq",
		"i32,m: W C7 /0 id") // Go accepts and truncates
	addForms("MOVQL", "r,r: 89 /r")
	for _, m := range []struct{ name, spec string }{
		{"MOVBQZX", "rm8,r: W 0F B6 /r"}, {"MOVBQSX", "rm8,r: W 0F BE /r"},
		{"MOVBLZX", "rm8,r: 0F B6 /r"}, {"MOVBLSX", "rm8,r: 0F BE /r"},
		{"MOVBWZX", "rm8,r: 66 0F B6 /r"}, {"MOVBWSX", "rm8,r: 66 0F BE /r"},
		{"MOVWQZX", "rm,r: W 0F B7 /r"}, {"MOVWQSX", "rm,r: W 0F BF /r"},
		{"MOVWLZX", "rm,r: 0F B7 /r"}, {"MOVWLSX", "rm,r: 0F BF /r"},
		{"MOVLQSX", "rm,r: W 63 /r"}, {"MOVLQZX", "rm,r: 8B /r"},
		{"LEAW", "m,r: 66 8D /r"}, {"LEAL", "m,r: 8D /r"}, {"LEAQ", "m,r: W 8D /r"},
	} {
		addForms(m.name, m.spec)
	}

	// One-operand groups.
	for _, g := range []struct {
		name   string
		b, wlq string // opcode and digit
	}{
		{"INC", "FE /0", "FF /0"}, {"DEC", "FE /1", "FF /1"},
		{"NOT", "F6 /2", "F7 /2"}, {"NEG", "F6 /3", "F7 /3"},
		{"MUL", "F6 /4", "F7 /4"}, {"IMUL", "F6 /5", "F7 /5"},
		{"DIV", "F6 /6", "F7 /6"}, {"IDIV", "F6 /7", "F7 /7"},
	} {
		addForms(g.name+"B", "rm8: "+g.b)
		for _, s := range wlq {
			addForms(g.name+s.sfx, "rm: "+s.pfx+" "+g.wlq)
		}
	}
	for _, s := range wlq {
		ib := s.pfx + " 6B /r ib"
		addForms("IMUL"+s.sfx, "i8,r: "+ib, "i32,r: "+s.pfx+" 69 /r "+s.imm, "rm,r: "+s.pfx+" 0F AF /r")
		addForms("IMUL3"+s.sfx, "i8,rm,r: "+ib, "i32,rm,r: "+s.pfx+" 69 /r "+s.imm)
	}

	// Shifts and rotates: $1 uses the D1 form.
	for i, op := range []string{"ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR"} {
		d := fmt.Sprint(i)
		if op == "SAL" {
			d = "4"
		}
		addForms(op+"B", "1,rm8: D0 /"+d, "u8,rm8: C0 /"+d+" ib", "cl,rm8: D2 /"+d)
		for _, s := range wlq {
			addForms(op+s.sfx, "1,rm: "+s.pfx+" D1 /"+d, "u8,rm: "+s.pfx+" C1 /"+d+" ib", "cl,rm: "+s.pfx+" D3 /"+d)
		}
	}
	for _, s := range wlq {
		// Double-precision shifts: SHLQ $n, src, dst.
		addForms("SHL"+s.sfx, "u8,r,rm: "+s.pfx+" 0F A4 /r ib", "cl,r,rm: "+s.pfx+" 0F A5 /r")
		addForms("SHR"+s.sfx, "u8,r,rm: "+s.pfx+" 0F AC /r ib", "cl,r,rm: "+s.pfx+" 0F AD /r")
	}

	// Bit operations.
	for _, s := range wlq {
		addForms("BSF"+s.sfx, "rm,r: "+s.pfx+" 0F BC /r")
		addForms("BSR"+s.sfx, "rm,r: "+s.pfx+" 0F BD /r")
		addForms("POPCNT"+s.sfx, "rm,r: "+s.pfx+" F3 0F B8 /r")
		addForms("LZCNT"+s.sfx, "rm,r: "+s.pfx+" F3 0F BD /r")
		addForms("TZCNT"+s.sfx, "rm,r: "+s.pfx+" F3 0F BC /r")
		for i, op := range []string{"BT", "BTS", "BTR", "BTC"} {
			addForms(op+s.sfx, "i8,rm: "+s.pfx+" 0F BA /"+fmt.Sprint(4+i)+" ib", "r,rm: "+s.pfx+" 0F "+hx(0xA3+8*i)+" /r")
		}
		addForms("XADD"+s.sfx, "r,rm: "+s.pfx+" 0F C1 /r")
		addForms("CMPXCHG"+s.sfx, "r,rm: "+s.pfx+" 0F B1 /r")
		// XCHG with AX on either side uses the one-byte 90+r form.
		addForms("XCHG"+s.sfx, "ax,r: "+s.pfx+" 90 +r", "r,ax: "+s.pfx+" 90 +r", "r,rm: "+s.pfx+" 87 /r", "rm,r: "+s.pfx+" 87 /r")
		for cc, n := range ccNames {
			addForms("CMOV"+s.sfx+n, "rm,r: "+s.pfx+" 0F "+hx(0x40+cc)+" /r")
		}
	}
	addForms("BSWAPL", "r: 0F C8 +r")
	addForms("BSWAPQ", "r: W 0F C8 +r")
	addForms("XADDB", "r8,rm8: 0F C0 /r")
	addForms("CMPXCHGB", "r8,rm8: 0F B0 /r")
	addForms("XCHGB", "r8,rm8: 86 /r", "rm8,r8: 86 /r")
	addForms("CMPXCHG8B", "m: 0F C7 /1")
	addForms("CMPXCHG16B", "m: W 0F C7 /1")
	for cc, n := range ccNames {
		addForms("SET"+n, "rm8: 0F "+hx(0x90+cc)+" /0")
	}

	// Stack.
	addForms("PUSHQ", "r: 50 +r", "m: FF /6", "i8: 6A ib", "i32: 68 id")
	addForms("POPQ", "r: 58 +r", "m: 8F /0")
	addForms("PUSHW", "r: 66 50 +r", "m: 66 FF /6", "i8: 66 6A ib", "i32: 66 68 iw")
	addForms("POPW", "r: 66 58 +r", "m: 66 8F /0")

	// Indirect control transfer.
	addForms("CALL", "rm: FF /2")
	addForms("JMP", "rm: FF /4")

	addForms("INT", "i32: CD ib")
	addForms("NOPL", "rm: 0F 1F /0")
	addForms("NOPW", "rm: 66 0F 1F /0")

	// No operands.
	for _, z := range []struct{ name, spec string }{
		{"CQO", "W 99"}, {"CDQ", "99"}, {"CWD", "66 99"}, {"CBW", "66 98"}, {"CWDE", "98"}, {"CDQE", "W 98"},
		{"RET", "C3"}, {"SYSCALL", "0F 05"}, {"HLT", "F4"}, {"PAUSE", "F3 90"},
		{"MFENCE", "0F AE F0"}, {"LFENCE", "0F AE E8"}, {"SFENCE", "0F AE F8"},
		{"RDTSC", "0F 31"}, {"RDTSCP", "0F 01 F9"}, {"CPUID", "0F A2"}, {"UD2", "0F 0B"},
		{"CLD", "FC"}, {"STD", "FD"}, {"LOCK", "F0"}, {"REP", "F3"}, {"REPN", "F2"},
		{"PUSHFQ", "9C"}, {"POPFQ", "9D"}, {"PUSHFW", "66 9C"}, {"POPFW", "66 9D"},
		{"MOVSB", "A4"}, {"MOVSW", "66 A5"}, {"MOVSL", "A5"}, {"MOVSQ", "W A5"},
		{"STOSB", "AA"}, {"STOSW", "66 AB"}, {"STOSL", "AB"}, {"STOSQ", "W AB"},
		{"LODSB", "AC"}, {"LODSW", "66 AD"}, {"LODSL", "AD"}, {"LODSQ", "W AD"},
		{"CMPSB", "A6"}, {"CMPSW", "66 A7"}, {"CMPSL", "A7"}, {"CMPSQ", "W A7"},
		{"SCASB", "AE"}, {"SCASW", "66 AF"}, {"SCASL", "AF"}, {"SCASQ", "W AF"},
		{"CLC", "F8"}, {"STC", "F9"}, {"CMC", "F5"}, {"LEAVEQ", "C9"},
	} {
		addForms(z.name, ": "+z.spec)
	}
}
