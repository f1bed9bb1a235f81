// Package driver runs the pipeline the commands offer: source files through
// the parser and encoder into objects, and objects through the linker into
// an executable. The commands keep only flags, messages and exit codes.
package driver

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/p9tools/p9"
	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/link"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// RuntimeDir is the directory name under which p9ld sees the runtime it
// carries: "runtime-src/textflag.h" and the rest resolve to the embedded
// copy, so user programs can include the runtime's headers from anywhere.
const RuntimeDir = "runtime-src"

// AsmConfig is what p9as's flags set.
type AsmConfig struct {
	Pkg         string   // -p: the package ·name belongs to
	IncludeDirs []string // -I, searched after the including file's directory
	Defines     []string // -D name[=value]
	TrimPath    string   // -trimpath: Go's rewrites of recorded file names
	Listing     bool     // -S: keep the listing in the result
	// Dynlink, Shared and Retpoline are -dynlink, -shared and
	// -spectre=ret (see encoder.Options).
	Dynlink, Shared, Retpoline bool
	// MayMoreStack is -d maymorestack=fn (see encoder.Options).
	MayMoreStack string
	// Debug, if not nil, receives each statement as it is parsed (-debug).
	Debug io.Writer
	// Embedded makes RuntimeDir resolve to the runtime carried in the
	// binary, and adds it to the include path.
	Embedded bool
	// Warn, if not nil, receives the warnings about each file, after
	// its statements and before the next file's, in source order.
	Warn func(*parser.Error)
	// CarriedHeaders supplies Go's standard headers (textflag.h,
	// funcdata.h) from the copies in the binary when an #include of one
	// is found nowhere on the path, as if GOROOT/pkg/include were there;
	// Note, if not nil, is told each time.
	CarriedHeaders bool
	Note           func(msg string)
}

// GoFlags are the go tool asm flags that give the code generation cfg
// asks for, for running Go's assembler alongside.
func (c AsmConfig) GoFlags() []string {
	var flags []string
	if c.Dynlink {
		flags = append(flags, "-dynlink")
	}
	if c.Shared {
		flags = append(flags, "-shared")
	}
	if c.Retpoline {
		flags = append(flags, "-spectre=ret")
	}
	if c.MayMoreStack != "" {
		flags = append(flags, "-d=maymorestack="+c.MayMoreStack)
	}
	return flags
}

// carriedHeaders are the headers Go's toolchain has in GOROOT/pkg/include
// that assembly for Go includes, carried with the same values.
var carriedHeaders = []string{"textflag.h", "funcdata.h"}

// ParserConfig is the parser's configuration for cfg: include path,
// definitions, the carried headers and the embedded runtime.
func (c AsmConfig) ParserConfig() parser.Config {
	pc := parser.Config{IncludeDirs: c.IncludeDirs, Defines: c.Defines, IsInstruction: encoder.IsInstruction}
	if c.Embedded {
		pc.IncludeDirs = append(append([]string(nil), c.IncludeDirs...), RuntimeDir)
		pc.ReadFile = readWithRuntime
	}
	if c.CarriedHeaders {
		pc.Fallback = func(name string) (string, []byte, bool) {
			if !slices.Contains(carriedHeaders, name) {
				return "", nil, false
			}
			carried := RuntimeDir + "/" + name
			data, err := fs.ReadFile(p9.RuntimeFS, carried)
			if err != nil {
				return "", nil, false
			}
			if c.Note != nil {
				c.Note(fmt.Sprintf("#include %q: not on the include path; using the copy p9as carries (%s)", name, carried))
			}
			return carried, data, true
		}
	}
	return pc
}

// readWithRuntime reads RuntimeDir/... from the embedded runtime and any
// other path from the file system.
func readWithRuntime(name string) ([]byte, error) {
	slashed := filepath.ToSlash(filepath.Clean(name))
	if strings.HasPrefix(slashed, RuntimeDir+"/") {
		if data, err := fs.ReadFile(p9.RuntimeFS, slashed); err == nil {
			return data, nil
		}
	}
	return os.ReadFile(name)
}

