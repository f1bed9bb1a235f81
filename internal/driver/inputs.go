package driver

import (
	"bytes"
	"errors"
	"fmt"
	"go/build/constraint"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// dirSources lists the .s files of dir that go build would assemble for
// goos/amd64: names starting with _ or . are left out, and so are files
// whose name suffix (_GOOS, _GOARCH, _GOOS_GOARCH) or //go:build line
// (or, without one, // +build lines) names another target.
func dirSources(dir, goos string) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(dir, "*.s"))
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range all {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".") || !nameMatches(base, goos) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, errors.Unwrap(err))
		}
		if constraintsMatch(data, goos) {
			files = append(files, f)
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: directory holds no .s files", dir)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: directory holds no .s files for %s/amd64 (file names and //go:build lines exclude all %d)", dir, goos, len(all))
	}
	sort.Strings(files)
	return files, nil
}

// knownOS and knownArch are go/build's lists, and pvh, p9ld's boot target.
var knownOS = set("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos pvh")
var knownArch = set("386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm")

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// nameMatches applies go/build's file name rule: after the first _, a
// final _GOOS_GOARCH, _GOOS or _GOARCH (before an optional _test) must
// name the target.
func nameMatches(name, goos string) bool {
	name, _, _ = strings.Cut(name, ".")
	i := strings.Index(name, "_")
	if i < 0 {
		return true
	}
	l := strings.Split(name[i:], "_")
	if n := len(l); n > 0 && l[n-1] == "test" {
		l = l[:n-1]
	}
	n := len(l)
	if n >= 2 && knownOS[l[n-2]] && knownArch[l[n-1]] {
		return l[n-2] == goos && l[n-1] == "amd64"
	}
	if n >= 1 && (knownOS[l[n-1]] || knownArch[l[n-1]]) {
		return l[n-1] == goos || l[n-1] == "amd64"
	}
	return true
}

// constraintsMatch evaluates the build constraints in the file's header
// (the comments before its first other line) as go build does for
// goos/amd64 with the gc toolchain: a //go:build line if there is one,
// otherwise every // +build line.
func constraintsMatch(data []byte, goos string) bool {
	var goBuild constraint.Expr
	var plus []constraint.Expr
	inComment := false
Lines:
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		if !inComment && bytes.HasPrefix(line, []byte("//")) {
			text := string(line)
			if constraint.IsGoBuild(text) && goBuild == nil {
				if x, err := constraint.Parse(text); err == nil {
					goBuild = x
				}
			} else if constraint.IsPlusBuild(text) {
				if x, err := constraint.Parse(text); err == nil {
					plus = append(plus, x)
				}
			}
			continue
		}
		for len(line) > 0 {
			if inComment {
				i := bytes.Index(line, []byte("*/"))
				if i < 0 {
					continue Lines
				}
				inComment = false
				line = bytes.TrimSpace(line[i+2:])
				continue
			}
			if bytes.HasPrefix(line, []byte("//")) {
				continue Lines
			}
			if bytes.HasPrefix(line, []byte("/*")) {
				inComment = true
				line = line[2:]
				continue
			}
			break Lines // the first line that is not a comment
		}
	}
	ok := func(tag string) bool { return buildTag(tag, goos) }
	if goBuild != nil {
		return goBuild.Eval(ok)
	}
	for _, x := range plus {
		if !x.Eval(ok) {
			return false
		}
	}
	return true
}

// buildTag says whether a build tag holds for goos/amd64 built with gc,
// cgo disabled and any go1.N release.
func buildTag(tag, goos string) bool {
	switch tag {
	case goos, "amd64", "gc", "amd64.v1":
		return true
	case "unix":
		return goos == "linux"
	}
	if v, ok := strings.CutPrefix(tag, "go1."); ok {
		return v != "" && strings.Trim(v, "0123456789") == ""
	}
	return false
}

// isGoObject says whether data is an object file of Go's toolchain (go
// tool asm or compile), or an archive of them.
func isGoObject(data []byte) bool {
	if bytes.HasPrefix(data, []byte("go object ")) {
		return true
	}
	rest, ok := bytes.CutPrefix(data, []byte("!<arch>\n"))
	// Each member has a 60-byte header; Go's archives start with
	// __.PKGDEF or hold members that are Go objects.
	for ok && len(rest) >= 60 {
		name := string(bytes.TrimRight(rest[:16], " "))
		if name == "__.PKGDEF" || bytes.HasPrefix(rest[60:], []byte("go object ")) {
			return true
		}
		var size int
		if _, err := fmt.Sscan(string(bytes.TrimSpace(rest[48:58])), &size); err != nil || size < 0 || size > len(rest)-60 {
			return false
		}
		rest = rest[60+size+size%2:]
	}
	return false
}

// findLibs finds each -l name as GNU ld does for a static link: libname.a
// in the -L directories, in order (-l:file names the file itself).
func findLibs(names, dirs []string) ([]string, error) {
	var out []string
	for _, n := range names {
		file := "lib" + n + ".a"
		if f, ok := strings.CutPrefix(n, ":"); ok {
			file = f
		}
		found := ""
		for _, d := range dirs {
			p := filepath.Join(d, file)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				found = p
				break
			}
		}
		if found == "" {
			if len(dirs) == 0 {
				return nil, fmt.Errorf("cannot find -l%s: no -L directory to look for %s in", n, file)
			}
			return nil, fmt.Errorf("cannot find -l%s: no %s in %s", n, file, strings.Join(dirs, ", "))
		}
		out = append(out, found)
	}
	return out, nil
}
