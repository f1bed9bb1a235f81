package link

import "sync/atomic"

// Preload is the loading of inputs begun before the link that uses them is
// asked for: p9ld loads the runtime it carries while it reads its command
// line. A link whose first inputs are the preloaded ones, to be loaded as
// it loads them (Options.StripSymbols), takes the objects as they are;
// any other link loads its inputs itself. A preload serves one link.
type Preload struct {
	inputs []Input
	strip  bool
	done   chan struct{}
	objs   []*object
	errs   []*Error
	taken  atomic.Bool
}

// StartPreload starts loading inputs, as a link with StripSymbols strip
// would, on goroutines of their own.
func StartPreload(inputs []Input, strip bool) *Preload {
	p := &Preload{inputs: inputs, strip: strip, done: make(chan struct{}),
		objs: make([]*object, len(inputs)), errs: make([]*Error, len(inputs))}
	go func() {
		defer close(p.done)
		l := &linker{opts: Options{StripSymbols: strip}}
		forEach(len(inputs), func(i int) {
			p.objs[i], p.errs[i] = l.parse(inputs[i])
		})
	}()
	return p
}

// take waits for the preload and returns its objects and errors if it
// loaded the first of inputs as opts would and no link has taken it.
func (p *Preload) take(inputs []Input, opts Options) ([]*object, []*Error, bool) {
	if p == nil || p.strip != opts.StripSymbols || len(p.inputs) > len(inputs) {
		return nil, nil, false
	}
	for i, in := range p.inputs {
		if in.Name != inputs[i].Name || !sameBytes(in.Data, inputs[i].Data) {
			return nil, nil, false
		}
	}
	if p.taken.Swap(true) {
		return nil, nil, false
	}
	<-p.done
	return p.objs, p.errs, true
}

// sameBytes reports whether a and b are the same bytes in memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
