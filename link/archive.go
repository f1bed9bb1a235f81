package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Archive is a static library: an ar archive of ELF objects, GNU/SysV
// format ("!<arch>\n", names up to 15 bytes ending in "/", longer ones in
// the "//" member) or a thin archive ("!<thin>\n", whose members are files
// named relative to the archive), with its symbol table ("/") if it has
// one; without one, the members' own symbol tables serve.
type Archive struct {
	Name    string
	Members []Input
	// index lists, in the symbol table's order, each global symbol a
	// member defines and that member's position in Members.
	index []archiveSym
}

type archiveSym struct {
	name   string
	member int
}

// IsArchive reports whether data is an ar archive, ordinary or thin.
func IsArchive(data []byte) bool {
	return bytes.HasPrefix(data, []byte("!<arch>\n")) || bytes.HasPrefix(data, []byte("!<thin>\n"))
}

// ReadArchive reads an archive's members and symbol table.
func ReadArchive(name string, data []byte) (*Archive, error) {
	fail := func(format string, args ...any) (*Archive, error) {
		return nil, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...))
	}
	thin := bytes.HasPrefix(data, []byte("!<thin>\n"))
	if !IsArchive(data) {
		return fail("not an ar archive")
	}
	a := &Archive{Name: name}
	var symtab, longNames []byte
	var offsets []int // each member's header offset, in increasing order
	for off := 8; off < len(data); {
		if off+60 > len(data) {
			return fail("truncated member header at offset %d", off)
		}
		h := data[off : off+60]
		if h[58] != '`' || h[59] != '\n' {
			return fail("bad member header at offset %d", off)
		}
		size, err := strconv.ParseUint(strings.TrimSpace(string(h[48:58])), 10, 63)
		if err != nil {
			return fail("bad member size %q at offset %d", strings.TrimSpace(string(h[48:58])), off)
		}
		raw := strings.TrimRight(string(h[:16]), " ")
		body := off + 60
		stored := int(size) // bytes the member takes in the archive
		isSpecial := raw == "/" || raw == "//" || raw == "/SYM64/"
		if thin && !isSpecial {
			stored = 0 // a thin archive's members are files of their own
		}
		if uint64(body)+uint64(stored) > uint64(len(data)) {
			return fail("member at offset %d runs past the end of the archive", off)
		}
		switch {
		case raw == "/":
			symtab = data[body : body+stored]
		case raw == "/SYM64/":
			return fail("64-bit symbol tables (/SYM64/) are not supported")
		case raw == "//":
			longNames = data[body : body+stored]
		default:
			mname := raw
			if n, ok := strings.CutPrefix(raw, "/"); ok {
				i, err := strconv.Atoi(n)
				if err != nil || i < 0 || i >= len(longNames) {
					return fail("bad long member name %q", raw)
				}
				end := bytes.Index(longNames[i:], []byte("/\n"))
				if end < 0 {
					return fail("bad long member name %q", raw)
				}
				mname = string(longNames[i : i+end])
			} else {
				mname = strings.TrimSuffix(mname, "/")
			}
			var content []byte
			if thin {
				p := mname
				if !filepath.IsAbs(p) {
					p = filepath.Join(filepath.Dir(name), p)
				}
				if content, err = os.ReadFile(p); err != nil {
					return fail("member %s of a thin archive: %v", mname, err)
				}
			} else {
				content = data[body : body+stored]
			}
			offsets = append(offsets, off)
			a.Members = append(a.Members, Input{Name: fmt.Sprintf("%s(%s)", name, mname), Data: content})
		}
		off = body + stored + stored%2
	}
	if symtab != nil {
		if len(symtab) < 4 {
			return fail("truncated symbol table")
		}
		n := int(binary.BigEndian.Uint32(symtab))
		if n < 0 || 4+4*n > len(symtab) {
			return fail("symbol table of %d entries in %d bytes", n, len(symtab))
		}
		// The names are substrings of one string, not one string each.
		names := string(symtab[4+4*n:])
		a.index = make([]archiveSym, n)
		for i := range n {
			moff := int(binary.BigEndian.Uint32(symtab[4+4*i:]))
			end := strings.IndexByte(names, 0)
			if end < 0 {
				return fail("truncated symbol table")
			}
			m, ok := slices.BinarySearch(offsets, moff)
			if !ok {
				return fail("symbol table names a member at offset %d, where there is none", moff)
			}
			a.index[i] = archiveSym{names[:end], m}
			names = names[end+1:]
		}
		return a, nil
	}
	// No symbol table (ar without s, or ar S): the members' own.
	a.index = memberIndex(a.Members)
	return a, nil
}

// memberIndex lists the global symbols each member defines, member by
// member.
func memberIndex(members []Input) []archiveSym {
	var index []archiveSym
	for i, m := range members {
		for _, s := range globalSymbols(m.Data) {
			if s.defined {
				index = append(index, archiveSym{s.name, i})
			}
		}
	}
	return index
}

