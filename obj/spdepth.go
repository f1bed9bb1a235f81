package obj

import "golang.org/x/arch/x86/x86asm"

// An SPStep is one instruction of a function as TrackSP sees it.
type SPStep struct {
	Off, Len int   // where the instruction is in the function, and its size
	Delta    int64 // how many bytes it moves SP down (negative: up)
	Stops    bool  // it does not fall through (RET, JMP, UD2...)
	Target   int   // a branch's target offset, or -1
}

// TrackSP follows the stack pointer through a function of size bytes,
// given its instructions in address order, and returns where its depth
// below the entry value changes. After an instruction that does not fall
// through, the next one gets the depth a forward branch to it carried, or
// else the deepest depth seen so far, which is the body's depth after an
// epilogue. next yields the steps one at a time, false at the end.
func TrackSP(size int, next func() (SPStep, bool)) []SPDepth {
	out := make([]SPDepth, 0) // not nil: nil means "not recorded"
	var known map[int]int64   // depths forward branches carry to their targets
	cur, deepest, last := int64(0), int64(0), int64(0)
	live := true
	for {
		st, ok := next()
		if !ok {
			return out
		}
		if !live {
			if d, ok := known[st.Off]; ok {
				cur = d
			} else {
				cur = deepest
			}
			live = true
		}
		if cur != last {
			out = append(out, SPDepth{uint32(st.Off), cur})
			last = cur
		}
		end := st.Off + st.Len
		cur += st.Delta
		deepest = max(deepest, cur)
		live = !st.Stops
		if t := st.Target; t > st.Off && t < size {
			if known == nil {
				known = map[int]int64{}
			}
			if _, seen := known[t]; !seen {
				known[t] = cur
			}
		}
		if live && cur != last && end < size {
			out = append(out, SPDepth{uint32(end), cur})
			last = cur
		}
	}
}

// spDepths is TrackSP over machine code, for objects whose producer did
// not record the depths: it decodes pushes, pops and immediate
// SUBQ/ADDQ/LEAQ on SP, the adjustments Go's prologues and epilogues make.
// Code it cannot decode ends the analysis; other writes to SP (stack
// switches) are not followed.
func spDepths(code []byte) []SPDepth {
	off := 0
	return TrackSP(len(code), func() (SPStep, bool) {
		if off >= len(code) {
			return SPStep{}, false
		}
		inst, err := x86asm.Decode(code[off:], 64)
		if err != nil || inst.Len == 0 {
			return SPStep{}, false
		}
		st := SPStep{Off: off, Len: inst.Len, Delta: spEffect(&inst), Target: -1}
		switch inst.Op {
		case x86asm.RET, x86asm.JMP, x86asm.HLT, x86asm.UD2, x86asm.INT:
			st.Stops = true
		}
		if rel, ok := inst.Args[0].(x86asm.Rel); ok && inst.Op != x86asm.CALL {
			st.Target = off + inst.Len + int(rel)
		}
		off += inst.Len
		return st, true
	})
}

// spEffect is how many bytes an instruction moves SP down.
func spEffect(inst *x86asm.Inst) int64 {
	switch inst.Op {
	case x86asm.PUSH, x86asm.PUSHFQ:
		return 8
	case x86asm.POP, x86asm.POPFQ:
		return -8
	case x86asm.SUB, x86asm.ADD:
		if inst.Args[0] != x86asm.RSP {
			return 0
		}
		imm, ok := inst.Args[1].(x86asm.Imm)
		if !ok {
			return 0
		}
		if inst.Op == x86asm.SUB {
			return int64(imm)
		}
		return -int64(imm)
	case x86asm.LEA:
		if inst.Args[0] != x86asm.RSP {
			return 0
		}
		if m, ok := inst.Args[1].(x86asm.Mem); ok && m.Base == x86asm.RSP && m.Index == 0 {
			return -m.Disp
		}
	}
	return 0
}
