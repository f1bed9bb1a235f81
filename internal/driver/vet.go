package driver

import (
	"github.com/p9tools/p9/internal/asmvet"
	"github.com/p9tools/p9/parser"
)

// Vet parses files and checks their functions as go vet's asmdecl pass
// does (see package asmvet), against the Go declarations in goPaths (.go
// files or package directories) when there are any, as the package
// cfg.Pkg. Nothing is encoded. It returns the findings, file by file in
// line order, or the files' parse errors, or an error reading goPaths.
func Vet(files []string, goPaths []string, cfg AsmConfig) ([]asmvet.Finding, parser.ErrorList, error) {
	vc := asmvet.Config{Pkg: cfg.Pkg}
	if len(goPaths) > 0 {
		decls, err := asmvet.LoadDecls(cfg.Pkg, goPaths)
		if err != nil {
			return nil, nil, err
		}
		vc.Decls = decls
	}
	pc := cfg.parserConfig()
	var found []asmvet.Finding
	var errs parser.ErrorList
	for _, f := range files {
		stmts, ferrs := parser.ParseFile(f, pc)
		errs = append(errs, ferrs...)
		found = append(found, asmvet.CheckFile(f, stmts, vc)...)
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	return found, nil, nil
}
