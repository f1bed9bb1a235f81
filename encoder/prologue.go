package encoder

import (
	"github.com/p9tools/p9/abi"
	"github.com/p9tools/p9/encoder/x86"
)

// Registers the stack check uses, as Go's does for amd64: g lives in R14
// and R12 is free at function entry.
const (
	regG    = 14
	regTmp  = 12
	regCtxt = 2 // DX: a closure's context
)

func memArg(base int, disp int64) arg {
	return arg{Arg: x86.Arg{Kind: x86.KindMem, Base: int8(base), Index: -1, Disp: disp}}
}

// newStackSplit builds the stack-split check for a frame of framesize
// bytes (the locals plus the saved frame pointer): the instructions at
// entry, and the call to morestack to append after the body, which jumps
// back to the entry to check again. With mayMoreStack, the check starts
// with a call to that function (DX pushed around it if the function needs
// its context), which morestack's return jumps past.
func newStackSplit(fn *function, framesize int64, shared bool, mayMoreStack string) (check, call []*prog) {
	pos := fn.pos
	mk := func(op string, args ...arg) *prog { return &prog{pos: pos, op: op, args: args} }
	if mayMoreStack != "" {
		needCtxt := fn.flags&abi.NeedCtxt != 0
		if needCtxt {
			check = append(check, mk("PUSHQ", regArg(regCtxt)))
		}
		check = append(check, &prog{pos: pos, op: "CALL", branch: bCall, sym: &x86.Sym{Name: mayMoreStack}})
		if needCtxt {
			check = append(check, mk("POPQ", regArg(regCtxt)))
		}
	}
	recheck := len(check)
	if fn.abi != "ABIInternal" {
		// ABI0 code cannot assume g is in R14: load it from TLS.
		check = append(check, tlsLoads(fn, shared, regG)...)
	}
	guard := memArg(regG, abi.GStackGuard0) // g.stackguard0
	var toMorestack []*prog
	// Frames up to StackSmall compare SP itself against the guard, frames
	// up to StackBig compare SP-frame+StackSmall, and larger frames also
	// guard against the subtraction wrapping.
	switch {
	case framesize <= abi.StackSmall:
		check = append(check, mk("CMPQ", regArg(4), guard))
	case framesize <= abi.StackBig:
		check = append(check,
			mk("LEAQ", memArg(4, -(framesize-abi.StackSmall)), regArg(regTmp)),
			mk("CMPQ", regArg(regTmp), guard))
	default:
		jcs := &prog{pos: pos, op: "JCS", branch: bJcc, cc: abi.CondCS}
		check = append(check,
			mk("MOVQ", regArg(4), regArg(regTmp)),
			mk("SUBQ", immArg(framesize-abi.StackSmall), regArg(regTmp)),
			jcs,
			mk("CMPQ", regArg(regTmp), guard))
		toMorestack = append(toMorestack, jcs)
	}
	jls := &prog{pos: pos, op: "JLS", branch: bJcc, cc: abi.CondLS}
	check = append(check, jls)
	toMorestack = append(toMorestack, jls)

	morestack := abi.MorestackNoCtxt
	if fn.flags&abi.NeedCtxt != 0 {
		morestack = abi.Morestack
	}
	callMorestack := &prog{pos: pos, op: "CALL", branch: bCall, sym: &x86.Sym{Name: morestack}}
	back := &prog{pos: pos, op: "JMP", branch: bJmp, target: check[recheck]}
	for _, p := range toMorestack {
		p.target = callMorestack
	}
	return check, []*prog{callMorestack, back}
}
