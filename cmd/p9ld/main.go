// Command p9ld links ELF objects and Plan 9 assembly files, with the runtime
// p9 carries, into a static linux/amd64 executable.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/p9tools/p9/diag"
	"github.com/p9tools/p9/internal/cmdline"
	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/link"
	"github.com/urfave/cli/v2"
)

func main() {
	// A run lasts milliseconds and most of what it allocates lives to the
	// end: collect only when the heap nears memoryLimit.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(memoryLimit)
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// defaultBuildID gives a bare --build-id GNU ld's default style, so the
// flag parser, which wants a value, does not take the next argument.
func defaultBuildID(args []string) []string {
	out := append([]string(nil), args...)
	for i, a := range out {
		if a == "--build-id" || a == "-build-id" {
			out[i] = a + "=sha1"
		}
	}
	return out
}

// preloadRuntime starts loading the runtime p9ld carries while the
// command line is parsed, on the other cores, unless a glance at the
// arguments finds a flag that would make the link load it differently or
// not at all, or ask for no link: a link of a Linux executable with the
// carried runtime, with or without -s, takes the loaded objects; a wrong
// guess costs only the work (driver.PreloadRuntime).
func preloadRuntime(args []string) *link.Preload {
	strip := false
	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "s":
			strip = true
		case "no-runtime", "runtime-src", "H", "version", "help", "h":
			return nil
		}
	}
	return driver.PreloadRuntime(link.FormatLinux, strip)
}

// memoryLimit is the heap size at which the collector starts running.
const memoryLimit = 512 << 20

func run(args []string, stdout, stderr io.Writer) int {
	args = defaultBuildID(args)
	preload := preloadRuntime(args[1:])
	app := &cli.App{
		Name:  "p9ld",
		Usage: "link objects and Plan 9 assembly into a static linux/amd64 executable",
		UsageText: "p9ld [-o out] [-H linux|pvh] [-E entry] [-s] [-e] [--no-gc] [--map file] [--no-runtime] [--runtime-src dir] [--build-id[=style]] [-L dir]... [-l name]... [-I dir]... [-D name[=value]]... inputs...\n" +
			"p9ld [--version]",
		Description: "Inputs are ELF objects (.o), ar archives of them (.a: the members that define symbols still\n" +
			"undefined where the archive appears are linked, as GNU ld does), Plan 9 assembly files (.s, assembled as package main)\n" +
			"and directories of .s files (those go build would assemble for linux/amd64, or pvh/amd64\n" +
			"with -H pvh: file name suffixes and //go:build lines decide). The runtime p9 carries, assembled ahead of time, is\n" +
			"linked first unless --no-runtime is given; its headers (textflag.h, go_tls.h,\n" +
			"go_asm.h) are on the include path of every .s input.\n" +
			"Errors print as file:line: message (or p9ld: input: message); the exit status is 1\n" +
			"if there are any. The flags are spelled as Go's linker spells them.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "o", Value: "a.out", Usage: "write the executable to `file`"},
			&cli.StringFlag{Name: "H", Value: "linux", Usage: "the output `format`: linux (an executable) or pvh (an image a machine boots through its PVH entry)"},
			&cli.StringFlag{Name: "E", Aliases: []string{"entry"}, Usage: "start execution at `symbol` (default _rt0_amd64_linux; _rt0_amd64_pvh with -H pvh)"},
			&cli.BoolFlag{Name: "e", Usage: "report every error, not only the first " + fmt.Sprint(diag.PrintLimit)},
			&cli.BoolFlag{Name: "s", Usage: "omit the symbol table and debug information"},
			&cli.BoolFlag{Name: "no-runtime", Usage: "do not link the bundled runtime"},
			&cli.StringFlag{Name: "runtime-src", Usage: "write the runtime's sources under `dir` and name them there in the debug information and tracebacks, so a debugger shows the runtime's lines (the runtime is then assembled during the link)"},
			&cli.BoolFlag{Name: "no-gc", Usage: "keep functions and data that nothing reachable from the entry point refers to"},
			&cli.StringFlag{Name: "map", Usage: "write the link map (segments, sections, symbols and their inputs) to `file`"},
			&cli.StringFlag{Name: "build-id", Usage: "write a .note.gnu.build-id, as GNU ld: `style` sha1 (the default for a bare --build-id) or md5, a hash of the output; uuid, random; 0xHEX, those bytes; none, no note"},
			&cli.StringSliceFlag{Name: "L", Usage: "search `dir` for the archives -l names (repeatable, in order)"},
			&cli.StringSliceFlag{Name: "l", Usage: "link the archive lib`name`.a (found in the -L directories; -l:file names the file), searched after the inputs, as GNU ld searches an archive where it appears (repeatable)"},
			&cli.StringSliceFlag{Name: "I", Usage: "search `dir` for #include files of .s inputs (repeatable)"},
			&cli.StringSliceFlag{Name: "D", Usage: "predefine `name[=value]` for .s inputs (repeatable)"},
			&cli.BoolFlag{Name: "version", Usage: "print the module version and VCS revision p9ld was built from and exit"},
		},
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				fmt.Fprintln(stdout, cmdline.Version("p9ld"))
				return nil
			}
			inputs, err := cmdline.Inputs(c, args)
			if err != nil {
				return err
			}
			format, ok := map[string]link.Format{"linux": link.FormatLinux, "pvh": link.FormatPVH}[c.String("H")]
			if !ok {
				return cmdline.UsageError("p9ld", "-H "+c.String("H")+": unknown output format (linux or pvh)")
			}
			var buildID *link.BuildID
			if c.IsSet("build-id") {
				if buildID, err = link.ParseBuildID(c.String("build-id")); err != nil {
					return cmdline.UsageError("p9ld", err.Error())
				}
			}
			cfg := driver.LinkConfig{
				BuildID:     buildID,
				LibDirs:     c.StringSlice("L"),
				Libs:        c.StringSlice("l"),
				Format:      format,
				Entry:       c.String("E"),
				Strip:       c.Bool("s"),
				NoRuntime:   c.Bool("no-runtime"),
				IncludeDirs: c.StringSlice("I"),
				Defines:     c.StringSlice("D"),
				NoGC:        c.Bool("no-gc"),
				RuntimeSrc:  c.String("runtime-src"),
				Preload:     preload,
				Warn:        func(msg string) { fmt.Fprintln(stderr, "p9ld: warning:", msg) },
			}
			var linkMap bytes.Buffer
			if c.String("map") != "" {
				cfg.Map = &linkMap
			}
			exe, err := driver.Link(inputs, cfg)
			if err != nil {
				return cmdline.Report(c, err, c.Bool("e"))
			}
			if m := c.String("map"); m != "" {
				if err := cmdline.WriteFile(c, m, linkMap.Bytes(), 0o644); err != nil {
					return err
				}
			}
			return cmdline.WriteFile(c, c.String("o"), exe, 0o755)
		},
	}
	return cmdline.Run(app, args, stdout, stderr)
}
