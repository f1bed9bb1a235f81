// Command genlayout writes go_asm.h, the runtime's structure offsets, from
// the one description of the structures in layout.txt.
//
// layout.txt holds structures and constants:
//
//	# comment
//	const name value          → #define const_name value
//	string name "text"        → runtime·str_name, a NUL-terminated message in
//	                            strings_amd64.s, and #define str_name for it
//	struct name               → starts a structure
//		field size            → size 1, 2, 4 or 8 bytes, aligned to itself
//		field other           → an earlier structure, embedded
//		field [n]size         → an array of n elements
//
// For each field it writes #define struct_field offset, and struct__size.
//
// Usage: genlayout [-in layout.txt] [-out go_asm.h] [-strings strings_amd64.s]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/p9tools/p9/runtime-src/internal/layout"
)

func main() {
	in := flag.String("in", "layout.txt", "the structure description")
	out := flag.String("out", "go_asm.h", "the header to write")
	strs := flag.String("strings", "", "the assembly file of messages to write (none if empty)")
	flag.Parse()
	if err := generate(*in, *out, *strs); err != nil {
		fmt.Fprintln(os.Stderr, "genlayout:", err)
		os.Exit(1)
	}
}

func generate(in, out, strs string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	hdr, err := layout.Header(in, src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, hdr, 0o644); err != nil || strs == "" {
		return err
	}
	asm, err := layout.StringsAsm(in, src)
	if err != nil {
		return err
	}
	return os.WriteFile(strs, asm, 0o644)
}
