package abi

import (
	"testing"
)

// pcValue returns the value a PC table gives code offset off, and false
// when off is past the table or the table is malformed.
func pcValue(t []byte, off uint32) (int64, bool) {
	var pc uint64
	var v int64
	for {
		n, d, k := NextPCEntry(t)
		if k <= 0 || n == 0 {
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
	b = AppendPCEntry(b, 16, -8)   // [204,220): 0
	b = AppendPCEntry(b, 1, 6)     // [220,221): 6
	b = AppendPCEntry(b, 17, 1)    // [221,238): 7
	b = AppendPCEntry(b, 5, 7)     // [238,243): 14
	b = EndPCTable(b)
	for off, want := range map[uint32]int64{0: 0, 2: 0, 3: 136, 202: 136, 203: 8, 204: 0, 219: 0, 220: 6, 221: 7, 237: 7, 238: 14, 242: 14} {
		if v, ok := pcValue(b, off); !ok || v != want {
			t.Errorf("pcValue(%d) = %d, %v; want %d", off, v, ok, want)
		}
	}
	if _, ok := pcValue(b, 243); ok {
		t.Error("an offset past the table has a value")
	}
	if n := PCTableLen(b); n != len(b) {
		t.Errorf("PCTableLen = %d, want %d", n, len(b))
	}
	for _, bad := range [][]byte{{PCLong, 0x80}, {PCLong, 0, 0}, {pcShortEnd + 1}, {5}} {
		if _, ok := pcValue(bad, 100); ok || PCTableLen(bad) >= 0 {
			t.Errorf("the malformed or unended table % x decodes", bad)
		}
	}
}

// TestPCTableShortEntries: every entry of up to 16 bytes with a delta from
// -8 to 6 takes one byte, and every other entry decodes to what was put in.
func TestPCTableShortEntries(t *testing.T) {
	for n := uint32(1); n <= 40; n++ {
		for d := int64(-20); d <= 20; d++ {
			b := AppendPCEntry(nil, n, d)
			short := n <= 16 && d >= -8 && d <= 6
			if (len(b) == 1) != short {
				t.Errorf("entry (%d, %d) takes %d bytes", n, d, len(b))
			}
			gn, gd, k := NextPCEntry(b)
			if gn != uint64(n) || gd != d || k != len(b) {
				t.Errorf("entry (%d, %d) decodes as (%d, %d) in %d bytes", n, d, gn, gd, k)
			}
		}
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
