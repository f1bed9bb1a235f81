package x86

// Kind is the shape of an operand.
type Kind uint8

const (
	KindNone    Kind = iota
	KindReg          // a register
	KindImm          // $constant
	KindMem          // memory reference
	KindRegList      // [R0-R3]: Reg is the first of four consecutive registers
	// NumKinds: kinds from here up are a caller's own (an assembler's
	// operands that must be rewritten or resolved first); no form
	// accepts them.
	NumKinds
)

// Sym names a symbol an operand refers to, by its ELF name. The encoder
// only carries it into the fixups; Local and LinkLocal are for the caller.
type Sym struct {
	Name  string
	Local bool
	// LinkLocal: a symbol Go keeps local to the link unit (its float
	// constants), which -dynlink reaches directly, not through the GOT.
	LinkLocal bool
}

// Arg is an instruction operand.
type Arg struct {
	Kind Kind
	// TLS: the thread-local g, off(TLS): an absolute address with an
	// R_X86_64_TPOFF32 relocation, reached through FS. Seg is the
	// segment-override prefix of a memory operand written with a segment
	// register, 8(GS) or (AX)(FS*1), or 0 (also for SS, which Go gives
	// none).
	TLS    bool
	Seg    byte
	IxKind RegKind // RegX, RegY or RegZ for a VSIB index; otherwise general
	GOT    bool    // Sym's GOT slot, sym@GOT(SB)
	TLSIE  bool    // the GOT slot holding g's offset from the thread pointer (initial exec)
	Scale  int8    // KindMem with an index: 1, 2, 4 or 8
	Reg    Reg     // KindReg, KindRegList
	// KindMem: Base and Index are hardware register numbers or -1.
	Base, Index int8
	// (The small fields sit together, ahead of the words: an assembler
	// holds an Arg for each operand of each statement.)

	Imm  int64 // KindImm
	Disp int64
	Sym  *Sym // non-nil for sym(SB) references, RIP-relative
}

// segOverride is the override prefix go tool asm emits for a memory
// operand on each segment register (ES, CS, SS, DS, FS, GS): none for SS.
var segOverride = [6]byte{0x26, 0x2E, 0, 0x3E, 0x64, 0x65}

// SegOverride returns the prefix a memory operand written with segment
// register n (as numbered in package abi) gets.
func SegOverride(n int) byte { return segOverride[n] }

// segPrefix returns the segment-override prefix memory operand rm needs
// as operand i of n, or 0. Go emits one only for its first and last
// operands (a Prog's From and To): a memory operand in the middle, as in
// IMUL3Q or VPERM2F128, gets none.
func segPrefix(rm *Arg, i, n int) byte {
	if rm == nil || rm.Kind != KindMem || i != 0 && i != n-1 {
		return 0
	}
	if rm.TLS {
		return 0x64
	}
	return rm.Seg
}
