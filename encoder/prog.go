package encoder

import (
	"debug/elf"
	"encoding/binary"
	"errors"

	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
	"github.com/p9tools/p9/parser"
)

// branchKind classifies direct branches for relaxation.
type branchKind uint8

const (
	bNone   branchKind = iota
	bJmp               // EB rel8 / E9 rel32
	bJcc               // 7x rel8 / 0F 8x rel32
	bCall              // E8 rel32
	bJcxzL             // 67 E3 rel8
	bJcxzQ             // E3 rel8
	bLoop              // E2 rel8
	bLoopEQ            // E1 rel8
	bLoopNE            // E0 rel8
)

// prog is one instruction of a function being assembled. A function holds
// one prog a statement until it is encoded, so the largest function's
// progs are much of the assembler's memory: the one-byte fields sit
// together, the integers are no wider than their ranges need, and what
// few instructions have (suffixes) is behind a pointer.
type prog struct {
	pos  parser.Pos
	op   string
	args []arg

	branch   branchKind
	cc       byte // condition for bJcc
	noop     bool // no code (NOP, MOVQ TLS, r)
	backward bool
	short    bool
	// reencode: encoding renamed AX or SP to its byte register, and a
	// second sizing pass encodes the renamed operand (renameByteRegs).
	reencode bool
	// isData: BYTE, WORD, LONG or QUAD, with its bytes set when built
	// and the constant written in value.
	isData bool
	feat   x86.Features // the CPU features its form needs

	align int32 // PCALIGN: at most 2048
	idx   int32 // position in the function

	target *prog // label or off(PC) target; nil with a symbol or past the end
	sym    *x86.Sym
	symOff int64 // sym+off(SB) branch target offset

	value  int64     // isData
	suffix *[]string // AVX-512 opcode suffixes: Z, BCST, SAE, RN_SAE...; nil for none

	// incoming is the first of the forward branches waiting for this
	// prog's pc, each linking to the next through nextIncoming: a list
	// threaded through the branches costs a pointer a prog where a slice
	// would cost three words.
	incoming     *prog
	nextIncoming *prog
	pc           int
	bytes        []byte
	fixups       []x86.Fixup
}

// suffixes returns p's opcode suffixes.
func (p *prog) suffixes() []string {
	if p.suffix == nil {
		return nil
	}
	return *p.suffix
}

// byteRenames says which operands Go's assembler renames from AX..R15 to
// AL..R15B when it encodes op (asm6.go's bytereg): the first and last of
// the instructions its table gives the Pb prefix, the source of those
// whose form is Zmb_r.
func byteRenames(op string) (first, last bool) {
	switch op {
	case "ADCB", "ADDB", "ANDB", "CMPB", "CMPSB", "DECB", "DIVB", "IDIVB", "IMULB", "INB",
		"INCB", "INSB", "LODSB", "MOVB", "MOVSB", "MULB", "NEGB", "NOTB", "ORB", "OUTB",
		"OUTSB", "RCLB", "RCRB", "ROLB", "RORB", "SALB", "SARB", "SBBB", "SCASB",
		"SETCC", "SETCS", "SETEQ", "SETGE", "SETGT", "SETHI", "SETLE", "SETLS", "SETLT",
		"SETMI", "SETNE", "SETOC", "SETOS", "SETPC", "SETPL", "SETPS",
		"SHLB", "SHRB", "STOSB", "SUBB", "TESTB", "XCHGB", "XORB", "CMPXCHGB", "XADDB":
		return true, true
	case "MOVBLSX", "MOVBLZX", "MOVBQSX", "MOVBQZX", "MOVBWSX", "MOVBWZX":
		return true, false
	}
	return false, false
}

// renameByteRegs renames, after p is encoded with form f, the general
// registers Go's assembler renames to byte registers as it encodes (AX to
// AL). Go then lists the byte register, and if the function needs a
// second sizing pass (a branch grew), encodes that: an AL form is then
// chosen for AX (SUBB $4, AX is 80 e8 04 in the first pass, 2c 04 in the
// next), and SP, as SPB, no longer encodes. It reports whether a second
// pass must re-encode p.
func renameByteRegs(p *prog, f *x86.Form) bool {
	first, last := byteRenames(p.op)
	again := false
	for i := range p.args {
		a := &p.args[i]
		if !(first && i == 0 || last && i == len(p.args)-1) || !f.ByteReg(i) {
			continue
		}
		if a.Kind != x86.KindReg || a.Reg.Kind != abi.RegGP {
			continue
		}
		a.Reg.Kind = abi.RegByte
		again = again || a.Reg.Num == 0 || a.Reg.Num == 4
	}
	return again
}

// branchKinds are the mnemonics with a direct target but no condition.
var branchKinds = map[string]branchKind{
	"JMP": bJmp, "CALL": bCall, "JCXZL": bJcxzL, "JCXZQ": bJcxzQ, "LOOP": bLoop, "LOOPEQ": bLoopEQ, "LOOPNE": bLoopNE,
}

// branchOf returns the branch kind of a mnemonic with a direct target.
func branchOf(op string) (branchKind, byte, string) {
	if k, ok := branchKinds[op]; ok {
		return k, 0, op
	}
	if cc, ok := abi.JumpCond(op); ok {
		return bJcc, cc, "J" + abi.CondNames[cc]
	}
	return bNone, 0, op
}

// shortBranch is the opcode of each branch kind with an 8-bit
// displacement (bJcc's gets the condition added).
var shortBranch = [...][]byte{bJmp: {0xEB}, bJcc: {0x70}, bJcxzL: {0x67, 0xE3}, bJcxzQ: {0xE3},
	bLoop: {0xE2}, bLoopEQ: {0xE1}, bLoopNE: {0xE0}}

// encodeBranch emits a direct branch at p.pc given the target pc (when
// known) in the current span pass, as Go's assembler does. A CALL always
// has a symbol (a CALL to a label is rejected).
func (p *prog) encodeBranch(targetPC int) error {
	p.fixups = nil
	if p.sym != nil {
		// Go keeps the offset of CALL sym+off(SB) but drops JMP's.
		op, off := byte(0xE9), int64(0)
		if p.branch == bCall {
			op, off = 0xE8, p.symOff
		}
		p.bytes = []byte{op, 0, 0, 0, 0}
		p.fixups = []x86.Fixup{{Off: 1, Size: 4, Type: elf.R_X86_64_PLT32, Sym: p.sym, Addend: off - 4}}
		return nil
	}
	short := p.short
	v := 0
	if p.backward {
		// Go measures a backward distance from the end of a 2-byte branch,
		// even for the 3-byte JCXZL.
		v = targetPC - (p.pc + 2)
		short = v >= -128
	}
	if short {
		p.bytes = append(append(make([]byte, 0, 3), shortBranch[p.branch]...), byte(v))
		if p.branch == bJcc {
			p.bytes[0] += p.cc
		}
		return nil
	}
	var b []byte
	switch p.branch {
	case bJmp:
		b = []byte{0xE9}
	case bJcc:
		b = []byte{0x0F, 0x80 + p.cc}
	default:
		return errors.New("loop too far")
	}
	if p.backward {
		v = targetPC - (p.pc + len(b) + 4)
	}
	p.bytes = binary.LittleEndian.AppendUint32(b, uint32(v))
	return nil
}
