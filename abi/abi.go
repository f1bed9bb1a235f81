// Package abi holds the facts p9's parts must agree on, with each other and
// with Go: amd64's register names, the TEXT and GLOBL flag bits, the stack
// ABI's sizes and the runtime symbols the assembler and the linker refer
// to. Each is defined here once. The parser, the encoder, the object
// writer and the linker use these names; the runtime, written in
// assembly, spells the same numbers in textflag.h and layout.txt, and this
// package's tests fail when the two disagree.
package abi

// TextFlag is a bit of a TEXT or GLOBL directive's flags, with textflag.h's
// values (Go's), so source written for Go assembles unchanged.
type TextFlag uint32

// The flags, untyped so that each part can keep them in the integer type
// its records use.
const (
	NoProf        = 1    // NOPROF: obsolete, ignored
	DupOK         = 2    // DUPOK: several objects may define the symbol
	NoSplit       = 4    // NOSPLIT: no stack-split check in the prologue
	RoData        = 8    // RODATA: data in read-only memory
	NoPtr         = 16   // NOPTR: data holds no pointers
	Wrapper       = 32   // WRAPPER
	NeedCtxt      = 64   // NEEDCTXT: the function uses its closure context (DX)
	TLSBSS        = 256  // TLSBSS: a word of thread-local storage
	NoFrame       = 512  // NOFRAME: no frame, not even the saved frame pointer
	ReflectMethod = 1024 // REFLECTMETHOD
	TopFrame      = 2048 // TOPFRAME: the outermost frame of a call stack
	ABIWrapper    = 4096 // ABIWRAPPER
)

// FlagNames are the flags by their textflag.h names, in value order.
var FlagNames = [...]struct {
	Flag TextFlag
	Name string
}{
	{NoProf, "NOPROF"}, {DupOK, "DUPOK"}, {NoSplit, "NOSPLIT"}, {RoData, "RODATA"}, {NoPtr, "NOPTR"},
	{Wrapper, "WRAPPER"}, {NeedCtxt, "NEEDCTXT"}, {TLSBSS, "TLSBSS"}, {NoFrame, "NOFRAME"},
	{ReflectMethod, "REFLECTMETHOD"}, {TopFrame, "TOPFRAME"}, {ABIWrapper, "ABIWRAPPER"},
}

// InFuncHeader reports whether go tool asm -S names f in a function's
// header: the TEXT attributes do, the data ones (RODATA, NOPTR, TLSBSS) do
// not.
func (f TextFlag) InFuncHeader() bool { return f&(RoData|NoPtr|TLSBSS) == 0 }

// The stack ABI (Go's on linux/amd64). A function's prologue compares SP
// with g.stackguard0, which the runtime keeps StackGuard bytes above the
// stack's low end; a NOSPLIT function runs without the check, so a chain
// of them must fit in the StackNosplitBase bytes of that gap that are not
// StackSmall's.
const (
	// StackSmall: a frame this small is checked by comparing SP itself
	// with the guard (it may dip that far below it).
	StackSmall = 128
	// StackBig: frames up to this compare SP-frame+StackSmall; larger ones
	// also guard against the subtraction wrapping.
	StackBig = 4096
	// StackNosplitBase: the stack a chain of NOSPLIT calls may use.
	StackNosplitBase = 800
	// StackGuard: how far above the stack's low end stackguard0 is.
	StackGuard = StackNosplitBase + StackSmall
	// GStackGuard0: the offset of stackguard0 in the runtime's g (after
	// g.stack's lo and hi).
	GStackGuard0 = 16
	// CallSize: what a CALL pushes (the return address).
	CallSize = 8
)

// Runtime symbols the assembler and the linker name.
const (
	// TLSG is the thread-local word that holds the current g; g(r) is an
	// FS-relative access to it.
	TLSG = "runtime.tlsg"
	// Morestack is where a stack-split prologue goes for a function that
	// uses its closure context (NEEDCTXT); MorestackNoCtxt for the others.
	Morestack       = "runtime.morestack"
	MorestackNoCtxt = "runtime.morestack_noctxt"
)
