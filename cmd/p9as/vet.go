package main

import (
	"fmt"
	"os"

	"github.com/p9tools/p9/internal/asmvet"
	"github.com/p9tools/p9/internal/cmdline"
	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/parser"
	"github.com/urfave/cli/v2"
)

// vet runs --vet (here, not in package driver, so that only p9as links
// go/types): it parses files and checks their functions as go vet's
// asmdecl pass does (see package asmvet), against the Go declarations in
// goPaths (.go files or package directories) when there are any, as the
// package cfg.Pkg. Nothing is encoded. Findings print on standard error,
// file by file in line order, and the exit status is 1 on findings or
// errors, as go vet's.
func vet(c *cli.Context, files, goPaths []string, cfg driver.AsmConfig) error {
	vc := asmvet.Config{Pkg: cfg.Pkg}
	if len(goPaths) > 0 {
		decls, err := asmvet.LoadDecls(cfg.Pkg, goPaths)
		if err != nil {
			return cli.Exit("p9as: "+err.Error(), 1)
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
		return cmdline.Report(c, errs, c.Bool("e"))
	}
	for _, f := range found {
		fmt.Fprintln(c.App.ErrWriter, f)
	}
	if len(found) > 0 {
		return cmdline.Failed
	}
	return nil
}
