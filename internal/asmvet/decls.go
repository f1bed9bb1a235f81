package asmvet

import (
	"fmt"
	"go/ast"
	"go/build"
	goparser "go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Decls are the Go declarations of a package's assembly functions: the
// functions declared without a body.
type Decls struct {
	// frames maps a function's name to its frame; a nil frame is a
	// function whose parameter types could not all be resolved (they come
	// from packages that are not loaded), which is known but not checked.
	frames map[string]*Frame
}

// declared reports whether name has a Go declaration, and its frame if
// its layout is known.
func (d *Decls) declared(name string) (*Frame, bool) {
	f, ok := d.frames[name]
	return f, ok
}

// buildContext selects a directory's Go files as go build does for
// linux/amd64, the only target p9 assembles for.
func buildContext() build.Context {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
	return ctx
}

// LoadDecls reads the Go declarations in paths, files or directories (a
// directory gives its non-test .go files built on linux/amd64), as the
// package pkgPath. Imports are not loaded: the types they provide are
// unknown, and a function whose frame depends on one is not checked.
func LoadDecls(pkgPath string, paths []string) (*Decls, error) {
	files, err := goFiles(paths)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var syntax []*ast.File
	for _, name := range files {
		f, err := goparser.ParseFile(fset, name, nil, goparser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		syntax = append(syntax, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		Importer:    emptyImporter{},
		Sizes:       sizes,
		FakeImportC: true,
		// Errors are expected (imported names are unresolved); the
		// declarations' own types are still computed.
		Error: func(error) {},
	}
	conf.Check(pkgPath, fset, syntax, info)
	return collect(syntax, info), nil
}

// collect finds the bodiless functions, in file order (a later
// declaration of a name wins, as a method and a function may share one).
func collect(syntax []*ast.File, info *types.Info) *Decls {
	d := &Decls{frames: map[string]*Frame{}}
	for _, f := range syntax {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body != nil {
				continue
			}
			d.frames[fd.Name.Name] = frameOf(info.Defs[fd.Name])
		}
	}
	return d
}

// frameOf lays out a declared function's frame, or returns nil when a
// parameter's size is unknown.
func frameOf(obj types.Object) *Frame {
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := 0; i < tuple.Len(); i++ {
			if !sizeKnown(tuple.At(i).Type()) {
				return nil
			}
		}
	}
	return newFrame(sig)
}

// goFiles expands directories into their Go files for linux/amd64.
func goFiles(paths []string) ([]string, error) {
	ctx := buildContext()
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			match, err := ctx.MatchFile(p, n)
			if err != nil {
				return nil, err
			}
			if match {
				names = append(names, filepath.Join(p, n))
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no Go files for linux/amd64", p)
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out, nil
}

// emptyImporter gives every import as an empty package, so that the
// declarations type-check without the packages they import.
type emptyImporter struct{}

func (emptyImporter) Import(path string) (*types.Package, error) {
	pkg := types.NewPackage(path, filepath.Base(path))
	pkg.MarkComplete()
	return pkg, nil
}
