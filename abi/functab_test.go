package abi

import (
	"encoding/binary"
	"testing"
)

// pcValue returns the value a PC table gives code offset off, and false
// when off is past the table or the table is malformed.
func pcValue(t []byte, off uint32) (int64, bool) {
	var pc uint64
	var v int64
	for {
		n, k := binary.Uvarint(t)
		if k <= 0 || n == 0 {
			return 0, false
		}
		t = t[k:]
		d, k := binary.Varint(t)
		if k <= 0 {
			return 0, false
		}
		t = t[k:]
		v += d
		pc += n
		if uint64(off) < pc {
			return v, true
		}
	}
}

func TestPCTable(t *testing.T) {
	var b []byte
	b = AppendPCEntry(b, 3, 0)     // [0,3): 0
	b = AppendPCEntry(b, 200, 136) // [3,203): 136
	b = AppendPCEntry(b, 1, -128)  // [203,204): 8
	b = EndPCTable(b)
	for off, want := range map[uint32]int64{0: 0, 2: 0, 3: 136, 202: 136, 203: 8} {
		if v, ok := pcValue(b, off); !ok || v != want {
			t.Errorf("pcValue(%d) = %d, %v; want %d", off, v, ok, want)
		}
	}
	if _, ok := pcValue(b, 204); ok {
		t.Error("an offset past the table has a value")
	}
	if _, ok := pcValue([]byte{0x80}, 0); ok {
		t.Error("a truncated table has a value")
	}
}

func TestCallSites(t *testing.T) {
	b := AppendCallSites(nil, []uint32{3, 200, 70000})
	got, ok := CallSites(b)
	if !ok || len(got) != 3 || got[0] != 3 || got[1] != 200 || got[2] != 70000 {
		t.Errorf("CallSites = %v, %v", got, ok)
	}
	if _, ok := CallSites([]byte{5, 1}); ok {
		t.Error("a truncated list decodes")
	}
}
