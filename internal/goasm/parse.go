package goasm

import (
	"bufio"
	"github.com/p9tools/p9/abi"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// listingPatterns are the regular expressions that read go tool asm -S
// output. They are compiled on first use: p9as links this package for
// --compare-go, and an ordinary run should not pay for compiling them.
var listingPatterns = sync.OnceValue(func() (p struct{ symHeader, sizeField, hexLine, instLine, relLine *regexp.Regexp }) {
	p.symHeader = regexp.MustCompile(`^(\S+) S(TEXT|RODATA|DATA|NOPTRDATA|BSS|NOPTRBSS|TLSBSS)(?:FIPS)?\b`)
	p.sizeField = regexp.MustCompile(` size=(-?\d+)`)
	// Offsets have four hex digits or more: past 64 KiB, five.
	p.hexLine = regexp.MustCompile(`^\t0x[0-9a-f]{4,} ((?:[0-9a-f]{2} )+)`)
	p.instLine = regexp.MustCompile(`^\t0x([0-9a-f]{4,}) \d{5,} \((.*):(\d+)\)\t(.*)$`)
	p.relLine = regexp.MustCompile(`^\trel (\d+)\+(\d+) t=(\S+) (\S*)\+(-?\d+)`)
	return p
})

// elfReloc maps a Go relocation to its ELF form per the object conventions.
// ok is false for marker relocations that patch no bytes. code is the
// symbol's bytes, which say which GOT relocation a GOT load takes.
func elfReloc(off, size int, typ, sym string, add int64, code []byte) (Reloc, bool) {
	switch typ {
	case "R_GOTPCREL":
		typ, add = abi.GOTLoadReloc(code[:min(off, len(code))]).String(), add-int64(size)
	case "R_TLS_IE":
		// -shared's load of g's offset from the thread pointer.
		typ, sym = "R_X86_64_GOTTPOFF", abi.TLSG
	case "R_PCREL":
		typ, add = "R_X86_64_PC32", add-int64(size)
	case "R_CALL":
		typ, add = "R_X86_64_PLT32", add-int64(size)
	case "R_TLS_LE":
		typ, sym = "R_X86_64_TPOFF32", abi.TLSG
	case "R_ADDR":
		typ = "R_X86_64_64"
		if size == 4 {
			typ = "R_X86_64_32S"
		}
	}
	if size == 0 {
		return Reloc{}, false
	}
	return Reloc{Off: off, Size: size, Type: typ, Sym: sym, Addend: add}, true
}

// skipSymbol reports symbols go tool asm derives that p9 objects do not
// carry: stack maps built from FUNCDATA.
func skipSymbol(name string) bool {
	return strings.HasPrefix(name, "gclocals·")
}

// Parse reads go tool asm -S output and returns its symbols in order.
func Parse(r io.Reader) ([]*Symbol, error) {
	var syms []*Symbol
	var cur *Symbol
	pat := listingPatterns()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := pat.symHeader.FindStringSubmatch(line); m != nil {
			cur = nil
			if skipSymbol(m[1]) {
				continue
			}
			cur = &Symbol{Name: m[1], Kind: m[2]}
			if sm := pat.sizeField.FindStringSubmatch(line); sm != nil {
				cur.Size, _ = strconv.Atoi(sm[1])
			}
			syms = append(syms, cur)
			continue
		}
		if cur == nil {
			continue
		}
		if m := pat.instLine.FindStringSubmatch(line); m != nil {
			off, _ := strconv.ParseInt(m[1], 16, 64)
			ln, _ := strconv.Atoi(m[3])
			cur.Insts = append(cur.Insts, Inst{Off: int(off), Pos: m[2] + ":" + m[3], Line: ln, Text: m[4]})
			continue
		}
		if m := pat.hexLine.FindStringSubmatch(line); m != nil {
			for _, h := range strings.Fields(m[1]) {
				b, _ := strconv.ParseUint(h, 16, 8)
				cur.Bytes = append(cur.Bytes, byte(b))
			}
			continue
		}
		if m := pat.relLine.FindStringSubmatch(line); m != nil {
			off, _ := strconv.Atoi(m[1])
			size, _ := strconv.Atoi(m[2])
			add, _ := strconv.ParseInt(m[5], 10, 64)
			if r, ok := elfReloc(off, size, m[3], m[4], add, cur.Bytes); ok {
				cur.Relocs = append(cur.Relocs, r)
			}
		}
	}
	for _, s := range syms {
		switch {
		case s.BSS():
			s.Bytes = nil
		case s.Kind != "TEXT" && len(s.Bytes) < s.Size:
			// Go prints data up to the last byte written; the rest is zero.
			s.Bytes = append(s.Bytes, make([]byte, s.Size-len(s.Bytes))...)
		case s.Kind != "TEXT":
			// DATA before the GLOBL may write past the size.
			s.Bytes = trimData(s.Bytes, s)
		default: // TEXT
			s.Size = len(s.Bytes)
			s.Insts = keepCode(s.Insts)
		}
	}
	return syms, sc.Err()
}

// keepCode drops the listing entries that emit no bytes: TEXT, FUNCDATA,
// PCDATA and NOP.
func keepCode(insts []Inst) []Inst {
	return slices.DeleteFunc(insts, func(in Inst) bool {
		op, _, _ := strings.Cut(in.Text, "\t")
		return slices.Contains([]string{"TEXT", "FUNCDATA", "PCDATA", "NOP"}, op)
	})
}
