// Package cmdline is what p9as and p9ld share on their command lines:
// usage errors, inputs followed by flags, and version reports.
package cmdline

import (
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// UsageError is a usage problem as both commands report it: one line on
// standard error with a hint, and exit status 2.
func UsageError(name, msg string) cli.ExitCoder {
	return cli.Exit(fmt.Sprintf("%s: %s (see %s --help)", name, msg, name), 2)
}

// Inputs returns the inputs left after the flags were parsed, or a usage
// error naming the first flag given after an input: like Go's tools, the
// flag parser stops at the first input, so "p9ld hello.s -o x" would read
// "-o" and "x" as files. raw is the command line without the program
// name; after "--" every argument is an input.
func Inputs(name string, raw, rest []string) ([]string, error) {
	if n := len(raw) - len(rest); n > 0 && n <= len(raw) && raw[n-1] == "--" {
		return rest, nil
	}
	for i, a := range rest {
		if a == "--" {
			return append(rest[:i:i], rest[i+1:]...), nil
		}
		if len(a) > 1 && a[0] == '-' {
			flag, _, _ := strings.Cut(a, "=")
			return nil, UsageError(name, "flag "+flag+" after the input files: flags go before the inputs")
		}
	}
	return rest, nil
}

// Version is --version's answer: the command, the module version and the
// VCS revision it was built from, and the Go release that built it.
func Version(name string) string {
	var b strings.Builder
	b.WriteString(name)
	info, ok := debug.ReadBuildInfo()
	if !ok {
		b.WriteString(" (no build information)")
		return b.String()
	}
	fmt.Fprintf(&b, " %s", info.Main.Version)
	rev, when, modified := vcs(info)
	if rev == "" {
		b.WriteString(", revision unknown")
	} else {
		fmt.Fprintf(&b, ", revision %s", rev)
		if when != "" {
			fmt.Fprintf(&b, " (%s)", when)
		}
		if modified {
			b.WriteString(", modified")
		}
	}
	fmt.Fprintf(&b, ", built with %s", info.GoVersion)
	return b.String()
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