// Assemble parses and encodes files into one object, as go tool asm does
// when it is given several files. The first file is parsed and encoded a
// part at a time, so that its statements are never held whole; the others
// are parsed meanwhile, in parallel, then encoded in the order given.
func Assemble(files []string, cfg AsmConfig) (*encoder.Result, parser.ErrorList) {
	pc := cfg.ParserConfig()
	in := &feed{cfg: cfg, order: fileOrder{}, given: map[string]string{}}
	source := ""
	if len(files) > 0 {
		source = in.trim(files[0])
	}
	in.asm = encoder.NewAssembler(source, encoder.Options{Pkg: cfg.Pkg, NoListing: !cfg.Listing, Consume: true,
		Dynlink: cfg.Dynlink, Shared: cfg.Shared || cfg.Dynlink, Retpoline: cfg.Retpoline, MayMoreStack: cfg.MayMoreStack})
	type parsedFile struct {
		stmts       []parser.Stmt
		errs, warns parser.ErrorList
	}
	// warnTo is the parser's configuration with its warnings given to
	// warn, if the caller asked for them.
	warnTo := func(warn func(*parser.Error)) parser.Config {
		pc := pc
		if cfg.Warn != nil {
			pc.Warn = func(pos parser.Pos, msg string) { warn(&parser.Error{Pos: pos, Msg: msg}) }
		}
		return pc
	}
	later := make([]parsedFile, len(files))
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))
	for i := 1; i < len(files); i++ {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			keep := func(w *parser.Error) { later[i].warns = append(later[i].warns, w) }
			later[i].stmts, later[i].errs = parser.ParseFile(files[i], warnTo(keep))
		})
	}
	var errs parser.ErrorList
	if len(files) > 0 {
		errs = in.parseErrors(parser.ParseFileParts(files[0], warnTo(cfg.Warn), in.add))
	}
	wg.Wait()
	for i := 1; i < len(files); i++ {
		for _, w := range later[i].warns {
			cfg.Warn(w)
		}
		in.add(later[i].stmts)
		later[i].stmts = nil
		errs = append(errs, in.parseErrors(later[i].errs)...)
	}
	res, encErrs := in.asm.Finish()
	// -trimpath rewrites only what the object records: errors name the
	// files as the user did.
	for _, e := range encErrs {
		if name, ok := in.given[e.Pos.File]; ok {
			e.Pos.File = name
		}
	}
	if len(errs) == 0 {
		return res, encErrs
	}
	// The statements that parsed were encoded too, so one run reports
	// every error in the file; list them in source order.
	return nil, mergeErrors(errs, encErrs, in.order)
}

// feed hands parsed statements to the encoder, doing on the way what the
// flags ask of each: -debug's printing and -trimpath's rewriting.
type feed struct {
	cfg   AsmConfig
	asm   *encoder.Assembler
	order fileOrder
	// skipping: the statements are a function whose TEXT did not parse.
	skipping bool
	// trimmedFrom is the last file name -trimpath rewrote and trimmedTo
	// what it became; given maps each name rewritten back to the name as
	// given.
	trimmedFrom, trimmedTo string
	given                  map[string]string
}

// trim rewrites a file name as -trimpath asks.
func (in *feed) trim(name string) string {
	if in.cfg.TrimPath == "" {
		return name
	}
	if name != in.trimmedFrom { // statements of one file come together
		in.trimmedFrom, in.trimmedTo = name, trimPath(name, in.cfg.TrimPath)
		if in.trimmedTo != name {
			in.given[in.trimmedTo] = name
		}
	}
	return in.trimmedTo
}

// add encodes stmts, the statements that follow those added before.
func (in *feed) add(stmts []parser.Stmt) {
	last := ""
	for j := range stmts {
		st := &stmts[j]
		if in.cfg.Debug != nil {
			// -debug: "line (file:line)\tstatement"
			fmt.Fprintf(in.cfg.Debug, "%d (%s)\t%s\n", st.Pos.Line, st.Pos, st)
		}
		st.Pos.File = in.trim(st.Pos.File)
		if st.Pos.File != last {
			in.order.see(st.Pos.File)
			last = st.Pos.File
		}
	}
	in.asm.Add(in.dropBrokenFunctions(stmts))
}

// parseErrors notes the files of a file's parse errors and returns them.
func (in *feed) parseErrors(errs parser.ErrorList) parser.ErrorList {
	for _, e := range errs {
		in.order.see(e.Pos.File)
	}
	return errs
}

