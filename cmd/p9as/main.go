// Command p9as assembles Plan 9 (Go-style) amd64 assembly into an ELF64
// relocatable object that p9ld, GNU ld and lld link.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/p9tools/p9/diag"
	"github.com/p9tools/p9/internal/cmdline"
	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/internal/goasm"
	"github.com/p9tools/p9/parser"
	"github.com/urfave/cli/v2"
)

func main() {
	// The collector runs, with a heap goal of 1.5x what is live (GOGC=50)
	// unless GOGC says otherwise: the encoder drops each statement's
	// operands and each function's instructions once encoded, so the heap
	// stays near what is live. Turning it off made the peak everything
	// ever allocated; 50 rather than 100 lowers the peak on multi-megabyte
	// files at no measurable CPU cost, and a small file never reaches the
	// first collection.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	toolVersion := new(cmdline.ToolVersion)
	app := &cli.App{
		Name:  "p9as",
		Usage: "assemble Plan 9 amd64 assembly into an ELF object",
		UsageText: "p9as [-o out.o] [-I dir]... [-D name[=value]]... [-p pkg] [-S] [-e] [-v] [-trimpath rewrites] [--requires]\n" +
			"     [-dynlink] [-shared] [-linkshared] [-spectre list] [-debug] [-d settings] [-compiling-runtime] file.s...\n" +
			"p9as -gensymabis [-o symabis] [-I dir]... [-D name[=value]]... [-p pkg] file.s...\n" +
			"p9as --vet [--vet-go file.go|dir]... [-I dir]... [-D name[=value]]... [-p pkg] file.s...\n" +
			"p9as --compare-go [-I dir]... [-D name[=value]]... [-p pkg] [-dynlink] [-shared] [-spectre list] file.s...\n" +
			"p9as [-V[=full]] [--version]",
		Description: "Assembles the files, as go tool asm does, into one ELF64 relocatable object;\n" +
			"several files are parsed in parallel and assembled in the order given.\n" +
			"Without -o, the object is foo.o in the current directory for a first file dir/foo.s.\n" +
			"Errors print as file:line: message; the exit status is 1 if there are any.\n" +
			"--compare-go prints each symbol that differs from go tool asm's (the source line, both encodings\n" +
			"and their disassembly) and exits 1 if any does, 0 if all are identical, 2 without a Go toolchain.\n" +
			"--vet checks the files as go vet's asmdecl pass does and writes no object: findings print on standard\n" +
			"error as file:line: [amd64] func: message, and the exit status is 1 if there are any.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "o", Usage: "write the object to `file`"},
			&cli.StringSliceFlag{Name: "I", Usage: "search `dir` for #include files (repeatable)"},
			&cli.StringSliceFlag{Name: "D", Usage: "predefine `name[=value]` (repeatable)"},
			&cli.StringFlag{Name: "p", Value: "main", Usage: "the `package` whose ·name symbols the file defines"},
			&cli.BoolFlag{Name: "S", Usage: "print the rewritten program (prologues, resolved offsets), bytes and relocations on standard output, laid out as go tool asm -S"},
			&cli.BoolFlag{Name: "e", Usage: "report every error, not only the first " + fmt.Sprint(diag.PrintLimit)},
			&cli.BoolFlag{Name: "v", Usage: "say when an #include of textflag.h or funcdata.h found nowhere on the path is served from the copy p9as carries"},
			&cli.StringFlag{Name: "trimpath", Usage: "rewrite file names recorded in the object, as Go's tools do: `rewrites` is a ;-separated list of prefix (removed) or prefix=>replacement, applied to absolute names"},
			&cli.BoolFlag{Name: "gensymabis", Usage: "write the symbol ABI file (def and ref lines, as go tool asm -gensymabis) to -o instead of assembling"},
			&cli.BoolFlag{Name: "dynlink", Usage: "support references to Go symbols defined in other shared libraries: globals through the GOT (R15 is clobbered), implies -shared"},
			&cli.BoolFlag{Name: "shared", Usage: "generate code that can be linked into a shared library: TLS by the initial-exec model (R_X86_64_GOTTPOFF)"},
			&cli.BoolFlag{Name: "linkshared", Usage: "generate code that will be linked against Go shared libraries (accepted; changes nothing on amd64, as in Go)"},
			&cli.StringFlag{Name: "spectre", Usage: "enable spectre mitigations in `list`: ret or all (indirect CALL and JMP through runtime·retpolineAX...R15), index (accepted, a compiler setting)"},
			&cli.BoolFlag{Name: "debug", Usage: "dump instructions as they are parsed"},
			&cli.StringSliceFlag{Name: "d", Usage: "enable debugging `settings` as go tool asm does (-d help lists them)"},
			&cli.BoolFlag{Name: "compiling-runtime", Usage: "accepted for asm lines of older go commands (Go 1.26 has no such flag); changes nothing"},
			&cli.BoolFlag{Name: "requires", Usage: "print the CPU features each function's instructions need (CPUID names, as avo's // Requires: comments), one line per function; with -S, as a comment under each function's header"},
			&cli.BoolFlag{Name: "compare-go", Usage: "compare with go tool asm -S given the same -p, -I, -D, -dynlink, -shared and -spectre, instead of writing an object; exit 1 on any difference"},
			&cli.BoolFlag{Name: "vet", Usage: "check (FP) names, offsets and sizes, results written before RET and argument sizes as go vet's asmdecl does, instead of writing an object; findings on standard error, exit 1 if any. Without --vet-go: offsets against $frame-args, one offset per name, and functions that split the stack without an argument size (p9's runtime copies exactly that many bytes)"},
			&cli.StringSliceFlag{Name: "vet-go", Usage: "with --vet, check against the Go declarations in `file.go` or a package directory (its .go files for linux/amd64) of package -p (repeatable; implies --vet)"},
			&cli.GenericFlag{Name: "V", Value: toolVersion, Usage: "print the version as Go's tools do and exit (-V=full: as the go command asks for it)"},
			&cli.BoolFlag{Name: "version", Usage: "print the module version and VCS revision p9as was built from and exit"},
		},
		Action: func(c *cli.Context) error {
			if toolVersion.Requested() {
				toolVersion.Print(stdout, args[0])
				return nil
			}
			if c.Bool("version") {
				fmt.Fprintln(stdout, cmdline.Version("p9as"))
				return nil
			}
			files, err := cmdline.Inputs(c, args)
			if err != nil {
				return err
			}
			out := c.String("o")
			if out == "" {
				out = strings.TrimSuffix(filepath.Base(files[0]), ".s") + ".o"
			}
			retpoline, err := spectre(c.String("spectre"))
			if err != nil {
				return err
			}
			mayMoreStack, done, err := debugSettings(stdout, c.StringSlice("d"))
			if done || err != nil {
				return err
			}
			cfg := driver.AsmConfig{
				MayMoreStack: mayMoreStack,
				Dynlink:      c.Bool("dynlink"),
				Shared:       c.Bool("shared"),
				Retpoline:    retpoline,
				Pkg:          c.String("p"),
				IncludeDirs:  c.StringSlice("I"),
				Defines:      c.StringSlice("D"),
				TrimPath:     c.String("trimpath"),
				Listing:      c.Bool("S"),
				// Go's standard headers, when -I does not name
				// GOROOT/pkg/include: the same values, carried.
				CarriedHeaders: true,
				Warn: func(e *parser.Error) {
					fmt.Fprintf(stderr, "%s: warning: %s\n", e.Pos, e.Msg)
				},
			}
			if c.Bool("v") {
				cfg.Note = func(msg string) { fmt.Fprintln(stderr, "p9as: "+msg) }
			}
			if c.Bool("debug") {
				cfg.Debug = stdout
			}
			switch {
			case c.Bool("vet") || len(c.StringSlice("vet-go")) > 0:
				return vet(c, files, c.StringSlice("vet-go"), cfg)
			case c.Bool("compare-go"):
				return compareGo(c, files, cfg)
			case c.Bool("gensymabis"):
				data, err := driver.SymABIs(files, cfg)
				if err != nil {
					return cmdline.Report(c, err, c.Bool("e"))
				}
				return cmdline.WriteFile(c, out, data, 0o644)
			}
			data, res, err := driver.AssembleObject(files, cfg)
			if err != nil {
				return cmdline.Report(c, err, c.Bool("e"))
			}
			if c.Bool("S") {
				res.ListRequires = c.Bool("requires")
				if err := res.WriteListing(stdout); err != nil {
					return cli.Exit("p9as: "+err.Error(), 1)
				}
			} else if c.Bool("requires") {
				for _, f := range res.Funcs {
					line := f.Name
					if len(f.Requires) > 0 {
						line += " // Requires: " + strings.Join(f.Requires, ", ")
					}
					fmt.Fprintln(stdout, line)
				}
			}
			return cmdline.WriteFile(c, out, data, 0o644)
		},
	}
	return cmdline.Run(app, args, stdout, stderr)
}

