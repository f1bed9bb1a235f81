package main

import (
	"os"

	"github.com/p9tools/p9/internal/asmvet"
	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/parser"
)

// vetFiles (here, not in package driver, so that only p9as links go/types)
// parses files and checks their functions as go vet's asmdecl pass
// does (see package asmvet), against the Go declarations in goPaths (.go
// files or package directories) when there are any, as the package
// cfg.Pkg. Nothing is encoded. It returns the findings, file by file in
// line order, or the files' parse errors, or an error reading goPaths.
func vetFiles(files []string, goPaths []string, cfg driver.AsmConfig) ([]asmvet.Finding, parser.ErrorList, error) {
	vc := asmvet.Config{Pkg: cfg.Pkg}
	if len(goPaths) > 0 {
		decls, err := asmvet.LoadDecls(cfg.Pkg, goPaths)
		if err != nil {
			return nil, nil, err
		}
		vc.Decls = decls
	}
	pc := cfg.ParserConfig()
	var found []asmvet.Finding
	var errs parser.ErrorList
	for _, f := range files {
		src, err := os.ReadFile(f) // p9as reads no embedded files
		if err != nil {
			errs = append(errs, &parser.Error{Pos: parser.Pos{File: f}, Msg: "cannot read file: " + err.Error()})
			continue
		}
		stmts, ferrs := parser.Parse(f, src, pc)
		errs = append(errs, ferrs...)
		found = append(found, asmvet.CheckFile(f, src, stmts, vc)...)
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	return found, nil, nil
}
