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
	"strconv"
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

// LoadDecls reads the Go declarations in paths, files or directories, as
// the package pkgPath. A directory gives its .go files built on
// linux/amd64, with the package's own _test.go files (go vet checks a
// package with its tests, and assembly for tests is declared there).
// Imports are not loaded: the types they provide are unknown, and a
// function whose frame depends on one is not checked.
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
	syntax = samePackage(syntax)
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		Importer:    opaque(selectedNames(syntax)),
		Sizes:       sizes,
		FakeImportC: true,
		// Errors are expected (imported names are unresolved); the
		// declarations' own types are still computed.
		Error: func(error) {},
	}
	conf.Check(pkgPath, fset, syntax, info)
	return collect(syntax, info), nil
}

// samePackage drops the files of an external test package (package
// p_test), which go vet checks apart: the files left are those of the
// package the first file not named p_test declares.
func samePackage(syntax []*ast.File) []*ast.File {
	if len(syntax) == 0 {
		return syntax
	}
	name := syntax[0].Name.Name
	for _, f := range syntax {
		if !strings.HasSuffix(f.Name.Name, "_test") {
			name = f.Name.Name
			break
		}
	}
	out := syntax[:0]
	for _, f := range syntax {
		if f.Name.Name == name {
			out = append(out, f)
		}
	}
	return out
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

// goFiles expands directories into their Go files for linux/amd64,
// tests included.
func goFiles(paths []string) ([]string, error) {
	// A directory's files as go build selects them for linux/amd64, the
	// only target p9 assembles for.
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
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
			if e.IsDir() || !strings.HasSuffix(n, ".go") {
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
		out = append(out, names...) // in name order, as os.ReadDir gives them
	}
	return out, nil
}

// opaque is an importer that gives every import as a package of opaque
// types, one for each name the files select from it (pkg.Name): the
// packages are not loaded, so their types' sizes are unknown, but a
// pointer to one is a pointer, which keeps the frames of functions taking
// *pkg.T known. It maps an import path to the names selected.
type opaque map[string]map[string]bool

func (o opaque) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil // importers supply it, go/types does not
	}
	pkg := types.NewPackage(path, guessName(path))
	for name := range o[path] {
		tn := types.NewTypeName(token.NoPos, pkg, name, nil)
		types.NewNamed(tn, types.Typ[types.Invalid], nil)
		pkg.Scope().Insert(tn)
	}
	pkg.MarkComplete()
	return pkg, nil
}

// selectedNames maps each imported path to the exported names the files
// select from it.
func selectedNames(syntax []*ast.File) opaque {
	o := opaque{}
	for _, f := range syntax {
		local := map[string]string{} // the name a file gives an import → its path
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				continue
			}
			name := guessName(path)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			local[name] = path
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && local[x.Name] != "" && sel.Sel.IsExported() {
					path := local[x.Name]
					if o[path] == nil {
						o[path] = map[string]bool{}
					}
					o[path][sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	return o
}

// guessName is the name a package at path is likely to declare: its last
// element, before a major version element (math/rand/v2 is rand).
func guessName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	return name
}
