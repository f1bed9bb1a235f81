package link

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

// TestIndirectCallSites: the indirect calls p9as records in the function
// table are the ones decoding the machine code finds, in every function of
// the runtime p9ld carries (for Linux and for boot images).
func TestIndirectCallSites(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join("..", "runtime-src", "obj", "*.a"))
	var objs []Input
	for _, name := range archives {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ReadArchive(name, data)
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, a.Members...)
	}
	if len(objs) == 0 {
		t.Fatal("no runtime objects")
	}
	recorded := 0
	for _, in := range objs {
		name := in.Name
		l := &linker{globals: map[string]*symbol{}}
		o, e := l.parse(in)
		if e != nil {
			t.Fatalf("%s: %v", name, e)
		}
		for _, r := range o.recs {
			code := r.sym.sec.data[r.sym.val : r.sym.val+r.sym.size]
			if got, want := len(r.calls) > 0, hasIndirectCall(code); got != want {
				t.Errorf("%s: %s: recorded indirect calls %v, decoding finds them %v", name, r.name, r.calls, want)
			}
			recorded += len(r.calls)
		}
	}
	if recorded == 0 {
		t.Error("no function of the runtime records an indirect call: the test checks nothing")
	}
}

// hasIndirectCall reports whether code calls through a register or memory,
// by decoding it: the oracle for what p9as records.
func hasIndirectCall(code []byte) bool {
	for off := 0; off < len(code); {
		inst, err := x86asm.Decode(code[off:], 64)
		if err != nil || inst.Len == 0 {
			// Padding and data end the code.
			return false
		}
		if inst.Op == x86asm.CALL {
			if _, direct := inst.Args[0].(x86asm.Rel); !direct {
				return true
			}
		}
		off += inst.Len
	}
	return false
}
