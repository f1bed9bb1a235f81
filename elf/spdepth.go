package elf

import "golang.org/x/arch/x86/x86asm"

// spDepths follows the stack pointer through a function's machine code:
// pushes, pops and immediate SUBQ/ADDQ/LEAQ on SP, the adjustments Go's
// prologues and epilogues make. It decodes in address order; after an
// instruction that does not fall through (RET, JMP), the next one gets the
// depth a branch to it recorded, or else the deepest depth seen so far,
// which is the body's depth after an epilogue. Code it cannot decode ends
// the analysis. Other writes to SP (stack switches) are not followed.
func spDepths(code []byte) []SPDepth {
	var out []SPDepth
	known := map[int]int64{} // depths forward branches carry to their targets
	cur, deepest, last := int64(0), int64(0), int64(0)
	live := true
	for off := 0; off < len(code); {
		inst, err := x86asm.Decode(code[off:], 64)
		if err != nil || inst.Len == 0 {
			break
		}
		if !live {
			if d, ok := known[off]; ok {
				cur = d
			} else {
				cur = deepest
			}
			live = true
		}
		if cur != last {
			out = append(out, SPDepth{uint32(off), cur})
			last = cur
		}
		next := off + inst.Len
		cur += spEffect(&inst)
		deepest = max(deepest, cur)
		switch inst.Op {
		case x86asm.RET, x86asm.JMP, x86asm.HLT, x86asm.UD2, x86asm.INT:
			live = false
		}
		if rel, ok := inst.Args[0].(x86asm.Rel); ok && inst.Op != x86asm.CALL {
			if t := next + int(rel); t > off && t < len(code) {
				if _, seen := known[t]; !seen {
					known[t] = cur
				}
			}
		}
		if live && cur != last && next < len(code) {
			out = append(out, SPDepth{uint32(next), cur})
			last = cur
		}
		off = next
	}
	return out
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