// globalSym is a global or weak symbol of an object: defined, or
// referred to (weakly or not).
type globalSym struct {
	name          string
	defined, weak bool
}

// globalSymbols lists an ELF object's global and weak symbols; nil for
// data that is not a readable ELF object (the link reports it).
func globalSymbols(data []byte) []globalSym {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	syms, err := f.Symbols()
	if err != nil {
		return nil
	}
	var out []globalSym
	for _, s := range syms {
		b := elf.ST_BIND(s.Info)
		if (b != elf.STB_GLOBAL && b != elf.STB_WEAK) || s.Name == "" {
			continue
		}
		out = append(out, globalSym{name: s.Name, defined: s.Section != elf.SHN_UNDEF, weak: b == elf.STB_WEAK})
	}
	return out
}

// ArchiveSet tracks the symbols the inputs so far define and leave
// undefined, so that an archive, where it appears among the inputs, gives
// the members that define them, as GNU ld does.
type ArchiveSet struct {
	defined, undefined map[string]bool
}

// NewArchiveSet returns an empty set.
func NewArchiveSet() *ArchiveSet {
	return &ArchiveSet{defined: map[string]bool{}, undefined: map[string]bool{}}
}

// Add records an object's symbols: its definitions resolve what was
// undefined; its strong references not yet defined are undefined (a weak
// reference does not pull a member, as in GNU ld).
func (s *ArchiveSet) Add(data []byte) {
	syms := globalSymbols(data)
	for _, g := range syms {
		if g.defined {
			s.defined[g.name] = true
			delete(s.undefined, g.name)
		}
	}
	for _, g := range syms {
		if !g.defined && !g.weak && !s.defined[g.name] {
			s.undefined[g.name] = true
		}
	}
}

// Pull returns the members of a that the link needs, in the order they
// are taken: passes over the archive's symbol table take each member that
// defines a symbol undefined so far, adding its own references, until a
// pass takes none. Symbols defined or referred to only by inputs after
// the archive do not reach back into it.
func (s *ArchiveSet) Pull(a *Archive) []Input {
	var out []Input
	taken := make([]bool, len(a.Members))
	for again := true; again; {
		again = false
		for _, e := range a.index {
			if taken[e.member] || !s.undefined[e.name] {
				continue
			}
			taken[e.member] = true
			again = true
			m := a.Members[e.member]
			s.Add(m.Data)
			out = append(out, m)
		}
	}
	return out
}

// WriteArchive encodes members as a GNU ar archive with a symbol table
// ("/", the global symbols each member defines), so that ar, nm and GNU
// ld read it as they read one ar and ranlib made. Member names are their
// base names; those longer than 15 bytes go in the "//" member. The
// fields ar fills from a file's metadata (date, owner, mode) are fixed, so
// the same members always give the same bytes.
func WriteArchive(members []Input) []byte {
	var longNames []byte
	names := make([]string, len(members))
	for i, m := range members {
		base := filepath.Base(m.Name)
		if len(base) < 16 {
			names[i] = base + "/"
			continue
		}
		names[i] = "/" + strconv.Itoa(len(longNames))
		longNames = append(append(longNames, base...), "/\n"...)
	}
	header := func(out []byte, name string, size int) []byte {
		return fmt.Appendf(out, "%-16s%-12d%-6d%-6d%-8o%-10d`\n", name, 0, 0, 0, 0o100644, size)
	}
	memberLen := func(n int) int { return 60 + n + n%2 }
	// The symbol table holds each symbol's member header offset, which
	// depends on the table's own size: size it first.
	syms := memberIndex(members)
	tabLen := 4
	for _, s := range syms {
		tabLen += 4 + len(s.name) + 1
	}
	off := 8 + memberLen(tabLen)
	if len(longNames) > 0 {
		off += memberLen(len(longNames))
	}
	offsets := make([]int, len(members))
	for i, m := range members {
		offsets[i] = off
		off += memberLen(len(m.Data))
	}
	out := []byte("!<arch>\n")
	out = header(out, "/", tabLen)
	out = binary.BigEndian.AppendUint32(out, uint32(len(syms)))
	for _, s := range syms {
		out = binary.BigEndian.AppendUint32(out, uint32(offsets[s.member]))
	}
	for _, s := range syms {
		out = append(append(out, s.name...), 0)
	}
	pad := func(out []byte) []byte {
		if len(out)%2 == 1 {
			return append(out, '\n')
		}
		return out
	}
	out = pad(out)
	if len(longNames) > 0 {
		out = pad(append(header(out, "//", len(longNames)), longNames...))
	}
	for i, m := range members {
		out = pad(append(header(out, names[i], len(m.Data)), m.Data...))
	}
	return out
}
