package encoder

// buildProgs completes a function's progs once its last statement is
// added: it resolves branch targets.
func (a *assembler) buildProgs(fn *function) []*prog {
	progs := fn.progs
	if len(fn.pending) > 0 {
		a.errorf(fn.lastPos, "label %s is not followed by an instruction", fn.pending[0])
	}
	for _, u := range fn.uses {
		idx := int(u.pc)
		if !u.rel {
			i, ok := fn.labels[u.label]
			if !ok {
				a.errorf(u.p.pos, "undefined label %s", u.label)
				u.p.noop, u.p.branch = true, bNone
				continue
			}
			idx = i
		}
		if idx < 0 || idx >= len(progs) {
			a.errorf(u.p.pos, "branch out of range")
			u.p.noop, u.p.branch = true, bNone
			continue
		}
		u.p.target = progs[idx]
	}
	a.checkR15(fn, progs)
	// Like Go, a branch to an unconditional JMP goes to that JMP's final
	// destination instead.
	// The chains are followed in program order, each seeing the targets
	// already rewritten; an endless chain leaves the branch without a target,
	// and Go then makes it branch to itself.
	var endless []*prog
	for _, p := range progs {
		if p.target == nil {
			continue
		}
		q, n := p.target, 0
		for q != nil && q.branch == bJmp && q.target != nil && n < 5000 {
			q, n = q.target, n+1
		}
		if n >= 5000 {
			q = nil
			endless = append(endless, p)
		}
		p.target = q
	}
	for _, p := range endless {
		p.target = p
	}
	return fn.expand(progs)
}
