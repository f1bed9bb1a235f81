package encoder

import (
	"encoding/binary"
	"fmt"

	"github.com/p9tools/p9/encoder/x86"
)

// nops are the padding sequences Go uses for PCALIGN, by length.
var nops = [][]byte{
	{0x90},
	{0x66, 0x90},
	{0x0F, 0x1F, 0x00},
	{0x0F, 0x1F, 0x40, 0x00},
	{0x0F, 0x1F, 0x44, 0x00, 0x00},
	{0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
	{0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
	{0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
	{0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
}

func nopPad(n int) []byte {
	var b []byte
	for n > 0 {
		m := min(n, len(nops))
		b = append(b, nops[m-1]...)
		n -= m
	}
	return b
}

// span encodes every prog and sizes branches the way Go's span6 does:
// forward branches start short and turn long for good once they no longer
// reach; backward branches are short whenever they reach.
func (a *assembler) span(progs []*prog) (int, bool) {
	for i, p := range progs {
		p.idx = int32(i)
	}
	if !a.encodeEach(progs, false) {
		return 0, false
	}
	for pass := 0; ; pass++ {
		if pass > 1000 {
			a.errorf(progs[0].pos, "branch relaxation does not converge")
			return 0, false
		}
		if pass == 1 && !a.encodeEach(progs, true) {
			return 0, false
		}
		again := false
		pc := 0
		for _, p := range progs {
			p.incoming = nil
		}
		for _, p := range progs {
			p.pc = pc
			patchForward(p, &again)
			if p.align != 0 {
				pad := int((p.align - int32(pc)&(p.align-1)) & (p.align - 1))
				if pc+pad > maxCode {
					a.errorf(p.pos, "too much code: PCALIGN padding makes the function longer than %d bytes", maxCode)
					return 0, false
				}
				p.bytes = nopPad(pad)
			} else if p.branch != bNone {
				tpc := 0
				if p.target != nil {
					tpc = p.target.pc
					if !p.backward {
						p.nextIncoming, p.target.incoming = p.target.incoming, p
					}
				}
				if err := p.encodeBranch(tpc); err != nil {
					a.errorf(p.pos, "%v: %s", err, progText(p))
					return 0, false
				}
			}
			pc += len(p.bytes)
		}
		if !again {
			return pc, true
		}
	}
}

// encodeEach encodes progs, or with again, for Go's second sizing pass,
// those whose byte registers the first renamed. It reports whether all
// encoded.
func (a *assembler) encodeEach(progs []*prog, again bool) bool {
	ok := true
	for _, p := range progs {
		msg := ""
		if !again {
			msg = encodeProg(p)
		} else if p.reencode {
			msg = encodeInstruction(p)
		}
		if msg != "" {
			a.errorf(p.pos, "%s", msg)
			ok = false
		}
	}
	return ok
}

// encodeProg sets p's bytes (all but branches and alignment, which
// depend on addresses), returning an error message or "".
func encodeProg(p *prog) string {
	p.short = true
	if p.target != nil && p.target.idx <= p.idx {
		p.backward = true
	}
	if p.branch != bNone || p.align != 0 {
		return ""
	}
	switch {
	case p.isData:
		// bytes set when built
	case p.noop:
		p.bytes = nil
	default:
		return encodeInstruction(p)
	}
	return ""
}

// encodeInstruction encodes an ordinary instruction, returning an error
// message or "".
func encodeInstruction(p *prog) string {
	// The encoder's operands, copied out of p's on the stack.
	var buf [x86.MaxArgs]x86.Arg
	xs := buf[:0]
	for i := range p.args {
		xs = append(xs, p.args[i].Arg)
	}
	f := x86.Match(p.op, xs, p.suffixes())
	if f == nil {
		return fmt.Sprintf("invalid instruction: %s%s", progText(p), formHint(p.op))
	}
	in, err := f.Encode(xs, p.suffixes())
	if err != nil {
		return fmt.Sprintf("%s: %v", progText(p), err)
	}
	p.bytes, p.fixups = in.Bytes, in.Fixups
	p.reencode = renameByteRegs(p, f)
	p.feat = f.Features()
	return ""
}

// patchForward fills in the displacements of forward branches to p, now
// that p's pc is known, and marks short ones that no longer reach.
func patchForward(p *prog, again *bool) {
	for q := p.incoming; q != nil; q = q.nextIncoming {
		v := p.pc - (q.pc + len(q.bytes))
		if q.short && len(q.bytes) <= 3 {
			if v > 127 {
				*again = true
				q.short = false
			}
			q.bytes[len(q.bytes)-1] = byte(v)
			continue
		}
		binary.LittleEndian.PutUint32(q.bytes[len(q.bytes)-4:], uint32(v))
	}
	p.incoming = nil
}
