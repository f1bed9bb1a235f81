package driver

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/p9tools/p9/parser"
)

// SymABIs returns what go tool asm -gensymabis writes for files: a line
// "def <name> <ABI>" for each TEXT symbol the files define and "ref
// <name> <ABI>" for every operand that may name a function, in source
// order (the format cmd/compile reads with -symabis). Like Go's, it looks
// at operands only as text: any sym[+n](SB) or $sym[+n](SB) not local to
// the file counts, whatever the instruction.
func SymABIs(files []string, cfg AsmConfig) ([]byte, error) {
	pc := cfg.ParserConfig()
	pc.IsInstruction = nil // Go reads no instruction here
	var b bytes.Buffer
	prefix := pathToPrefix(cfg.Pkg)
	abis := allowsABISelectors(cfg.Pkg)
	for _, f := range files {
		stmts, errs := parser.ParseFile(f, pc)
		if len(errs) > 0 {
			return nil, errs
		}
		for i := range stmts {
			writeSymABIs(&b, &stmts[i], prefix, abis)
		}
	}
	return b.Bytes(), nil
}

// writeSymABIs writes one statement's lines: TEXT defines its first
// operand; DATA and FUNCDATA refer only past their first.
func writeSymABIs(b *bytes.Buffer, st *parser.Stmt, prefix string, abis bool) {
	args := st.Args
	switch st.Op {
	case "TEXT":
		if len(args) > 0 {
			writeSymABI(b, "def", &args[0], prefix, abis)
		}
		return
	case "DATA", "FUNCDATA":
		if len(args) < 2 {
			return
		}
		args = args[1:]
	}
	for i := range args {
		writeSymABI(b, "ref", &args[i], prefix, abis)
	}
}

// writeSymABI writes kind's line for o if o has the shape Go takes for a
// function's address, [$]sym[<ABI>][+n](SB), with nothing else.
func writeSymABI(b *bytes.Buffer, kind string, o *parser.Operand, prefix string, abis bool) {
	if o.Kind != parser.KindMem && o.Kind != parser.KindAddr || o.Name != parser.NameExtern ||
		o.Reg != "" || o.Index != "" || o.ExprOffset || o.Width != 0 {
		return
	}
	abi := "ABI0"
	if abis && (o.ABI == "ABI0" || o.ABI == "ABIInternal") {
		abi = o.ABI
	}
	b.WriteString(kind + " " + symABIName(o.Sym, prefix) + " " + abi + "\n")
}

// symABIName spells a symbol as Go's lexer and parser do: '·' is '.',
// '∕' is '/', and a leading '.' takes the package prefix.
func symABIName(sym, prefix string) string {
	name := strings.NewReplacer("·", ".", "∕", "/").Replace(sym)
	if strings.HasPrefix(name, ".") {
		name = prefix + name
	}
	return name
}

// pathToPrefix is Go's objabi.PathToPrefix: the package path as symbol
// names carry it, with control characters, spaces, '%', '"', non-ASCII
// bytes and any '.' after the last '/' escaped as %xx.
func pathToPrefix(path string) string {
	slash := strings.LastIndexByte(path, '/')
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c <= ' ' || c == '.' && i > slash || c == '%' || c == '"' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// allowsABISelectors reports whether Go lets the package's assembly
// choose a function's ABI, sym<ABIInternal>(SB) (objabi's allowAsmABIPkgs);
// elsewhere every reference is to ABI0.
func allowsABISelectors(pkg string) bool {
	switch pkg {
	case "runtime", "reflect", "syscall", "internal/bytealg", "internal/chacha8rand",
		"internal/runtime/syscall/linux", "internal/runtime/syscall/windows", "internal/runtime/startlinetest":
		return true
	}
	return false
}
