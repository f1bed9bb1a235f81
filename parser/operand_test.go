package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseArgs parses one statement and returns its operands.
func parseArgs(t *testing.T, line string) ([]Operand, ErrorList) {
	t.Helper()
	stmts, errs := Parse("t.s", []byte(line+"\n"), Config{})
	if len(errs) > 0 {
		return nil, errs
	}
	if len(stmts) != 1 {
		t.Fatalf("%q: %d statements", line, len(stmts))
	}
	return stmts[0].Args, nil
}

func TestOperands(t *testing.T) {
	tests := []struct {
		line string
		want Operand // the last operand of line
		str  string  // its String(); "" means the source text
	}{
		// registers
		{"MOVQ AX", Operand{Kind: KindReg, Reg: "AX"}, ""},
		{"MOVB R15B", Operand{Kind: KindReg, Reg: "R15B"}, ""},
		{"MOVB AH", Operand{Kind: KindReg, Reg: "AH"}, ""},
		{"MOVB SIB", Operand{Kind: KindReg, Reg: "SIB"}, ""},
		{"VMOVDQU64 Z31", Operand{Kind: KindReg, Reg: "Z31"}, ""},
		{"KMOVQ K7", Operand{Kind: KindReg, Reg: "K7"}, ""},
		{"MOVQ CR8", Operand{Kind: KindReg, Reg: "CR8"}, ""},
		{"MOVQ DR7", Operand{Kind: KindReg, Reg: "DR7"}, ""},
		{"MOVW GS", Operand{Kind: KindReg, Reg: "GS"}, ""},
		{"MOVQ TLS", Operand{Kind: KindReg, Reg: "TLS"}, ""},
		{"MOVQ g", Operand{Kind: KindReg, Reg: "R14"}, "R14"},
		{"JMP *AX", Operand{Kind: KindReg, Reg: "AX"}, "AX"},
		// immediates
		{"MOVQ $-1", Operand{Kind: KindImm, Offset: -1}, ""},
		{"MOVQ $0x7fffffe00000", Operand{Kind: KindImm, Offset: 0x7fffffe00000}, "$140737486258176"},
		{"MOVQ $0xfffffffffffff001", Operand{Kind: KindImm, Offset: -4095}, "$-4095"},
		{"MOVQ $(5*8)", Operand{Kind: KindImm, Offset: 40}, "$40"},
		{"MOVQ $~15", Operand{Kind: KindImm, Offset: -16}, "$-16"},
		{"MOVQ $~(1<<63)", Operand{Kind: KindImm, Offset: 1<<63 - 1}, "$9223372036854775807"},
		{"MOVQ $(1<<63)", Operand{Kind: KindImm, Offset: -1 << 63}, "$-9223372036854775808"},
		{"MOVQ $0-16", Operand{Kind: KindImm, Offset: -16}, "$-16"},
		{"MOVQ $'a'", Operand{Kind: KindImm, Offset: 'a'}, "$97"},
		{`MOVQ $'\n'`, Operand{Kind: KindImm, Offset: '\n'}, "$10"},
		{"MOVQ $'·'", Operand{Kind: KindImm, Offset: 0xb7}, "$183"},
		{"MOVQ $0b101", Operand{Kind: KindImm, Offset: 5}, "$5"},
		{"MOVQ $017", Operand{Kind: KindImm, Offset: 15}, "$15"},
		{"MOVQ $0o17", Operand{Kind: KindImm, Offset: 15}, "$15"},
		{"MOVQ $1_000", Operand{Kind: KindImm, Offset: 1000}, "$1000"},
		// floats and strings
		{"MOVSD $1.5", Operand{Kind: KindFloat, Float: 1.5}, "$(1.5)"},
		{"MOVSD $(-1.5)", Operand{Kind: KindFloat, Float: -1.5}, "$(-1.5)"},
		{"MOVSD $-2.0", Operand{Kind: KindFloat, Float: -2}, "$(-2.0)"},
		{"MOVSD $1e-3", Operand{Kind: KindFloat, Float: 1e-3}, "$(0.001)"},
		{"MOVSD $(0.0)", Operand{Kind: KindFloat}, "$(0.0)"},
		{`DATA s<>+0(SB)/8, $"abc\n\x00"`, Operand{Kind: KindString, Sym: "abc\n\x00"}, `$"abc\n\x00"`},
		// memory
		{"MOVQ (AX)", Operand{Kind: KindMem, Reg: "AX"}, ""},
		{"MOVQ 8(AX)", Operand{Kind: KindMem, Reg: "AX", Offset: 8}, ""},
		{"MOVQ -8(SP)", Operand{Kind: KindMem, Reg: "SP", Offset: -8}, ""},
		{"MOVQ 16(SP)", Operand{Kind: KindMem, Reg: "SP", Offset: 16}, ""},
		{"MOVQ (AX)(BX*4)", Operand{Kind: KindMem, Reg: "AX", Index: "BX", Scale: 4}, ""},
		{"MOVQ 32(SP)(R8*2)", Operand{Kind: KindMem, Reg: "SP", Index: "R8", Scale: 2, Offset: 32}, ""},
		{"MOVQ (AX)(BX)", Operand{Kind: KindMem, Reg: "AX", Index: "BX"}, ""},
		{"MOVQ (BP*8)", Operand{Kind: KindMem, Index: "BP", Scale: 8}, "0(BP*8)"},
		{"VPGATHERDQ 664(X2*8)", Operand{Kind: KindMem, Index: "X2", Scale: 8, Offset: 664}, ""},
		{"MOVQ 0(CX)(TLS*1)", Operand{Kind: KindMem, Reg: "CX", Index: "TLS", Scale: 1}, "(CX)(TLS*1)"},
		{"MOVQ (-64*1024+104)(SP)", Operand{Kind: KindMem, Reg: "SP", Offset: -65432}, "-65432(SP)"},
		{"MOVQ (((8-14)&0xf)*4)(SP)", Operand{Kind: KindMem, Reg: "SP", Offset: 40}, "40(SP)"},
		{"MOVQ (6+8)(AX)", Operand{Kind: KindMem, Reg: "AX", Offset: 14}, "14(AX)"},
		{"JMP *4(SP)", Operand{Kind: KindMem, Reg: "SP", Offset: 4}, "4(SP)"},
		{"MOVQ 0x10", Operand{Kind: KindMem, Offset: 16}, "16"},
		// symbols
		{"MOVQ runtime·x(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "runtime·x"}, ""},
		{"MOVQ ·x+8(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "·x", Offset: 8}, ""},
		{"CALL sync∕atomic·AddInt64(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "sync∕atomic·AddInt64"}, ""},
		{"MOVQ tab<>+16(SB)", Operand{Kind: KindMem, Name: NameStatic, Sym: "tab", Offset: 16}, ""},
		{"MOVQ tab<>(SB)(AX*8)", Operand{Kind: KindMem, Name: NameStatic, Sym: "tab", Index: "AX", Scale: 8}, ""},
		{"CALL f<ABIInternal>(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "f", ABI: "ABIInternal"}, ""},
		{"CALL f<ABI0>(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "f", ABI: "ABI0"}, ""},
		{"MOVQ _rt0_amd64_linux(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "_rt0_amd64_linux"}, ""},
		{"MOVQ a+0(FP)", Operand{Kind: KindMem, Name: NameParam, Sym: "a"}, "a(FP)"},
		{"MOVQ ret+24(FP)", Operand{Kind: KindMem, Name: NameParam, Sym: "ret", Offset: 24}, ""},
		{"MOVQ x-8(SP)", Operand{Kind: KindMem, Name: NameAuto, Sym: "x", Offset: -8}, ""},
		{"MOVQ x·y+8(SP)", Operand{Kind: KindMem, Name: NameAuto, Sym: "x·y", Offset: 8}, ""},
		{"MOVQ b+8*2(FP)", Operand{Kind: KindMem, Name: NameParam, Sym: "b", Offset: 16}, "b+16(FP)"},
		// addresses
		{"MOVQ $sym(SB)", Operand{Kind: KindAddr, Name: NameExtern, Sym: "sym"}, ""},
		{"MOVQ $sym+8(SB)", Operand{Kind: KindAddr, Name: NameExtern, Sym: "sym", Offset: 8}, ""},
		{"MOVQ $masks<>(SB)", Operand{Kind: KindAddr, Name: NameStatic, Sym: "masks"}, ""},
		{"LEAQ $8(SP)", Operand{Kind: KindAddr, Reg: "SP", Offset: 8}, ""},
		{"MOVQ $x-8(SP)", Operand{Kind: KindAddr, Name: NameAuto, Sym: "x", Offset: -8}, ""},
		// branches
		{"JMP loop", Operand{Kind: KindBranch, Sym: "loop"}, ""},
		{"JEQ done", Operand{Kind: KindBranch, Sym: "done"}, ""},
		{"LOOP again", Operand{Kind: KindBranch, Sym: "again"}, ""},
		{"JMP 2(PC)", Operand{Kind: KindBranch, Reg: "PC", Offset: 2}, ""},
		{"JCS -3(PC)", Operand{Kind: KindBranch, Reg: "PC", Offset: -3}, ""},
		{"JCS +3(PC)", Operand{Kind: KindBranch, Reg: "PC", Offset: 3}, "3(PC)"},
		{"CALL runtime·f(SB)", Operand{Kind: KindMem, Name: NameExtern, Sym: "runtime·f"}, ""},
		{"JMP AX", Operand{Kind: KindReg, Reg: "AX"}, ""},
		{"CALL (AX)", Operand{Kind: KindMem, Reg: "AX"}, ""},
		// register lists
		{"VP4DPWSSD Z5, [Z10-Z13]", Operand{Kind: KindRegList, Reg: "Z10", Reg2: "Z13"}, ""},
		{"VP4DPWSSD Z5, [ Z9 - Z12 ]", Operand{Kind: KindRegList, Reg: "Z9", Reg2: "Z12"}, "[Z9-Z12]"},
		// TEXT frame sizes
		{"TEXT f(SB), $0", Operand{Kind: KindTextSize}, ""},
		{"TEXT f(SB), $16-24", Operand{Kind: KindTextSize, Offset: 16, Args: 24, HasArgs: true}, ""},
		{"TEXT f(SB), $-8", Operand{Kind: KindTextSize, Offset: -8}, ""},
		{"TEXT f(SB), 4, $0-8", Operand{Kind: KindTextSize, Args: 8, HasArgs: true}, ""},
		{"TEXT f(SB), $0x10-0", Operand{Kind: KindTextSize, Offset: 16, HasArgs: true}, "$16-0"},
		// DATA and GLOBL
		{"DATA tab<>+8(SB)/4", Operand{Kind: KindMem, Name: NameStatic, Sym: "tab", Offset: 8, Width: 4}, ""},
		{"DATA x(SB)/8, $y+8(SB)", Operand{Kind: KindAddr, Name: NameExtern, Sym: "y", Offset: 8}, ""},
		{"GLOBL x(SB), 8|16, $8", Operand{Kind: KindImm, Offset: 8}, ""},
	}
	for _, tc := range tests {
		line := tc.line
		if strings.HasPrefix(line, "DATA") && !strings.Contains(line, ",") {
			line += ", $0"
		}
		args, errs := parseArgs(t, line)
		if errs != nil {
			t.Errorf("%q: %v", line, errs)
			continue
		}
		i := len(args) - 1
		if strings.HasPrefix(tc.line, "DATA") && !strings.Contains(tc.line, ",") {
			i = 0
		}
		got := args[i]
		if got != tc.want {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.line, got, tc.want)
		}
		str := tc.str
		if str == "" {
			f := strings.Fields(strings.ReplaceAll(tc.line, ",", " "))
			str = f[len(f)-1]
			if i == 0 {
				str = f[1]
			}
			if strings.HasPrefix(str, "*") {
				str = str[1:]
			}
		}
		if s := got.String(); s != str {
			t.Errorf("%q: String() = %q, want %q", tc.line, s, str)
		}
	}
}

func TestFlagsAndPairs(t *testing.T) {
	args, errs := parseArgs(t, "TEXT ·f(SB), 4|512, $0-8")
	if errs != nil {
		t.Fatal(errs)
	}
	if args[1] != (Operand{Kind: KindImm, Offset: 516}) {
		t.Errorf("flags: %+v", args[1])
	}
	// The old pair syntax R1:R2 means the operands R2, R1.
	args, errs = parseArgs(t, "SHLL CX, R11:AX")
	if errs != nil {
		t.Fatal(errs)
	}
	if len(args) != 3 || args[1].Reg != "AX" || args[2].Reg != "R11" {
		t.Errorf("pair: %v", args)
	}
}

func TestOperandErrors(t *testing.T) {
	tests := []struct{ line, msg string }{
		{"MOVQ $AX, BX", "'$' not allowed before register AX"},
		{"MOVQ foo, AX", "missing addressing mode for symbol foo"},
		{"MOVQ $foo, AX", "missing addressing mode for symbol foo"},
		{"MOVQ g_m(AX), BX", `undefined constant "g_m"`},
		{"MOVQ $(g_m+8), BX", `undefined constant "g_m" in expression`},
		{"MOVQ (SB), AX", "cannot reference SB without a symbol"},
		{"MOVQ 8(FP), AX", "cannot reference FP without a symbol"},
		{"MOVQ $2(PC), AX", "illegal addressing mode for PC"},
		{"MOVQ (AX)(BX*3), CX", `bad scale "3"`},
		{"MOVQ (AX)(BX*", `bad scale end of operand`},
		{"MOVQ (AX, BX", `expected ')', found ","`},
		{"MOVQ (AX", `expected ')', found end of operand`},
		{"MOVQ 1.5, X0", "floating-point constant must be an immediate"},
		{`MOVQ "s", X0`, "string constant must be an immediate"},
		{"MOVQ $1/0, AX", "division by zero"},
		{"MOVQ $1%0, AX", "modulo by zero"},
		{"MOVQ $(1<<63)/2, AX", "divide of value with high bit set"},
		{"MOVQ $18446744073709551616, AX", "out of range"},
		{"MOVQ $089, AX", "malformed integer constant 089"},
		{"MOVQ $(1+2, AX", "expected ')' in expression"},
		{"MOVQ AX,, BX", "missing operand"},
		{"MOVQ AX,", "missing operand"},
		{"MOVQ AX BX", `expected end of operand, found "BX"`},
		{"MOVQ f<bad>(SB), AX", `malformed ABI selector "bad"`},
		{"MOVQ f(XX), AX", "expected (SB), (FP), (SP) or (PC) after symbol f"},
		{"VP4DPWSSD Z5, [Z10], (AX)", "expected '-' in register list"},
		{"VP4DPWSSD Z5, [Z10-4], (AX)", "register list: expected register after '-'"},
		{"VP4DPWSSD Z5, $[Z10-Z13], (AX)", "register list cannot follow $"},
		{"JMP *foo(SB)", "'*' must precede a register"},
		{"MOVQ SB, AX", "pseudo-register SB needs a symbol"},
		{"MOVQ AX*2, BX", "expected simple register"},
		{"TEXT f(SB), $(8*8)-16", "frame size must be an immediate"},
		{"TEXT f(SB), $8-(16)", "argument size must be of the form -integer"},
		{"TEXT f(SB), NOSPLIT", "frame size must be an immediate"},
		{"TEXT f+8(SB), $0", "must not be offset"},
		{"TEXT f(SB)", "TEXT: expected 2 or 3 operands, found 1"},
		{"DATA x(SB), $1", "DATA: expected sym+off(SB)/width"},
		{"DATA x(SB)/8, AX", "DATA: value must be an immediate constant or address"},
		{"GLOBL x(SB), $8, $8", "expected integer constant for flags"},
		{"PCDATA $1", "PCDATA: expected 2 operands, found 1"},
		{"FUNCDATA $1, $2", "FUNCDATA: expected symbol(SB)"},
		{"PCALIGN AX", "PCALIGN: expected immediate constant"},
		{"VADDPD.(Z) X1, X2, X3", "expected instruction suffix after '.', found \"(\""},
		{"$1", `expected instruction or label, found "$"`},
		{"MOVQ `raw`, AX", "raw string constant not allowed"},
		{"MOVQ AX, @", `expected register, memory, immediate or label operand, found "@"`},
		{"MOVQ AX, BX:CX:DX", "invalid ':' in operand"},
		{"MOVQ a.b(SB), AX", `expected '(' after symbol a, found "."`},
		{"MOVQ $1.5(AX), X0", `expected end of operand, found "("`},
		{"MOVQ AX, ×", `invalid character "×"`},
	}
	for _, tc := range tests {
		_, errs := Parse("t.s", []byte(tc.line+"\n"), Config{})
		if len(errs) != 1 {
			t.Errorf("%q: want one error containing %q, got %v", tc.line, tc.msg, errs)
			continue
		}
		e := errs[0]
		if e.Pos != (Pos{File: "t.s", Line: 1}) || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%q: got %q, want t.s:1: ...%s...", tc.line, e, tc.msg)
		}
	}
}

// TestRegisterTable checks the register table against the names
// cmd/internal/obj/x86 defines, read from the Go source tree.
func TestRegisterTable(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(goroot(t), "src", "cmd", "internal", "obj", "x86", "list6.go"))
	if err != nil {
		t.Skip(err)
	}
	text := string(src)
	start := strings.Index(text, "var Register = []string{")
	end := strings.Index(text[start:], "\n}")
	if start < 0 || end < 0 {
		t.Fatal("register list not found in list6.go")
	}
	goNames := map[string]bool{}
	for _, f := range strings.Split(text[start:start+end], "\"")[1:] {
		if f == "" || strings.ContainsAny(f, " \t\n,/") || f == "MAXREG" {
			continue
		}
		goNames[f] = true
	}
	if len(goNames) < 200 {
		t.Fatalf("read only %d register names", len(goNames))
	}
	for n := range goNames {
		if r, ok := LookupRegister(n); !ok || r != n {
			t.Errorf("register %s: LookupRegister = %q, %v", n, r, ok)
		}
	}
	for n := range registers {
		if !goNames[n] && n != "SB" && n != "FP" && n != "PC" && n != "g" {
			t.Errorf("register %s is not one of Go's", n)
		}
	}
	for _, n := range []string{"ax", "EAX", "RAX", "R16", "X32", "K8", "MAXREG", "R8L"} {
		if IsRegister(n) {
			t.Errorf("%s must not be a register", n)
		}
	}
}

func TestStringForms(t *testing.T) {
	tests := []struct {
		o    Operand
		want string
	}{
		{Operand{}, ""},
		{Operand{Kind: KindRegPair, Reg: "AX", Reg2: "DX"}, "AX:DX"},
		{Operand{Kind: KindBranch, Sym: "l", Offset: 4}, "l+4"},
		{Operand{Kind: KindBranch, Reg: "PC", Sym: "f", Offset: 0}, "f+0(PC)"},
		{Operand{Kind: KindMem, Name: NameGOTREF, Sym: "s"}, "s@GOT(SB)"},
		{Operand{Kind: KindMem, Name: NameExtern, Sym: "f", ABI: "ABI0", Offset: -8}, "f<ABI0>-8(SB)"},
		{Operand{Kind: KindFloat, Float: 1e300}, "$(1e+300)"},
		{Operand{Kind: Kind(200)}, "?"},
	}
	for _, tc := range tests {
		if got := tc.o.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.o, got, tc.want)
		}
	}
	l := ErrorList{{Pos: Pos{File: "a.s", Line: 1}, Msg: "x"}, {Pos: Pos{File: "b.s", Line: 2}, Msg: "y"}}
	if l.Error() != "a.s:1: x\nb.s:2: y" || l.Err() == nil || ErrorList(nil).Err() != nil {
		t.Errorf("ErrorList: %q", l.Error())
	}
}