// compareGo assembles files with p9 and with go tool asm -S and prints
// every symbol that differs. Its exit status is 0 when identical, 1 on a
// difference or an error, 2 without a Go toolchain.
func compareGo(c *cli.Context, files []string, cfg driver.AsmConfig) error {
	if _, err := goasm.GoTool(); err != nil {
		return cli.Exit("p9as: "+err.Error(), 2)
	}
	cfg.Listing = true // the comparison shows instructions from the listing
	res, errs := driver.Assemble(files, cfg)
	if len(errs) > 0 {
		return cmdline.Report(c, errs, false)
	}
	flags := []string{"-p", cfg.Pkg}
	for _, d := range cfg.IncludeDirs {
		flags = append(flags, "-I", d)
	}
	// p9as serves textflag.h and funcdata.h itself when no -I has them
	// (cfg.CarriedHeaders): go tool asm gets them where go build points
	// it (if the go command cannot say where, go tool asm reports the
	// include).
	if inc, err := goasm.StdInclude(); err == nil {
		flags = append(flags, "-I", inc)
	}
	for _, d := range cfg.Defines {
		flags = append(flags, "-D", d)
	}
	flags = append(flags, cfg.GoFlags()...)
	want, err := goasm.AssembleFiles(files, flags)
	if err != nil {
		return cli.Exit("p9as: "+err.Error(), 1)
	}
	diffs, same := goasm.Compare(want, goasm.FromResult(res))
	stdout, name := c.App.Writer, strings.Join(files, " ")
	if len(diffs) > 0 {
		goasm.WriteDiffs(stdout, diffs)
		fmt.Fprintf(stdout, "%s: %d of %d symbols differ from go tool asm\n", name, len(diffs), len(want))
		return cmdline.Failed
	}
	fmt.Fprintf(stdout, "%s: identical to go tool asm (%d symbols)\n", name, same)
	return nil
}

