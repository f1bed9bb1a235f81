package link

import (
	"debug/elf"
	"fmt"
	"github.com/p9tools/p9/abi"
	"strings"
)

// The NOSPLIT check, as Go's linker makes it: a function marked NOSPLIT
// runs without checking for stack room, so every chain of NOSPLIT calls
// must fit in the room a splittable function guarantees. That room is
// Go's StackNosplitBase (800 bytes on amd64) less the return address the
// call into the chain pushes.
const (
	stackLimit  = abi.StackNosplitBase - abi.CallSize
	heightCycle = 1 << 30
)

// stackEdge is one way a function grows the stack: by growth bytes
// below its entry SP, then by what target needs (nil for none).
type stackEdge struct {
	growth int64
	target *symbol
}

type stackCheck struct {
	fns      []fnStack // by symbol.fn - 1
	indirect *symbol   // stands for the target of CALL through a register or memory
}

// fnStack is what the check knows of one function.
type fnStack struct {
	height    int64
	heightSet bool
	edges     []stackEdge
	edgesSet  bool
}

// of returns f's record, numbering f if it has none yet.
func (sc *stackCheck) of(f *symbol) *fnStack {
	if f.fn == 0 {
		sc.fns = append(sc.fns, fnStack{})
		f.fn = uint32(len(sc.fns))
	}
	return &sc.fns[f.fn-1]
}

