// Package link is p9ld's linker core: it links x86-64 ELF relocatable
// objects (from p9as, GNU as or gcc -c) into a static ELF executable.
//
// The passes, one file each: load (parse and check inputs, reading them
// with readelf.go, and split p9as sections into one piece per symbol, all
// concurrently; then bind each input's globals to the shared symbols in
// input order), resolve (bind every reference to one definition), inittab
// (the table of package init functions), gc (keep what the entry point
// reaches), reloc's scan (undefined symbols, GOT slots), stackcheck
// (NOSPLIT chains, checked while the passes after it run), layout (group
// input sections into output sections and segments, assign addresses and
// file offsets, packing the segments in the file; debug sections go after
// the segments), relocate (patch the image and the debug sections), write
// (headers, symbol table; debug sections compressed with compress/zlib)
// and linkmap (the --map report).
package link

import (
	"fmt"
	"github.com/p9tools/p9/diag"
	"io"
)

// Input is one ELF relocatable object.
type Input struct {
	Name string // used in messages
	Data []byte
	// Wait, when Data is nil, returns the data: the linker calls it
	// once, when it comes to load the input, so that an input still
	// being made (a source being assembled) is waited for while the
	// inputs before it load.
	Wait func() []byte
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
	// Warn, when set, receives what is worth saying but does not stop the
	// link, one message a call, in a fixed order.
	Warn func(msg string)
	// BuildID, when set, adds a .note.gnu.build-id (ParseBuildID).
	BuildID *BuildID
	// Preload, when set, may hold the first inputs already loaded
	// (StartPreload).
	Preload *Preload
}

// DefaultEntry is the entry symbol used when Options.Entry is empty.
const DefaultEntry = "_rt0_amd64_linux"

// Error is one problem found while linking, tied to an input when Input
// is not empty (package diag's; the command names itself when it prints
// them).
type Error = diag.Error

// ErrorList is every problem a link found.
type ErrorList = diag.List

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

	initTable *symbol  // runtime.inittasks when the linker built it
	funcTab   *funcTab // the function table the linker writes, if any function has a record
	note      noteInfo
	buildID   *outSection // .note.gnu.build-id, when Options.BuildID asks for one
}

func (l *linker) errorf(input, format string, args ...any) {
	l.errs = append(l.errs, inputError(input, format, args...))
}

// inputError is a problem with an input, or with the link when input is "".
func inputError(input, format string, args ...any) *Error {
	return &Error{Input: input, Msg: fmt.Sprintf(format, args...)}
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
	l := &linker{opts: opts, base: 0x400000}
	l.loadAll(inputs)
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.resolve()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.buildInitTable()
	l.deadcode()
	l.buildFuncTab()
	l.scanRelocs()
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	// The NOSPLIT check only reads what the passes before it built: it
	// runs beside layout, relocation and writing, and its errors, if
	// any, are the link's.
	nosplit := make(chan ErrorList, 1)
	go func() { nosplit <- l.checkNosplit() }()
	exe := l.finish()
	if errs := <-nosplit; len(errs) > 0 {
		return nil, errs
	}
	if opts.Warn != nil {
		for _, w := range l.foreignCalls() {
			opts.Warn(w)
		}
		for _, w := range l.unsizedSplits() {
			opts.Warn(w)
		}
	}
	if exe == nil {
		return nil, l.errs
	}
	if opts.Map != nil {
		if err := l.writeMap(opts.Map); err != nil {
			l.errorf("", "writing the link map: %v", err)
			return nil, l.errs
		}
	}
	return exe, nil
}

// finish lays out, relocates and writes the executable; it returns nil
// after an error, which l.errs holds.
func (l *linker) finish() []byte {
	l.layout()
	l.fillFuncTab()
	l.checkPVH()
	if len(l.errs) > 0 {
		return nil
	}
	debug := l.relocate()
	if len(l.errs) > 0 {
		return nil
	}
	return l.write(debug)
}
