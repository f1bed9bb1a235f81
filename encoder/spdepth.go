package encoder

import "github.com/p9tools/p9/elf"

// spDepths follows the stack pointer through a function's progs once they
// are laid out, for the call frame information: pushes, pops and
// immediate SUBQ/ADDQ/LEAQ on SP, the adjustments Go's prologues and
// epilogues make. After an instruction that does not fall through (RET,
// JMP), the next one gets the depth a forward branch to it carried, or
// else the deepest depth seen so far, which is the body's depth after an
// epilogue. Other writes to SP (stack switches) are not followed. It
// records what the object writer would otherwise recover by decoding the
// machine code, without decoding it.
func spDepths(progs []*prog, size int) []elf.SPDepth {
	out := make([]elf.SPDepth, 0) // not nil: nil asks the writer to decode the code
	var known map[int]int64       // depths forward branches carry to their targets
	cur, deepest, last := int64(0), int64(0), int64(0)
	live := true
	for _, p := range progs {
		if len(p.bytes) == 0 {
			continue
		}
		off := p.pc
		if !live {
			if d, ok := known[off]; ok {
				cur = d
			} else {
				cur = deepest
			}
			live = true
		}
		if cur != last {
			out = append(out, elf.SPDepth{Offset: uint32(off), Depth: cur})
			last = cur
		}
		next := off + len(p.bytes)
		if p.spKnown {
			cur += p.spDelta
		} else {
			cur += spEffect(p)
		}
		deepest = max(deepest, cur)
		switch p.op {
		case "RET", "JMP", "HLT", "UD2", "INT":
			live = false
		}
		if p.branch != bNone && p.branch != bCall && p.target != nil {
			if t := p.target.pc; t > off && t < size {
				if known == nil {
					known = map[int]int64{}
				}
				if _, seen := known[t]; !seen {
					known[t] = cur
				}
			}
		}
		if live && cur != last && next < size {
			out = append(out, elf.SPDepth{Offset: uint32(next), Depth: cur})
			last = cur
		}
	}
	return out
}

// spEffect is how many bytes an instruction moves SP down.
func spEffect(p *prog) int64 {
	switch p.op {
	case "PUSHQ", "PUSHFQ":
		return 8
	case "POPQ", "POPFQ":
		return -8
	case "PUSHW", "PUSHFW":
		return 2
	case "POPW", "POPFW":
		return -2
	}
	if len(p.args) != 2 || !isSP(&p.args[1]) {
		return 0
	}
	src := &p.args[0]
	switch p.op {
	case "SUBQ":
		if src.kind == aImm {
			return src.imm
		}
	case "ADDQ":
		if src.kind == aImm {
			return -src.imm
		}
	case "LEAQ":
		if src.kind == aMem && src.base == 4 && src.index < 0 && src.sym == nil && !src.tls {
			return -src.disp
		}
	}
	return 0
}

// isSP reports whether a is the SP register itself.
func isSP(a *arg) bool {
	return a.kind == aReg && a.reg.kind == rkGP && a.reg.num == 4
}
