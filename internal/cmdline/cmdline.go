// Package cmdline is what p9as and p9ld share on their command lines:
// usage errors, inputs followed by flags, and version reports.
package cmdline

import (
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/p9tools/p9/diag"
	"github.com/p9tools/p9/internal/atomicfile"
	"github.com/urfave/cli/v2"
)

// UsageError is a usage problem as both commands report it: one line on
// standard error with a hint, and exit status 2.
func UsageError(name, msg string) cli.ExitCoder {
	return cli.Exit(fmt.Sprintf("%s: %s (see %s --help)", name, msg, name), 2)
}

// Failed is what an action returns once it has reported its errors
// itself: exit status 1, and nothing more printed.
var Failed = cli.Exit("", 1)

// Run completes app with what both commands share, runs it on args and
// returns the exit status: output on stdout and stderr, no help command,
// usage errors on one line with a hint, the flags' names worked out once
// (NamesOnce), and an error printed on stderr with the exit status it
// carries, or 2.
func Run(app *cli.App, args []string, stdout, stderr io.Writer) int {
	app.Writer, app.ErrWriter = stdout, stderr
	app.HideHelpCommand = true
	app.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
		return UsageError(app.Name, err.Error())
	}
	app.ExitErrHandler = func(*cli.Context, error) {} // printed below
	app.Flags = NamesOnce(app.Flags)
	err := app.Run(args)
	if err == nil {
		return 0
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, app.Name+":", err)
	return 2
}

// Inputs returns the inputs left after the flags were parsed, or a usage
// error when there are none, or naming the first flag given after an
// input: like Go's tools, the flag parser stops at the first input, so
// "p9ld hello.s -o x" would read "-o" and "x" as files. raw is the
// command line with the program name; after "--" every argument is an
// input.
func Inputs(c *cli.Context, raw []string) ([]string, error) {
	name, raw, inputs := c.App.Name, raw[1:], c.Args().Slice()
	afterDashes := len(raw) > len(inputs) && raw[len(raw)-len(inputs)-1] == "--"
	for i := 0; i < len(inputs) && !afterDashes; i++ {
		a := inputs[i]
		if a == "--" {
			inputs = append(inputs[:i:i], inputs[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flag, _, _ := strings.Cut(a, "=")
			return nil, UsageError(name, "flag "+flag+" after the input files: flags go before the inputs")
		}
	}
	if len(inputs) == 0 {
		return nil, UsageError(name, "no input files")
	}
	return inputs, nil
}

// Report prints err as the command reports problems (diag.Print, every
// one with all) and returns Failed.
func Report(c *cli.Context, err error, all bool) error {
	diag.Print(c.App.ErrWriter, c.App.Name, err, all)
	return Failed
}

// WriteFile writes an output whole (atomicfile.Write), or returns the
// error to print, with exit status 1.
func WriteFile(c *cli.Context, path string, data []byte, perm os.FileMode) error {
	if err := atomicfile.Write(path, data, perm); err != nil {
		return cli.Exit(c.App.Name+": "+err.Error(), 1)
	}
	return nil
}

// Version is --version's answer: the command, the module version and the
// VCS revision it was built from, and the Go release that built it.
func Version(name string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return name + " (no build information)"
	}
	s := name + " " + info.Main.Version
	rev, when, modified := vcs(info)
	if rev == "" {
		s += ", revision unknown"
	} else {
		s += ", revision " + rev
		if when != "" {
			s += " (" + when + ")"
		}
		if modified {
			s += ", modified"
		}
	}
	return s + ", built with " + info.GoVersion
}

func vcs(info *debug.BuildInfo) (rev, when string, modified bool) {
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return
}

// ToolVersion is a -V flag answering as Go's tools do: "<name> version
// <version>", where name is the program's file name (asm, when the go
// command runs it in place of its assembler). The go command asks every
// tool for -V=full and takes a release's whole line as the tool's
// identity; a development build's line starts "devel" and ends with
// buildID=<id>, an ID of the executable's contents.
type ToolVersion struct {
	set, full bool
}

// Set records the flag; -V=full asks for the build ID.
func (v *ToolVersion) Set(s string) error {
	v.set = true
	v.full = v.full || s == "full"
	return nil
}

func (v *ToolVersion) String() string { return "" }

// IsBoolFlag lets -V stand alone, as in Go's flag package.
func (v *ToolVersion) IsBoolFlag() bool { return true }

// Requested says whether -V was given.
func (v *ToolVersion) Requested() bool { return v != nil && v.set }

// Print writes the version line for the program run as argv0.
func (v *ToolVersion) Print(w io.Writer, argv0 string) {
	name := filepath.Base(argv0)
	if i := strings.LastIndexByte(name, '\\'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, ".exe")
	version, devel := "", true
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
		devel = version == "" || version == "(devel)" || strings.HasSuffix(version, "+dirty")
		if devel {
			rev, _, modified := vcs(info)
			version = "devel"
			if rev != "" {
				version += " " + rev
				if modified {
					version += "+modified"
				}
			}
		}
	}
	if devel && v.full {
		version += " buildID=" + executableID()
	}
	fmt.Fprintf(w, "%s version %s\n", name, version)
}

// executableID is a hash of the running executable, which changes
// whenever the command is rebuilt differently. It only tells builds apart
// (the go command keys its cache on it), so FNV serves, and the commands
// do not carry the crypto packages, whose initialisation every run would
// pay for.
func executableID() string {
	if exe, err := os.Executable(); err == nil {
		if data, err := os.ReadFile(exe); err == nil {
			h := fnv.New128a()
			h.Write(data)
			return hex.EncodeToString(h.Sum(nil))
		}
	}
	return "unknown-" + runtime.Version()
}
