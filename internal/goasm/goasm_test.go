package goasm

import (
	"strings"
	"testing"
)

// listing is go tool asm -S output (Go 1.26) for a function with a
// stack check and a data symbol holding an address, with a FIPS symbol
// kind, a stack map and a marker relocation added.
const listing = `main.f STEXTFIPS asm size=40 args=0x8 locals=0x8 funcid=0x0 align=0x0
	0x0000 00000 (l.s:1)	TEXT	main.f(SB), $8-8
	0x0000 00000 (l.s:1)	MOVQ	(TLS), R14
	0x0009 00009 (l.s:1)	CMPQ	SP, 16(R14)
	0x000d 00013 (l.s:1)	PCDATA	$0, $-2
	0x000d 00013 (l.s:1)	JLS	33
	0x000f 00015 (l.s:1)	PCDATA	$0, $-1
	0x000f 00015 (l.s:1)	PUSHQ	BP
	0x0010 00016 (l.s:1)	MOVQ	SP, BP
	0x0013 00019 (l.s:1)	FUNCDATA	$5, main.f.arginfo0(SB)
	0x0013 00019 (l.s:1)	FUNCDATA	$0, main.f.args_stackmap(SB)
	0x0013 00019 (l.s:2)	CALL	main.f(SB)
	0x0018 00024 (l.s:3)	MOVQ	x<>+8(SB), AX
	0x001f 00031 (l.s:4)	POPQ	BP
	0x0020 00032 (l.s:4)	RET
	0x0021 00033 (l.s:4)	NOP
	0x0021 00033 (l.s:1)	PCDATA	$1, $-1
	0x0021 00033 (l.s:1)	PCDATA	$0, $-2
	0x0021 00033 (l.s:1)	CALL	runtime.morestack_noctxt(SB)
	0x0026 00038 (l.s:1)	PCDATA	$0, $-1
	0x0026 00038 (l.s:1)	JMP	0
	0x0000 64 4c 8b 34 25 00 00 00 00 49 3b 66 10 76 12 55  dL.4%....I;f.v.U
	0x0010 48 89 e5 e8 00 00 00 00 48 8b 05 00 00 00 00 5d  H.......H......]
	0x0020 c3 e8 00 00 00 00 eb d8                          ........
	rel 5+4 t=R_TLS_LE TLS+0
	rel 20+4 t=R_CALL main.f+0
	rel 27+4 t=R_PCREL x+8
	rel 34+4 t=R_CALL runtime.morestack_noctxt+0
	rel 0+0 t=R_USEIFACE type:int+0
gclocals·abc SRODATA dupok size=8
	0x0000 01 00 00 00 00 00 00 00                          ........
x SNOPTRDATA static size=16
	0x0000 00 00 00 00 00 00 00 00 2a                       ........*
	rel 0+8 t=R_ADDR main.f+0
main.y SBSS size=32
`

func TestParse(t *testing.T) {
	syms, err := Parse(strings.NewReader(listing))
	if err != nil {
		t.Fatal(err)
	}
	if len(syms) != 3 {
		t.Fatalf("got %d symbols, want 3 (stack maps left out)", len(syms))
	}
	f, x, y := syms[0], syms[1], syms[2]
	if f.Name != "main.f" || f.Kind != "TEXT" || len(f.Bytes) != 40 || f.Size != 40 {
		t.Errorf("f = %s %s %d bytes size %d", f.Name, f.Kind, len(f.Bytes), f.Size)
	}
	var rs []string
	for _, r := range f.Relocs {
		rs = append(rs, r.String())
	}
	want := "5+4 R_X86_64_TPOFF32 runtime.tlsg+0, 20+4 R_X86_64_PLT32 main.f-4, 27+4 R_X86_64_PC32 x+4, 34+4 R_X86_64_PLT32 runtime.morestack_noctxt-4"
	if got := strings.Join(rs, ", "); got != want {
		t.Errorf("relocs\n%s\nwant\n%s", got, want)
	}
	if len(f.Insts) != 11 || f.Insts[1].Text != "CMPQ\tSP, 16(R14)" || f.Insts[5].Pos != "l.s:2" {
		t.Errorf("insts %+v", f.Insts)
	}
	if in := f.InstAt(0x1a); in == nil || in.Line != 3 || in.Off != 0x18 {
		t.Errorf("InstAt(0x1a) = %+v", in)
	}
	if x.Kind != "NOPTRDATA" || len(x.Bytes) != 16 || x.Bytes[8] != 0x2a || x.Relocs[0].Type != "R_X86_64_64" {
		t.Errorf("x = %+v", x)
	}
	if !y.BSS() || y.Bytes != nil || y.Size != 32 {
		t.Errorf("y = %+v", y)
	}
}

func TestCompare(t *testing.T) {
	want, _ := Parse(strings.NewReader(listing))
	clone := func() []*Symbol {
		var out []*Symbol
		for _, s := range want {
			c := *s
			c.Bytes = append([]byte(nil), s.Bytes...)
			c.Relocs = append([]Reloc(nil), s.Relocs...)
			out = append(out, &c)
		}
		return out
	}
	got := clone()
	// Bytes inside a relocated field do not count.
	got[0].Bytes[21] = 0xff
	if diffs, same := Compare(want, got); len(diffs) != 0 || same != 3 {
		t.Fatalf("masked field: %d diffs, %d same", len(diffs), same)
	}
	got = clone()
	got[0].Bytes[24] = 0x49
	diffs, same := Compare(want, got)
	if len(diffs) != 1 || same != 2 || diffs[0].Off != 24 || !strings.Contains(diffs[0].Reason, "bytes differ at offset 0x18") {
		t.Fatalf("changed byte: %+v, %d same", diffs, same)
	}
	got = clone()
	got[1].Relocs[0].Addend = 8
	if diffs, _ := Compare(want, got); len(diffs) != 1 || diffs[0].Reason != "relocations differ" {
		t.Fatalf("changed addend: %+v", diffs)
	}
	got = clone()[:2]
	got = append(got, &Symbol{Name: "extra", Kind: "BSS", Size: 8})
	diffs, _ = Compare(want, got)
	if len(diffs) != 2 || diffs[0].Got != nil || diffs[1].Want != nil {
		t.Fatalf("missing and extra: %+v", diffs)
	}
	var b strings.Builder
	got = clone()
	got[0].Bytes[25] = 0x89
	diffs, _ = Compare(want, got)
	WriteDiffs(&b, diffs)
	for _, s := range []string{"main.f: bytes differ at offset 0x19", "l.s:3", "0x0018: 48 8b 05 00 00 00 00\tMOVQ 0(IP), AX", "0x0018: 48 89 05 00 00 00 00\tMOVQ AX, 0(IP)"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, b.String())
		}
	}
}
