package main

import (
	"cmp"
	"debug/elf"
	"fmt"
	"os"
	"slices"
	"strings"
)

// helloComponents breaks hello's executable down: the bytes of each
// section kind, and the runtime's code by source file, each file's code
// lying between its runtime·<x>Text and runtime·<x>Etext markers (see
// runtime-src/textranges_amd64.s). The function table (p9_functab's
// records, p9_funcdata's names and PC tables) is listed whole.
func helloComponents(path string) (string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary>hello's %d bytes by component</summary>\n\n", st.Size())
	b.WriteString("| component | bytes |\n| --- | ---: |\n")
	var debug, symbols, text uint64
	headers := 64 + uint64(len(f.Progs))*56 + uint64(len(f.Sections))*64
	for _, s := range f.Sections {
		switch {
		case s.Type == elf.SHT_NULL:
		case strings.HasPrefix(s.Name, ".debug_"):
			debug += s.FileSize
		case s.Type == elf.SHT_SYMTAB || s.Name == ".strtab" || s.Name == ".shstrtab":
			symbols += s.FileSize
		case s.Flags&elf.SHF_ALLOC != 0:
			what := s.Name
			if s.Name == ".text" {
				text = s.Size
			}
			if s.Type == elf.SHT_NOBITS {
				what += " (in memory, not in the file)"
			}
			fmt.Fprintf(&b, "| %s | %d |\n", what, s.Size)
		}
	}
	fmt.Fprintf(&b, "| debug information (DWARF, compressed) | %d |\n", debug)
	fmt.Fprintf(&b, "| symbol and string tables | %d |\n", symbols)
	fmt.Fprintf(&b, "| ELF, program and section headers | %d |\n", headers)
	b.WriteString("\n| runtime file | code bytes |\n| --- | ---: |\n")
	files, err := codeByFile(f)
	if err != nil {
		return "", err
	}
	var marked uint64
	for _, c := range files {
		fmt.Fprintf(&b, "| %s | %d |\n", c.name, c.size)
		marked += c.size
	}
	if text > marked {
		fmt.Fprintf(&b, "| outside the files' markers (the program, start-up, padding) | %d |\n", text-marked)
	}
	b.WriteString("\n</details>")
	return b.String(), nil
}

type fileCode struct {
	name string
	size uint64
}

// codeByFile sums the code between each runtime·<x>Text and
// runtime·<x>Etext marker pair, largest first.
func codeByFile(f *elf.File) ([]fileCode, error) {
	syms, err := f.Symbols()
	if err != nil {
		return nil, err
	}
	start, end := map[string]uint64{}, map[string]uint64{}
	for _, s := range syms {
		name, ok := strings.CutPrefix(s.Name, "runtime.")
		if !ok || elf.ST_TYPE(s.Info) != elf.STT_FUNC {
			continue
		}
		if x, ok := strings.CutSuffix(name, "Etext"); ok {
			end[x] = s.Value
		} else if x, ok := strings.CutSuffix(name, "Text"); ok {
			start[x] = s.Value
		}
	}
	var out []fileCode
	for x, lo := range start {
		if hi, ok := end[x]; ok && hi > lo {
			out = append(out, fileCode{x, hi - lo})
		}
	}
	slices.SortFunc(out, func(a, b fileCode) int {
		return cmp.Or(cmp.Compare(b.size, a.size), strings.Compare(a.name, b.name))
	})
	return out, nil
}
