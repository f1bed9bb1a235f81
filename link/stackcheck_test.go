package link

import (
	"debug/elf"
	"testing"

	"github.com/p9tools/p9/abi"
)

// nosplitFn defines a function with textflag bits and a frame size that
// calls each of callees.
func nosplitFn(o *objBuilder, name string, flags, frame int64, callees ...string) {
	var c asm
	for _, callee := range callees {
		c.emit(0xe8).ref(4, elf.R_X86_64_PLT32, o.ref(callee), -4)
	}
	c.emit(0xc3)
	s := o.fn(name, &c)
	s.TextFlags, s.Frame = flags, frame
}

func TestNosplitRecursion(t *testing.T) {
	o := newObj("r.s")
	nosplitFn(o, DefaultEntry, 0, 0, "main.r")
	nosplitFn(o, "main.r", abi.NoSplit, 16, "main.r")
	got := linkErr(t, []Input{o.input(t, "r.o")}, Options{})
	wantErr(t, got, "nosplit stack over 792 byte limit\n\tmain.r: frame 16, uses 32 bytes, calls main.r\n\tmain.r: called again")
}

// TestNosplitThreadStack: a chain that starts at the entry point or at a
// TOPFRAME function runs on a thread's stack and is not limited; the same
// function called from elsewhere is.
func TestNosplitThreadStack(t *testing.T) {
	build := func(extraCaller bool) Input {
		o := newObj("t.s")
		nosplitFn(o, DefaultEntry, abi.NoSplit, 0, "main.top", "main.big")
		nosplitFn(o, "main.top", abi.NoSplit|abi.TopFrame, 0, "main.big")
		nosplitFn(o, "main.big", abi.NoSplit, 1000)
		if extraCaller {
			nosplitFn(o, "main.g", 0, 0, "main.h")
			nosplitFn(o, "main.h", abi.NoSplit, 0, "main.big")
		}
		return o.input(t, "t.o")
	}
	mustLink(t, []Input{build(false)}, Options{})
	// main.g is unreachable; NoGC keeps it.
	got := linkErr(t, []Input{build(true)}, Options{NoGC: true})
	wantErr(t, got, "\tmain.h: frame 0, uses 8 bytes, calls main.big\n\tmain.big: frame 1000, uses 1008 bytes\n\t1016 bytes in all, 224 over the limit")
}

// TestNosplitIndirect: a CALL through a register counts as a call to a
// splittable function.
func TestNosplitIndirect(t *testing.T) {
	o := newObj("i.s")
	nosplitFn(o, DefaultEntry, 0, 0, "main.i")
	var c asm
	c.emit(0xff, 0xd0).emit(0xc3) // CALL AX; RET
	s := o.fn("main.i", &c)
	s.IndirectCalls = []uint32{0}           // the function table says so, as p9as writes it
	s.TextFlags, s.Frame = abi.NoSplit, 776 // 776+8 for BP, +8 for the call, +8 for morestack's
	got := linkErr(t, []Input{o.input(t, "i.o")}, Options{})
	wantErr(t, got, "\tmain.i: frame 776, uses 792 bytes, calls through a register or memory\n"+
		"\tindirect call: callee assumed splittable, 8 bytes for its call to morestack\n\t800 bytes in all, 8 over the limit")
	s.Frame = 768
	mustLink(t, []Input{o.input(t, "i.o")}, Options{})
}