// spectre reads -spectre as Go's assembler does: one setting, "ret" or
// "all" (retpolines), "index" (a compiler setting, accepted so that one
// list serves -gcflags and -asmflags) or none.
func spectre(v string) (retpoline bool, err error) {
	switch v {
	case "", "index":
		return false, nil
	case "ret", "all":
		return true, nil
	}
	return false, cli.Exit("p9as: unknown setting -spectre="+v, 2)
}

// debugHelp is -d help's answer: go tool asm's settings with their meaning.
const debugHelp = "usage: -d arg[,arg]* and arg is <key>[=<value>]\n\n<key> is one of:\n" +
	"compressinstructions\tuse compressed instructions when possible (if supported by architecture)\n" +
	"maymorestack\tcall named function before all stack growth checks\n" +
	"pctab\tprint named pc-value table\nOne of: pctospadj, pctofile, pctoline, pctoinline, pctopcdata\n"

// debugSettings checks -d name[=value],... as Go's assembler reads it.
// "help" lists the settings (done is then true). Of the settings only
// maymorestack changes what p9as writes on amd64: the function it names
// (returned) is called first in every stack-split prologue.
func debugSettings(w io.Writer, values []string) (mayMoreStack string, done bool, err error) {
	for _, v := range values {
		for _, kv := range strings.Split(v, ",") {
			name, val, _ := strings.Cut(kv, "=")
			switch name {
			case "help":
				fmt.Fprint(w, debugHelp)
				return "", true, nil
			case "compressinstructions", "pctab":
			case "maymorestack":
				mayMoreStack = val
			default:
				return "", false, cli.Exit(fmt.Sprintf("p9as: -d: unknown debug key %s", name), 2)
			}
		}
	}
	return mayMoreStack, false, nil
}
