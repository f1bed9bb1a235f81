package encoder

import (
	"sort"
	"testing"

	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// TestNoPanics feeds every mnemonic every kind of odd operand list: the
// encoder must answer with errors or code, never a panic.
func TestNoPanics(t *testing.T) {
	ops := []parser.Operand{
		{Kind: parser.KindReg, Reg: "AX"}, {Kind: parser.KindReg, Reg: "AH"}, {Kind: parser.KindReg, Reg: "R15B"},
		{Kind: parser.KindReg, Reg: "X3"}, {Kind: parser.KindReg, Reg: "TLS"}, {Kind: parser.KindReg, Reg: "CR3"},
		{Kind: parser.KindReg, Reg: "NOPE"}, {Kind: parser.KindReg, Reg: "SB"},
		{Kind: parser.KindImm, Offset: -1 << 63}, {Kind: parser.KindImm, Offset: 255},
		{Kind: parser.KindFloat, Float: 1.5}, {Kind: parser.KindString, Sym: "abc"},
		{Kind: parser.KindMem, Reg: "SP", Offset: 1 << 40}, {Kind: parser.KindMem, Reg: "R13", Index: "R12", Scale: 8},
		{Kind: parser.KindMem, Index: "SP", Scale: 2}, {Kind: parser.KindMem, Index: "AX", Scale: 3},
		{Kind: parser.KindMem, Name: parser.NameExtern, Sym: "·x", Offset: -5},
		{Kind: parser.KindMem, Name: parser.NameStatic, Sym: "y", Reg: "AX", Index: "BX", Scale: 1},
		{Kind: parser.KindMem, Name: parser.NameParam, Sym: "a", Reg: "FP", Offset: 8},
		{Kind: parser.KindMem, Name: parser.NameAuto, Sym: "b", Reg: "SP", Offset: -8},
		{Kind: parser.KindMem, Name: parser.NameParam, Reg: "FP"},
		{Kind: parser.KindMem, Name: parser.NameGOTREF, Sym: "z"},
		{Kind: parser.KindMem, Reg: "CX", Index: "TLS", Scale: 1},
		{Kind: parser.KindAddr, Name: parser.NameExtern, Sym: "·x"}, {Kind: parser.KindAddr, Reg: "SP", Offset: 8},
		{Kind: parser.KindBranch, Sym: "l"}, {Kind: parser.KindBranch, Sym: "missing"},
		{Kind: parser.KindBranch, Offset: 1}, {Kind: parser.KindBranch, Offset: -100},
		{Kind: parser.KindRegList, Reg: "X1", Reg2: "X4"}, {Kind: parser.KindTextSize, Offset: 8, Args: 8},
		{Kind: parser.KindRegPair, Reg: "AX", Reg2: "DX"}, {},
	}
	var names []string
	for n := range x86.Mnemonics {
		names = append(names, n)
	}
	names = append(names, "TEXT", "DATA", "GLOBL", "PCALIGN", "BYTE", "QUAD", "JMP", "JEQ", "CALL", "LOOP", "JCXZL", "ADJSP", "NOP", "FUNCDATA", "")
	sort.Strings(names)
	pos := func(l int) parser.Pos { return parser.Pos{File: "x.s", Line: l} }
	for _, n := range names {
		var stmts []parser.Stmt
		stmts = append(stmts, parser.Stmt{Pos: pos(1), Op: "TEXT", Args: []parser.Operand{
			{Kind: parser.KindMem, Name: parser.NameExtern, Sym: "·f"}, {Kind: parser.KindImm, Offset: 4}, {Kind: parser.KindTextSize, Offset: 16, Args: 8}}})
		stmts = append(stmts, parser.Stmt{Pos: pos(2), Label: "l"})
		line := 3
		for i := range ops {
			stmts = append(stmts, parser.Stmt{Pos: pos(line), Op: n, Args: ops[i : i+1]})
			line++
			for j := range ops {
				stmts = append(stmts, parser.Stmt{Pos: pos(line), Op: n, Args: []parser.Operand{ops[i], ops[j]}})
				line++
			}
		}
		stmts = append(stmts, parser.Stmt{Pos: pos(line), Op: n, Args: []parser.Operand{ops[0], ops[8], ops[12]}})
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic: %v", n, r)
				}
			}()
			Assemble(stmts, "x.s", Options{})
		}()
	}
}