// dropBrokenFunctions removes the functions whose TEXT line did not parse:
// their statements cannot be encoded meaningfully, and trying would only
// repeat the first error as "outside of a TEXT symbol" on every line. A
// function may go on in the next statements added.
func (in *feed) dropBrokenFunctions(stmts []parser.Stmt) []parser.Stmt {
	bad := in.skipping
	for i := 0; i < len(stmts) && !bad; i++ {
		bad = stmts[i].Bad && stmts[i].Op == "TEXT"
	}
	if !bad {
		return stmts
	}
	out := make([]parser.Stmt, 0, len(stmts))
	for _, st := range stmts {
		if st.Op == "TEXT" {
			in.skipping = st.Bad
		}
		if !in.skipping {
			out = append(out, st)
		}
	}
	return out
}

// fileOrder numbers the files statements and errors come from in the
// order they are first seen, which is the order errors are listed in.
type fileOrder map[string]int

func (o fileOrder) see(file string) {
	if _, ok := o[file]; !ok {
		o[file] = len(o)
	}
}

// mergeErrors combines two lists, each in source order, into one: by line
// within a file, files in order (those order lacks after the others, in
// the order they first appear).
func mergeErrors(a, b parser.ErrorList, order fileOrder) parser.ErrorList {
	all := append(append(parser.ErrorList(nil), a...), b...)
	for _, e := range all {
		order.see(e.Pos.File)
	}
	slices.SortStableFunc(all, func(a, b *parser.Error) int {
		return cmp.Or(cmp.Compare(order[a.Pos.File], order[b.Pos.File]), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	return all
}

// trimPath rewrites a file name recorded in the object as Go's -trimpath
// does: rewrites is a ;-separated list of rules, prefix or
// prefix=>replacement, matched in turn against the absolute name; the
// first that matches removes or replaces the prefix. A name no rule
// matches, absolute or as given, is kept as given.
func trimPath(name, rewrites string) string {
	abs := name
	if wd, err := workingDir(); err == nil && !filepath.IsAbs(name) {
		abs = filepath.Join(wd, name)
	}
	if r, ok := applyRewrites(abs, rewrites); ok {
		return r
	}
	r, _ := applyRewrites(name, rewrites)
	return r
}

var workingDir = sync.OnceValues(os.Getwd)

// applyRewrites applies the first rule of rewrites that matches name, as
// Go's objabi.ApplyRewrites does.
func applyRewrites(name, rewrites string) (string, bool) {
	for _, rule := range strings.Split(rewrites, ";") {
		prefix, replace := rule, ""
		if i := strings.LastIndex(rule, "=>"); i >= 0 {
			prefix, replace = rule[:i], rule[i+len("=>"):]
		}
		if prefix == "" || !hasPathPrefix(name, prefix) {
			continue
		}
		switch {
		case len(name) == len(prefix):
			return replace, true
		case replace == "":
			return name[len(prefix)+1:], true
		}
		return replace + name[len(prefix):], true
	}
	return name, false
}

// hasPathPrefix reports whether prefix is a leading sequence of path
// elements of s, folding ASCII case and \ to / as Go's tools do.
func hasPathPrefix(s, prefix string) bool {
	if len(prefix) > len(s) {
		return false
	}
	fold := func(c byte) byte {
		switch {
		case 'A' <= c && c <= 'Z':
			return c + 'a' - 'A'
		case c == '\\':
			return '/'
		}
		return c
	}
	for i := 0; i < len(prefix); i++ {
		if fold(s[i]) != fold(prefix[i]) {
			return false
		}
	}
	return len(s) == len(prefix) || s[len(prefix)] == '/' || s[len(prefix)] == '\\'
}

// AssembleObject assembles files into ELF object bytes.
func AssembleObject(files []string, cfg AsmConfig) ([]byte, *encoder.Result, error) {
	res, errs := Assemble(files, cfg)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	data, err := obj.Write(res.Object)
	if err != nil {
		return nil, nil, err
	}
	return data, res, nil
}

// LinkConfig is what p9ld's flags set.
type LinkConfig struct {
	Entry       string           // -e; empty means the runtime's entry point
	Strip       bool             // -s
	NoRuntime   bool             // --no-runtime
	IncludeDirs []string         // -I, for .s inputs
	Defines     []string         // -D, for .s inputs
	NoGC        bool             // --no-gc: keep code and data nothing reaches
	Map         io.Writer        // --map: where the link map goes; nil for none
	Format      link.Format      // -H: a Linux executable or a PVH boot image
	Warn        func(msg string) // the linker's warnings; nil drops them
	BuildID     *link.BuildID    // --build-id: the note to write, or nil
	LibDirs     []string         // -L: where -l looks for libname.a
	Libs        []string         // -l: archives searched after the inputs, in order
	// RuntimeSrc, if set (--runtime-src), is a directory the runtime's
	// sources are written to and named in, so a debugger finds them.
	RuntimeSrc string
	// Preload, if set, is the carried runtime being loaded already
	// (PreloadRuntime); the link takes it if it loads that runtime so.
	Preload *link.Preload
}

// Link builds an executable from inputs: ELF objects, .s files (assembled
// as package main) and directories of .s files; unless NoRuntime is set,
// the runtime p9ld carries, assembled ahead of time for the format, is
// linked first.
func Link(inputs []string, cfg LinkConfig) ([]byte, error) {
	type job struct {
		name string // the file, an assembly source unless read
		read bool   // an object file or archive, read concurrently with the rest
		data []byte
	}
	var jobs []*job
	var rt []link.Input
	if !cfg.NoRuntime {
		var err error
		if cfg.RuntimeSrc != "" {
			rt, err = runtimeObjectsAt(cfg.Format, cfg.RuntimeSrc)
		} else {
			rt, err = runtimeObjects(cfg.Format)
		}
		if err != nil {
			return nil, err
		}
	}
	target := targetOf(cfg.Format)
	libs, err := findLibs(cfg.Libs, cfg.LibDirs)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", in, errors.Unwrap(err))
		}
		switch {
		case st.IsDir():
			files, err := dirSources(in, target.Name)
			if err != nil {
				return nil, err
			}
			for _, f := range files {
				jobs = append(jobs, &job{name: f})
			}
		case strings.HasSuffix(in, ".s"):
			jobs = append(jobs, &job{name: in})
		default:
			jobs = append(jobs, &job{name: in, read: true})
		}
	}
	for _, l := range libs {
		jobs = append(jobs, &job{name: l, read: true})
	}

	defines := append(slices.Clip(cfg.Defines), target.Defines...)

	// Read the objects and assemble the sources concurrently; report
	// errors in input order.
	errs := make([]error, len(jobs))
	done := make([]chan struct{}, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.NumCPU()))
	for i, j := range jobs {
		done[i] = make(chan struct{})
		wg.Go(func() {
			defer close(done[i])
			sem <- struct{}{}
			defer func() { <-sem }()
			if j.read {
				var err error
				if j.data, err = os.ReadFile(j.name); err != nil {
					errs[i] = fmt.Errorf("%s: %v", j.name, errors.Unwrap(err))
				} else if isGoObject(j.data) {
					errs[i] = fmt.Errorf("%s: a Go object file: p9ld links ELF objects; assemble with p9as", j.name)
				}
				return
			}
			acfg := AsmConfig{Pkg: "main", IncludeDirs: cfg.IncludeDirs, Defines: defines, Embedded: true}
			j.data, _, errs[i] = AssembleObject([]string{j.name}, acfg)
		})
	}
	lopts := link.Options{Entry: cfg.Entry, StripSymbols: cfg.Strip, NoGC: cfg.NoGC, Map: cfg.Map,
		Format: cfg.Format, Warn: cfg.Warn, BuildID: cfg.BuildID, Preload: cfg.Preload}
	// The runtime first, as it was assembled ahead of time.
	objs := append(make([]link.Input, 0, len(rt)+len(jobs)), rt...)
	if len(rt) > 0 && !slices.ContainsFunc(jobs, func(j *job) bool { return j.read }) {
		// Only sources, which assemble to objects, never archives: the
		// linker loads the runtime while they assemble, and each as it
		// is done. An assembler's errors are the link's.
		for i, j := range jobs {
			objs = append(objs, link.Input{Name: j.name, Wait: func() []byte {
				<-done[i]
				return j.data
			}})
		}
		exe, err := link.Link(objs, lopts)
		wg.Wait()
		if asmErr := errors.Join(errs...); asmErr != nil {
			return nil, asmErr
		}
		return exe, err
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var archives *link.ArchiveSet
	for _, j := range jobs {
		if link.IsArchive(j.data) {
			if archives == nil {
				archives = link.NewArchiveSet()
				for _, o := range objs {
					archives.Add(o.Data)
				}
			}
			a, err := link.ReadArchive(j.name, j.data)
			if err != nil {
				return nil, err
			}
			objs = append(objs, archives.Pull(a)...)
			continue
		}
		if archives != nil {
			archives.Add(j.data)
		}
		objs = append(objs, link.Input{Name: j.name, Data: j.data})
	}
	return link.Link(objs, lopts)
}