// checkNosplit returns an error for every chain of NOSPLIT functions whose
// stack use exceeds stackLimit. It only reads the linker's state, so it can
// run while layout and relocation proceed.
func (l *linker) checkNosplit() ErrorList {
	sc := &stackCheck{indirect: &symbol{name: "indirect call", kind: symAbs}}
	*sc.of(sc.indirect) = fnStack{heightSet: true, edgesSet: true}
	var fns []*symbol
	for _, obj := range l.objs {
		if obj.funcs == nil {
			continue
		}
		for _, s := range obj.syms {
			if s == nil || s.fn != 0 || s.kind != symDefined || s.obj != obj {
				continue
			}
			if _, ok := obj.funcs[s]; ok {
				sc.of(s)
				fns = append(fns, s)
			}
		}
	}
	var failed []*symbol
	for _, f := range fns {
		if sc.check(f) > stackLimit {
			failed = append(failed, f)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	// Report chains from the failing functions no other failing function calls.
	called := map[*symbol]bool{}
	for _, f := range failed {
		for _, e := range sc.of(f).edges {
			if e.target != nil && e.target != f {
				called[e.target] = true
			}
		}
	}
	// Chains that start at the entry point or at a TOPFRAME function run
	// on a thread's own stack (the kernel's, or one clone was given), not
	// on a goroutine's: the limit does not apply to them.
	threadStack := func(f *symbol) bool {
		return f == l.globals[l.opts.Entry] || f.obj.funcs[f].flags&abi.TopFrame != 0
	}
	var errs ErrorList
	roots := 0
	for _, f := range failed {
		if called[f] {
			continue
		}
		roots++
		if !threadStack(f) {
			errs = append(errs, &Error{Msg: sc.report(f)})
		}
	}
	if roots == 0 {
		// Every failing function is called by another: a cycle.
		errs = append(errs, &Error{Msg: sc.report(failed[0])})
	}
	return errs
}

// check returns how far below its entry SP a function (and the NOSPLIT
// functions it calls) can push the stack without a check.
func (sc *stackCheck) check(f *symbol) int64 {
	st := sc.of(f)
	if st.heightSet {
		return st.height
	}
	st.height, st.heightSet = heightCycle, true // recursion without a check never ends
	h := int64(0)
	for _, e := range sc.computeEdges(f) {
		g := e.growth
		if e.target != nil {
			g += sc.check(e.target)
		}
		h = max(h, min(g, heightCycle))
	}
	sc.of(f).height = h // sc.fns may have grown
	return h
}

func (sc *stackCheck) computeEdges(f *symbol) []stackEdge {
	if st := sc.of(f); st.edgesSet {
		return st.edges
	}
	var edges []stackEdge
	info, ok := f.obj.funcs[f]
	switch {
	case !ok || f.kind != symDefined || f.name == abi.Morestack:
		// Not p9 code, or morestack, which runs on another stack.
	case info.flags&abi.NoSplit == 0:
		// A splittable function checks first; all it needs is room
		// for its call to morestack.
		edges = append(edges, stackEdge{growth: abi.CallSize})
	default:
		frame := max(info.frame, 0)
		if frame > 0 && info.flags&abi.NoFrame == 0 {
			frame += 8 // the saved BP
		}
		edges = append(edges, stackEdge{growth: frame})
		for _, r := range f.sec.relocs {
			if r.off < f.val || r.off >= f.val+f.size || !isCallSite(f.sec.data, r) {
				continue
			}
			if t := r.sym; t.kind == symDefined {
				edges = append(edges, stackEdge{growth: frame + abi.CallSize, target: t})
			}
		}
		if info.indirect {
			// As Go assumes, the callee is splittable: it needs room
			// for its own call to morestack.
			edges = append(edges, stackEdge{growth: frame + 2*abi.CallSize, target: sc.indirect})
		}
	}
	st := sc.of(f)
	st.edges, st.edgesSet = edges, true
	return edges
}

// isCallSite reports whether a relocation is the target of a CALL or a
// JMP (a tail call) to a symbol.
func isCallSite(data []byte, r reloc) bool {
	if r.typ != elf.R_X86_64_PLT32 && r.typ != elf.R_X86_64_PC32 || r.off < 1 || data == nil {
		return false
	}
	op := data[r.off-1]
	return op == 0xe8 || op == 0xe9
}

// report describes the deepest chain from f.
func (sc *stackCheck) report(f *symbol) string {
	var b strings.Builder
	fmt.Fprintf(&b, "nosplit stack over %d byte limit", stackLimit)
	depth := int64(0)
	onPath := map[*symbol]bool{}
	for f != nil {
		if onPath[f] {
			fmt.Fprintf(&b, "\n\t%s: called again: infinite recursion", f.name)
			return b.String()
		}
		onPath[f] = true
		if f == sc.indirect {
			fmt.Fprintf(&b, "\n\tindirect call: callee assumed splittable, %d bytes for its call to morestack", abi.CallSize)
			depth += abi.CallSize
			break
		}
		info, ok := f.obj.funcs[f]
		if !ok || f.name == abi.Morestack {
			fmt.Fprintf(&b, "\n\t%s: runs on another stack or is not p9 code, not counted", f.name)
			break
		}
		var next *symbol
		best := int64(-1)
		own := int64(0)
		for _, e := range sc.of(f).edges {
			if e.target == nil {
				own = e.growth
			} else if h := e.growth + sc.of(e.target).height; h > best {
				best, next = h, e.target
			}
		}
		if next != nil && own > best {
			next = nil
		}
		if info.flags&abi.NoSplit == 0 {
			fmt.Fprintf(&b, "\n\t%s: splittable, %d bytes for its call to morestack", f.name, abi.CallSize)
			depth += abi.CallSize
			break
		}
		if next == nil {
			depth += own
			fmt.Fprintf(&b, "\n\t%s: frame %d, uses %d bytes", f.name, info.frame, own)
			break
		}
		growth := own + abi.CallSize
		depth += growth
		callee := next.name
		if next == sc.indirect {
			callee = "through a register or memory"
		}
		fmt.Fprintf(&b, "\n\t%s: frame %d, uses %d bytes, calls %s", f.name, info.frame, growth, callee)
		f = next
	}
	fmt.Fprintf(&b, "\n\t%d bytes in all, %d over the limit", depth, depth-stackLimit)
	return b.String()
}

// foreignCalls lists, once each, the direct calls from Plan 9 code into
// functions that have no function table record: code gcc or GNU as
// produced. Nothing says how much stack such code uses, so the NOSPLIT
// check cannot count it (it is not taken for a 0-byte frame: it is left
// out, and said so), nor does the code check that a goroutine's stack
// has room for it: runtime·asmcgocall runs it on the M's g0 stack, which
// is big, as Go's cgo does.
func (l *linker) foreignCalls() []string {
	var out []string
	seen := map[[2]*symbol]bool{}
	for _, o := range l.objs {
		if o.funcs == nil {
			continue
		}
		for _, sec := range o.secs {
			for _, r := range sec.relocs {
				t := r.sym
				if !isCallSite(sec.data, r) || t.kind != symDefined || t.obj == nil || t.obj.funcs != nil ||
					t.typ != elf.STT_FUNC {
					continue
				}
				caller := l.funcAt(o, sec, r.off)
				if caller == nil || seen[[2]*symbol{caller, t}] {
					continue
				}
				seen[[2]*symbol{caller, t}] = true
				out = append(out, fmt.Sprintf("%s calls %s, which has no function info (foreign code, such as gcc's): "+
					"the NOSPLIT check cannot count its stack use; call it through runtime·asmcgocall, "+
					"which runs it on the M's big g0 stack", caller.name, t.name))
			}
		}
	}
	return out
}

// funcAt is the function of o whose code holds offset off of sec.
func (l *linker) funcAt(o *object, sec *inSection, off uint64) *symbol {
	for f := range o.funcs {
		if f.kind == symDefined && f.sec == sec && off >= f.val && off < f.val+f.size {
			return f
		}
	}
	return nil
}
