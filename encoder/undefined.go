package encoder

import "github.com/p9tools/p9/parser"

// checkLocals reports each file-local symbol (name<>) the file refers to
// but never defines, at its first use: no other file can define it.
func (a *assembler) checkLocals(batches [][]parser.Stmt) {
	missing := map[string]bool{}
	for _, s := range a.obj.Symbols {
		if s.Local && !s.Defined {
			missing[s.Name] = true
		}
	}
	if len(missing) == 0 {
		return
	}
	for _, stmts := range batches {
		for i := range stmts {
			for _, o := range stmts[i].Args {
				if o.Name != parser.NameStatic {
					continue
				}
				if name := resolveName(o.Sym, a.opts.Pkg); missing[name] {
					a.errorf(stmts[i].Pos, "file-local symbol %s<> is used but not defined by a TEXT or GLOBL in this file", o.Sym)
					delete(missing, name)
				}
			}
		}
	}
	for name := range missing {
		// Referred to only through DATA contents, which have no
		// operand of their own: blame nothing but the name.
		a.errorf(parser.Pos{File: a.obj.Source, Line: 1}, "file-local symbol %s<> is used but not defined by a TEXT or GLOBL in this file", name)
	}
}
