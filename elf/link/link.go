// Package link is p9ld's linker core: it links x86-64 ELF relocatable
// objects (from p9as, GNU as or gcc -c) into a static ELF executable.
//
// The passes, one file each: load (parse and check inputs; split p9as
// sections into one piece per symbol), resolve (bind every reference to
// one definition), inittab (the table of package init functions), gc
// (keep what the entry point reaches), reloc's scan (undefined symbols,
// GOT slots), stackcheck (NOSPLIT chains), layout (group input sections
// into output sections and segments, assign addresses; debug sections go
// after the segments), relocate (patch the image and the debug sections),
// write (headers, symbol table) and linkmap (the --map report).
package link

import (
	"fmt"
	"io"
	"strings"
)

// Input is one ELF relocatable object.
type Input struct {
	Name string // used in messages
	Data []byte
}

// Options controls a link.
type Options struct {
	Entry        string // entry symbol; "_rt0_amd64_linux" when empty
	StripSymbols bool   // omit .symtab, .strtab and debug information
	NoGC         bool   // keep code and data nothing reaches
	Format       Format // FormatLinux, or FormatPVH for a bootable image
	// Map, when set, receives the link map: segments, sections and every
	// symbol with its address, size and input.
	Map io.Writer
}

// DefaultEntry is the entry symbol used when Options.Entry is empty.
const DefaultEntry = "_rt0_amd64_linux"

// Error is one problem found while linking, tied to an input when Input
// is not empty.
type Error struct {
	Input string
	Msg   string
}

func (e *Error) Error() string {
	if e.Input == "" {
		return "p9ld: " + e.Msg
	}
	return "p9ld: " + e.Input + ": " + e.Msg
}

// ErrorList is every problem a link found, one per line.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find each *Error.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// linker holds the state the passes share.
type linker struct {
	opts    Options
	objs    []*object
	globals map[string]*symbol
	gorder  []*symbol // globals in order of first appearance
	errs    ErrorList

	outs   []*outSection
	debug  []*outSection // debug sections, in the order first seen
	segs   []*segment
	tls    tlsInfo
	got    *outSection
	gotMap map[gotKey]int
	gotEnt []gotKey
	base   uint64
	hdrLen uint64
	image  []byte

	initTable *symbol // runtime.inittasks when the linker built it
	note      noteInfo
}

func (l *linker) errorf(input, format string, args ...any) {
	l.errs = append(l.errs, &Error{Input: input, Msg: fmt.Sprintf(format, args...)})
}

// Link links inputs into a static x86-64 ELF executable and returns its
// bytes. On failure the error is an ErrorList.
func Link(inputs []Input, opts Options) ([]byte, error) {
	if opts.Entry == "" {
		opts.Entry = DefaultEntry
		if opts.Format == FormatPVH {
			opts.Entry = PVHEntry
		}
	}
	l := &linker{opts: opts, globals: make(map[string]*symbol), base: 0x400000}
	for _, in := range inputs {
		l.load(in)
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.resolve()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.buildInitTable()
	l.deadcode()
	l.scanRelocs()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.checkNosplit()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.layout()
	l.checkPVH()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.relocate()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	exe := l.write()
	if opts.Map != nil {
		if err := l.writeMap(opts.Map); err != nil {
			l.errorf("", "writing the link map: %v", err)
			return nil, l.errs
		}
	}
	return exe, nil
}
