// Package x86 encodes x86-64 instructions as Go's assembler does, byte
// for byte: an instruction is a mnemonic and operands (Arg); Match finds
// the form that encodes them, in the order Go tries its forms, and
// Form.Encode makes the bytes and the relocations (Fixup) they need. It
// knows no assembler semantics (pseudo-registers, frames, rewrites,
// branches) and keeps no state.
package x86

import (
	"slices"
	"strings"
)

// class is an operand class in a form: what an operand must look like.
// The classes are generated with the table (table_gen.go).
type class uint8

// vexInfo is the VEX or EVEX prefix of a form: vector length, implied
// legacy prefix, opcode map and REX.W equivalent, and for EVEX the
// compressed displacement scale and the features the form permits.
type vexInfo struct {
	on   bool
	evex bool
	l    byte // VEX.L, or EVEX.L'L
	pp   byte // 0: none, 1: 66, 2: F3, 3: F2
	mmm  byte // 1: 0F, 2: 0F38, 3: 0F3A
	w    bool
	n    int8 // disp8 scale
	bcst int8 // disp8 scale with broadcast; 0 if broadcast is not permitted
	sae  bool // {sae} permitted
	rc   bool // embedded rounding permitted
	zero bool // zeroing permitted
}

// form is one encoding of a Go mnemonic. Forms are generated
// (formTable): fixed-size values with no pointers, so the table is static
// data that nothing builds or parses at run time.
type Form struct {
	argv     [maxFormArgs]class // the operand classes in Go order: argv[:nargs]
	nargs    uint8
	prefix   [maxFormPrefix]byte // legacy prefixes in the order Go emits them (66, F2, F3): prefix[:nprefix]
	nprefix  uint8
	rexW     bool
	op       [maxFormOp]byte // opcode bytes: op[:nop]
	nop      uint8
	digit    int8 // ModRM reg field: 0..7, or -1 for /r, -2 for no ModRM
	plusR    bool // register number added to the last opcode byte
	imm      int8 // immediate size in bytes
	vex      vexInfo
	wrapDisp bool // a displacement may exceed 32 bits and is truncated (LEAL)
	// Argument positions (indexes into args, -1 if none): ModRM.Reg,
	// ModRM.rm, the immediate, VEX.vvvv, a register in imm8[7:4] and the
	// EVEX write mask.
	regArg, rmArg, immArg, vArg, is4Arg, kArg int8
}

// MaxArgs is the most operands a form has.
const MaxArgs = maxFormArgs

// args returns the operand classes of f in Go order.
func (f *Form) args() []class { return f.argv[:f.nargs] }

// prefixes returns the legacy prefixes of f.
func (f *Form) prefixes() []byte { return f.prefix[:f.nprefix] }

// opcode returns the opcode bytes of f.
func (f *Form) opcode() []byte { return f.op[:f.nop] }

// Op is a mnemonic of the instruction table; opNone is none. The values
// are generated (table_gen.go), one per mnemonic, in sorted order.
type Op uint16

// opInfo is an Op's entry in opTable: its name and its forms,
// formTable[first:end].
type opInfo struct {
	name       string
	first, end uint16
}

// String returns the mnemonic.
func (o Op) String() string {
	if o >= numOps {
		return "?"
	}
	return opTable[o].name
}

// forms returns the encodings of o in the order Go tries them.
func (o Op) forms() []Form {
	if o == opNone || o >= numOps {
		return nil
	}
	e := &opTable[o]
	return formTable[e.first:e.end:e.end]
}

// formsOf returns the encodings of a Go mnemonic in the order Go tries
// them, or nil for an unknown mnemonic.
func formsOf(name string) []Form {
	return lookupOp(name).forms()
}

// Mnemonics yields the table's mnemonics in sorted order, each once.
func Mnemonics(yield func(string) bool) {
	for _, e := range opTable[1:] {
		if !yield(e.name) {
			return
		}
	}
}

// Known reports whether name is a mnemonic of the table.
func Known(name string) bool { return lookupOp(name) != opNone }

// ByteReg reports whether operand i of f takes a byte register, where a
// general register names its low byte (AX is AL): r8, r8/m, AL, and CL.
func (f *Form) ByteReg(i int) bool {
	if i >= int(f.nargs) {
		return false
	}
	c := f.argv[i]
	return is8(c) || c == cCL
}

// Shapes lists the distinct operand lists of name's forms as an error
// message names them ("r, r/m"), in the order Go tries them.
func Shapes(name string) []string {
	var shapes []string
	fs := formsOf(name)
	for i := range fs {
		f := &fs[i]
		args := make([]string, f.nargs)
		for i, c := range f.args() {
			args[i] = classText[c]
		}
		s := strings.Join(args, ", ")
		if !slices.Contains(shapes, s) {
			shapes = append(shapes, s)
		}
	}
	return shapes
}
