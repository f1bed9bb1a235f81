// Package parser reads Plan 9 (Go-style) amd64 assembly: it runs the
// preprocessor, splits the text into statements and parses their operands.
// It knows the syntax only; what an instruction means and how it is encoded
// is the encoder's business.
package parser

import "github.com/p9tools/p9/diag"

// Pos is where a statement was written: the file and line the user typed,
// even when the statement came out of an #include or a macro expansion.
type Pos = diag.Pos

// Stmt is one statement. A label definition has Label set and no Op;
// everything else (instructions and the pseudo-ops TEXT, DATA, GLOBL,
// PCDATA, FUNCDATA, BYTE, WORD, LONG, QUAD, PCALIGN) has Op set.
type Stmt struct {
	Pos    Pos
	Label  string    // "loop" for "loop:"
	Op     string    // upper-case mnemonic without suffixes: "MOVQ", "TEXT", "LOCK"
	Suffix []string  // opcode suffixes after '.', in order: ["RU_SAE", "Z"], ["BCST"]
	Args   []Operand // operands in source (Go) order
	// Bad marks a TEXT or GLOBL whose line had a syntax error (already
	// reported). A bad TEXT is kept so later stages know a new function
	// starts there; its operands are incomplete. A bad GLOBL keeps its
	// first operand, the symbol, so that the symbol's DATA is not reported
	// again as lacking a GLOBL. Other statements with errors are dropped.
	Bad bool
}

// Kind says what sort of operand an Operand is.
type Kind uint8

const (
	KindNone     Kind = iota
	KindReg           // AX, X3, K1, CR0, TLS
	KindImm           // $expr (integer): Offset
	KindFloat         // $1.5, $(-2.0), $1e10: Float
	KindString        // $"abc\n": Str
	KindAddr          // $sym+off(SB), $off(reg)...: the address of a memory expression (fields as KindMem)
	KindMem           // off(base)(index*scale), sym+off(SB), name+off(FP), name-off(SP), off(SP)
	KindBranch        // a label ("loop", in Label) or off(PC) (Reg "PC", Offset)
	KindRegList       // [X1-X4]: Reg (first) and Reg2 (last)
	KindTextSize      // $frame-args in TEXT: Offset = frame, Args = args (HasArgs false when omitted)
	KindRegPair       // AX:DX style pairs where Go accepts them: Reg and Reg2
)

// Notes on how the parser fills operands:
//   - As in cmd/asm, the old pair syntax "R1:R2" is rewritten to the two
//     operands "R2, R1" (SHLL CX, R11:AX is SHLL CX, AX, R11), so the parser
//     never produces KindRegPair.
//   - For a symbol operand (Name != NameNone) Reg is "" unless a register
//     part follows, as in sym(SB)(AX*8) (Index) or sym(SB)(AX) (Reg).
//   - Scale is 0 when an index register was written without "*scale",
//     as in (AX)(BX), which the encoder must reject as go tool asm does.
//   - The flags operand of TEXT and GLOBL (written without '$') is KindImm.
//   - '*' before a register or register-indirect operand is dropped
//     (*AX is AX, *4(SP) is 4(SP)), as cmd/asm does.
//   - A label operand is KindBranch with the label in Sym and Reg "";
//     off(PC) and name+off(PC) are KindBranch with Reg "PC".
//   - A bare identifier is KindBranch only for jumps (J*, CALL, LOOP*,
//     XBEGIN); elsewhere it is an error.

// Name says which pseudo-register a memory operand is based on.
type Name uint8

const (
	NameNone   Name = iota // plain hardware addressing, e.g. 8(SP), (AX)(BX*4)
	NameExtern             // sym+off(SB), global symbol
	NameStatic             // sym<>+off(SB), file-local symbol
	NameParam              // name+off(FP): an argument, offset from the caller's frame
	NameAuto               // name-off(SP): pseudo-SP, a local in the frame
	NameGOTREF             // sym@GOT(SB)
)

// Operand is one parsed operand. Register names are upper-case as Go spells
// them ("AX", "R8B", "X15", "K1", "SP", "SB", "FP", "PC", "TLS").
type Operand struct {
	Kind Kind
	Name Name // pseudo-register kind for memory and address operands
	// HasArgs reports whether "-args" was written in a TEXT frame size.
	HasArgs bool
	// ExprOffset reports that a sym(SB) operand's offset was written
	// otherwise than as +integer: negative, or an expression
	// (sym+8*2(SB)).
	ExprOffset bool

	Reg    string // the register (KindReg), or the base register of a memory operand ("" if none)
	Reg2   string // last register of a list, second of a pair
	Index  string // index register of a memory operand, "" if none
	Scale  int64  // 1, 2, 4 or 8 when Index is set (0 if written without *scale)
	Offset int64  // displacement, immediate value, or frame size
	Args   int64  // argument size (KindTextSize)
	// Sym is the symbol as written, with '·' and '∕' kept, "<>" and ABI
	// selector removed; for KindBranch without (PC), the label; for
	// KindString, the string's value. (One field for the three keeps
	// operands small: a file holds several for each statement.)
	Sym   string
	ABI   string // "ABI0", "ABIInternal" if written as sym<ABI0>(SB), else ""
	Float float64
	Width int64 // DATA sym+off(SB)/width: the width, else 0
}
